// deploy and undeploy against the FakeEngine as a single-node swarm manager:
// what is created, updated and removed, in which order, and what is waited on.

#include "scheduler/swarm/deploy.h"

#include "tests/unit/verbs/verb_fixture.h"

namespace berth::verbs_test {
namespace {

// db before api (which links to it and needs it healthy), api before web.
const std::string k_swarm_tiers = R"(services:
  db:
    image: berth-test/busybox:latest
    healthcheck: {test: ["CMD", "true"], interval: 1s}
  api:
    image: berth-test/busybox:latest
    links: ["db:database"]
    depends_on: {db: {condition: service_healthy}}
  web:
    image: berth-test/busybox:latest
    depends_on: [api]
)";

class DeployVerb : public VerbTest {
 protected:
  void SetUp() override {
    VerbTest::SetUp();
    engine.become_swarm_manager();
  }
  bool deploy(const compose::Project& project, scheduler::DeployOptions options = {}) {
    options.poll_interval = std::chrono::milliseconds(1);
    const auto graph = scheduler::DependencyGraph::build(project);
    return scheduler::deploy(engine, project, graph, options, progress);
  }
};

TEST_F(DeployVerb, CreatesEachServiceOnlyOnceItsDependencyIsReady) {
  ASSERT_TRUE(deploy(load(k_swarm_tiers))) << progress.text();
  const auto calls = engine.transcript();
  EXPECT_EQ(mentioning(engine.changes(), "create_"),
            (std::vector<std::string>{"create_network proj_default", "create_service proj_db",
                                      "create_service proj_api", "create_service proj_web"}));
  EXPECT_TRUE(before(calls, "list_tasks proj_db", "create_service proj_api"));
  EXPECT_TRUE(before(calls, "list_tasks proj_api", "create_service proj_web"));
  const auto lines = progress.lines();
  EXPECT_TRUE(before(lines, "Service proj_db Ready", "Service proj_api Creating"));
  EXPECT_TRUE(before(lines, "Service proj_api Ready", "Service proj_web Creating"));
}

TEST_F(DeployVerb, ARedeployOfAnUnchangedProjectChangesNothing) {
  const auto project = load(k_swarm_tiers);
  ASSERT_TRUE(deploy(project)) << progress.text();
  engine.clear_transcript();
  ASSERT_TRUE(deploy(project)) << progress.text();
  EXPECT_EQ(engine.changes(), std::vector<std::string>{});
  EXPECT_EQ(mentioning(progress.lines(), "Unchanged").size(), 3u) << progress.text();
}

TEST_F(DeployVerb, OneChangedServiceIsUpdatedAfterItsDependencyIsSeenReady) {
  ASSERT_TRUE(deploy(load(k_swarm_tiers))) << progress.text();
  engine.clear_transcript();
  std::string changed = k_swarm_tiers;
  changed.replace(changed.find("    links:"), 0, "    environment: {GREETING: howdy}\n");
  ASSERT_TRUE(deploy(load(changed))) << progress.text();
  EXPECT_EQ(engine.changes(), std::vector<std::string>{"update_service proj_api"});
  EXPECT_TRUE(before(engine.transcript(), "list_tasks proj_db", "update_service proj_api"));
}

TEST_F(DeployVerb, AFailedDependencyStopsItsDependentsOnly) {
  engine.set_task_state("proj_db", "failed");
  const auto project = load(R"(services:
  db:
    image: berth-test/busybox:latest
    deploy: {restart_policy: {condition: none}}
  api:
    image: berth-test/busybox:latest
    depends_on: [db]
  other:
    image: berth-test/busybox:latest
)");
  EXPECT_FALSE(deploy(project));
  const auto changes = engine.changes();
  EXPECT_EQ(sorted(mentioning(changes, "create_service")),
            (std::vector<std::string>{"create_service proj_db", "create_service proj_other"}));
  EXPECT_EQ(mentioning(progress.lines(), "error:"),
            (std::vector<std::string>{
                "error: Service proj_db: task 1 failed: task: non-zero exit (1)",
                "error: Service proj_api: not deployed: its dependency \"db\" is not ready"}))
      << progress.text();
}

TEST_F(DeployVerb, DryRunAndUndeployDryRunChangeNothing) {
  const auto project = load(k_swarm_tiers);
  scheduler::DeployOptions options;
  options.dry_run = true;
  ASSERT_TRUE(deploy(project, options)) << progress.text();
  EXPECT_EQ(engine.changes(), std::vector<std::string>{});
  ASSERT_TRUE(deploy(project));
  engine.clear_transcript();
  ASSERT_TRUE(scheduler::undeploy(engine, project, progress, true));
  EXPECT_EQ(engine.changes(), std::vector<std::string>{});
}

TEST_F(DeployVerb, UndeployRemovesTheServicesThenTheNetworks) {
  const auto project = load(k_swarm_tiers);
  ASSERT_TRUE(deploy(project)) << progress.text();
  engine.clear_transcript();
  ASSERT_TRUE(scheduler::undeploy(engine, project, progress)) << progress.text();
  const auto changes = engine.changes();
  EXPECT_EQ(sorted(changes),
            (std::vector<std::string>{"remove_network proj_default", "remove_service proj_api",
                                      "remove_service proj_db", "remove_service proj_web"}));
  EXPECT_EQ(changes.back(), "remove_network proj_default");
}

}  // namespace
}  // namespace berth::verbs_test
