// --dry-run against the FakeEngine: every changing verb reports its plan and
// makes no changing call. (tests/integration/dry_run_test.cc proves the same
// against dockerd by watching its events.)

#include "tests/unit/verbs/verb_fixture.h"

namespace berth::verbs_test {
namespace {

const std::string k_two_tiers = R"(services:
  db:
    image: berth-test/busybox:latest
    volumes: [data:/data]
  web:
    image: berth-test/busybox:latest
    depends_on: [db]
volumes:
  data:
)";

class DryRun : public VerbTest {
 protected:
  std::string last_plan() const {
    const auto plans = progress.plans();
    return plans.empty() ? "" : plans.back();
  }
  const compose::Project project = load(k_two_tiers);
};

TEST_F(DryRun, ColdUpPlansEverythingAndChangesNothing) {
  scheduler::UpOptions options;
  options.dry_run = true;
  ASSERT_TRUE(up(project, options)) << progress.text();
  EXPECT_EQ(engine.changes(), std::vector<std::string>{});
  EXPECT_EQ(container_names(), std::vector<std::string>{});
  const std::string plan = last_plan();
  for (const char* expected : {"CreateNetwork", "CreateVolume", "service:db:1, CreateContainer",
                               "service:web:1, StartContainer"}) {
    EXPECT_NE(plan.find(expected), std::string::npos) << expected << " in:\n" << plan;
  }
}

TEST_F(DryRun, ScaleRestartStopAndDownChangeNothing) {
  ASSERT_TRUE(up(project)) << progress.text();
  engine.clear_transcript();

  scheduler::UpOptions scale;
  scale.dry_run = true;
  scale.scale = {{"web", 3}};
  ASSERT_TRUE(up(project, scale)) << progress.text();
  EXPECT_NE(last_plan().find("service:web:3, CreateContainer"), std::string::npos)
      << last_plan();

  for (auto command : {scheduler::Lifecycle::restart, scheduler::Lifecycle::stop,
                       scheduler::Lifecycle::kill, scheduler::Lifecycle::pause}) {
    scheduler::LifecycleOptions options;
    options.dry_run = true;
    ASSERT_TRUE(lifecycle(command, project, options)) << progress.text();
    EXPECT_FALSE(last_plan().empty());
  }

  scheduler::DownOptions down_options;
  down_options.dry_run = true;
  down_options.remove_volumes = true;
  ASSERT_TRUE(down(project, down_options)) << progress.text();
  EXPECT_NE(last_plan().find("RemoveVolume"), std::string::npos) << last_plan();

  EXPECT_EQ(engine.changes(), std::vector<std::string>{});
  EXPECT_EQ(container_names(), (std::vector<std::string>{"proj-db-1", "proj-web-1"}));
  EXPECT_EQ(state_of("proj-web-1"), "running");
}

}  // namespace
}  // namespace berth::verbs_test
