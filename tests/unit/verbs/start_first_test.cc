// `up` replacing start-first (deploy.update_config.order: start-first) on the
// FakeEngine: the engine calls' order (the new container started and healthy
// before the old one stops), replicas one batch after another, and a
// replacement that fails: removed, the old container left serving, one line.

#include <chrono>
#include <future>
#include <thread>

#include "tests/unit/verbs/verb_fixture.h"

namespace berth::verbs_test {
namespace {

using namespace std::chrono_literals;

std::string project_text(const std::string& environment, const std::string& update,
                         bool checked = true) {
  return std::string(R"(services:
  api:
    image: berth-test/busybox:latest
    environment: {VERSION: ")") +
         environment + R"("}
)" + (checked ? R"(    healthcheck:
      test: [CMD, "true"]
      interval: 1s
)"
               : "") +
         R"(    deploy:
      replicas: 2
      update_config:
)" + update;
}

template <class Condition>
bool eventually(Condition done) {
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) {
      return false;
    }
    std::this_thread::sleep_for(2ms);
  }
  return true;
}

class StartFirst : public VerbTest {
 protected:
  // The name of the running replacement of `name` ("<12 hex>_<name>"); empty if none.
  std::string replacement_of(const std::string& name) const {
    for (const auto& container : engine.containers()) {
      const auto at = container.name.find('_');
      if (at != std::string::npos && container.name.substr(at + 1) == name &&
          container.state == "running") {
        return container.name;
      }
    }
    return "";
  }
  bool has_temporary_names() const {
    for (const auto& name : container_names()) {
      if (name.find('_') != std::string::npos) {
        return true;
      }
    }
    return false;
  }
};

TEST_F(StartFirst, NewContainerRunsAndIsHealthyBeforeTheOldStopsOneReplicaAtATime) {
  const std::string update = "        order: start-first\n";
  ASSERT_TRUE(up(load(project_text("1", update)))) << progress.text();
  const std::string old_1 = engine.container("proj-api-1")->id;
  const std::string old_2 = engine.container("proj-api-2")->id;
  engine.clear_transcript();

  ASSERT_TRUE(up(load(project_text("2", update)))) << progress.text();
  const auto changes = engine.changes();
  EXPECT_EQ(changes, (std::vector<std::string>{
                         "create_container tmp_proj-api-1",
                         "start_container tmp_proj-api-1",
                         "stop_container proj-api-1 10",
                         "remove_container proj-api-1",
                         "rename_container tmp_proj-api-1 proj-api-1",
                         "create_container tmp_proj-api-2",
                         "start_container tmp_proj-api-2",
                         "stop_container proj-api-2 10",
                         "remove_container proj-api-2",
                         "rename_container tmp_proj-api-2 proj-api-2",
                     }));
  // Healthy before the old one stopped: the health event comes between.
  const auto events = engine.events();
  int healthy = -1;
  int old_died = -1;
  for (size_t i = 0; i < events.size(); ++i) {
    if (events[i].action == "health_status: healthy" && events[i].id != old_1 && healthy < 0) {
      healthy = static_cast<int>(i);
    }
    if (events[i].action == "die" && events[i].id == old_1) {
      old_died = static_cast<int>(i);
    }
  }
  EXPECT_GE(healthy, 0);
  EXPECT_GT(old_died, healthy);
  for (const std::string name : {"proj-api-1", "proj-api-2"}) {
    auto api = engine.container(name);
    ASSERT_TRUE(api) << name;
    EXPECT_EQ(api->state, "running");
    EXPECT_NE(std::find(api->spec.env.begin(), api->spec.env.end(), "VERSION=2"),
              api->spec.env.end());
    EXPECT_EQ(api->spec.labels.at("com.docker.compose.container-number"), name.substr(9));
  }
  EXPECT_FALSE(engine.container(old_1));
  EXPECT_FALSE(engine.container(old_2));
}

TEST_F(StartFirst, ParallelismTwoReplacesBothReplicasAtOnce) {
  const std::string update = "        order: start-first\n        parallelism: 2\n";
  ASSERT_TRUE(up(load(project_text("1", update)))) << progress.text();
  engine.clear_transcript();
  engine.set_health_on_start("starting");
  const auto changed = load(project_text("2", update));
  auto running = std::async(std::launch::async, [&] { return up(changed); });
  // Both replacements run beside their old containers, none healthy yet:
  // with parallelism 1 the second would wait for the first to be in service.
  std::string first;
  std::string second;
  ASSERT_TRUE(eventually([&] {
    first = replacement_of("proj-api-1");
    second = replacement_of("proj-api-2");
    return !first.empty() && !second.empty();
  })) << progress.text();
  EXPECT_EQ(state_of("proj-api-1"), "running");
  EXPECT_EQ(state_of("proj-api-2"), "running");
  engine.set_health(first, "healthy");
  engine.set_health(second, "healthy");
  ASSERT_EQ(running.wait_for(5s), std::future_status::ready);
  EXPECT_TRUE(running.get()) << progress.text();
  EXPECT_FALSE(has_temporary_names());
}

TEST_F(StartFirst, UnhealthyReplacementIsRemovedAndTheRestPauses) {
  const std::string update = "        order: start-first\n";
  ASSERT_TRUE(up(load(project_text("1", update)))) << progress.text();
  const std::string old_1 = engine.container("proj-api-1")->id;
  const std::string old_2 = engine.container("proj-api-2")->id;
  engine.clear_transcript();
  engine.set_health_on_start("starting");
  scheduler::UpOptions options;
  options.wait_timeout = 10;
  const auto changed = load(project_text("2", update));
  auto running = std::async(std::launch::async, [&] { return up(changed, options); });
  std::string replacement;
  ASSERT_TRUE(eventually([&] { return !(replacement = replacement_of("proj-api-1")).empty(); }));
  engine.set_health(replacement, "unhealthy", "wget: server returned error: HTTP/1.0 500");

  ASSERT_EQ(running.wait_for(5s), std::future_status::ready);
  EXPECT_FALSE(running.get());
  // The old containers serve on, untouched; the replacement is gone.
  EXPECT_EQ(engine.container("proj-api-1")->id, old_1);
  EXPECT_EQ(engine.container("proj-api-2")->id, old_2);
  EXPECT_EQ(state_of("proj-api-1"), "running");
  EXPECT_EQ(state_of("proj-api-2"), "running");
  EXPECT_FALSE(has_temporary_names());
  EXPECT_EQ(engine.changes(), (std::vector<std::string>{
                                  "create_container tmp_proj-api-1",
                                  "start_container tmp_proj-api-1",
                                  "remove_container tmp_proj-api-1 force",
                              }));
  // One line names the container and the check's last output.
  const auto errors = starting_with(progress.lines(), "error: Container proj-api-1:");
  ASSERT_EQ(errors.size(), 1u) << progress.text();
  EXPECT_NE(errors[0].find("is unhealthy: wget: server returned error: HTTP/1.0 500"),
            std::string::npos)
      << errors[0];
  // The second replica was not begun (failure_action: pause), and says so.
  EXPECT_EQ(starting_with(progress.lines(), "error: Container proj-api-2:"),
            (std::vector<std::string>{"error: Container proj-api-2: service \"api\" not "
                                      "replaced: the replacement of proj-api-1 failed"}));
}

TEST_F(StartFirst, ContinueReplacesTheOtherReplicasAfterAFailure) {
  const std::string update = "        order: start-first\n        failure_action: continue\n";
  ASSERT_TRUE(up(load(project_text("1", update)))) << progress.text();
  const std::string old_1 = engine.container("proj-api-1")->id;
  const std::string old_2 = engine.container("proj-api-2")->id;
  engine.set_health_on_start("starting");
  const auto changed = load(project_text("2", update));
  scheduler::UpOptions options;
  options.wait_timeout = 10;
  auto running = std::async(std::launch::async, [&] { return up(changed, options); });
  std::string replacement;
  ASSERT_TRUE(eventually([&] { return !(replacement = replacement_of("proj-api-1")).empty(); }));
  engine.set_health(replacement, "unhealthy", "refused");
  ASSERT_TRUE(eventually([&] { return !(replacement = replacement_of("proj-api-2")).empty(); }));
  engine.set_health(replacement, "healthy");

  ASSERT_EQ(running.wait_for(5s), std::future_status::ready);
  EXPECT_FALSE(running.get());  // one replacement failed
  EXPECT_EQ(engine.container("proj-api-1")->id, old_1);
  EXPECT_NE(engine.container("proj-api-2")->id, old_2);
  EXPECT_EQ(state_of("proj-api-2"), "running");
  EXPECT_FALSE(has_temporary_names());
}

TEST_F(StartFirst, RollbackRemovesEveryNewContainerWhenOneFails) {
  const std::string update =
      "        order: start-first\n        parallelism: 1\n        failure_action: rollback\n";
  ASSERT_TRUE(up(load(project_text("1", update)))) << progress.text();
  const std::string old_1 = engine.container("proj-api-1")->id;
  const std::string old_2 = engine.container("proj-api-2")->id;
  engine.set_health_on_start("starting");
  const auto changed = load(project_text("2", update));
  scheduler::UpOptions options;
  options.wait_timeout = 10;
  auto running = std::async(std::launch::async, [&] { return up(changed, options); });
  std::string replacement;
  ASSERT_TRUE(eventually([&] { return !(replacement = replacement_of("proj-api-1")).empty(); }));
  engine.set_health(replacement, "healthy");
  ASSERT_TRUE(eventually([&] { return !(replacement = replacement_of("proj-api-2")).empty(); }));
  engine.set_health(replacement, "unhealthy", "refused");

  ASSERT_EQ(running.wait_for(5s), std::future_status::ready);
  EXPECT_FALSE(running.get());
  // Replica 1's healthy replacement went too: the service is all old.
  EXPECT_EQ(engine.container("proj-api-1")->id, old_1);
  EXPECT_EQ(engine.container("proj-api-2")->id, old_2);
  EXPECT_EQ(state_of("proj-api-1"), "running");
  EXPECT_EQ(state_of("proj-api-2"), "running");
  EXPECT_FALSE(has_temporary_names());
}

TEST_F(StartFirst, WithoutACheckAReplacementThatExitsDuringMonitorFails) {
  const std::string update = "        order: start-first\n        monitor: 3s\n";
  ASSERT_TRUE(up(load(project_text("1", update, false)))) << progress.text();
  const std::string old_1 = engine.container("proj-api-1")->id;
  const auto changed = load(project_text("2", update, false));
  auto running = std::async(std::launch::async, [&] { return up(changed); });
  std::string replacement;
  ASSERT_TRUE(eventually([&] { return !(replacement = replacement_of("proj-api-1")).empty(); }));
  std::this_thread::sleep_for(100ms);
  engine.exit_container(replacement, 3);

  ASSERT_EQ(running.wait_for(5s), std::future_status::ready);
  EXPECT_FALSE(running.get());
  EXPECT_EQ(engine.container("proj-api-1")->id, old_1);
  EXPECT_FALSE(has_temporary_names());
  EXPECT_NE(progress.text().find("exited with code 3 within"), std::string::npos)
      << progress.text();
}

TEST_F(StartFirst, WithoutACheckAReplacementServesOnceItKeptRunningForMonitor) {
  const std::string update = "        order: start-first\n        monitor: 300ms\n";
  ASSERT_TRUE(up(load(project_text("1", update, false)))) << progress.text();
  const std::string old_1 = engine.container("proj-api-1")->id;
  const auto began = std::chrono::steady_clock::now();
  ASSERT_TRUE(up(load(project_text("2", update, false)))) << progress.text();
  // Two replicas, one after the other, each held 300 ms.
  EXPECT_GE(std::chrono::steady_clock::now() - began, 600ms);
  EXPECT_NE(engine.container("proj-api-1")->id, old_1);
  EXPECT_EQ(state_of("proj-api-1"), "running");
  EXPECT_FALSE(has_temporary_names());
}

TEST_F(StartFirst, DryRunPrintsTheStartFirstPlanAndChangesNothing) {
  const std::string update = "        order: start-first\n";
  ASSERT_TRUE(up(load(project_text("1", update)))) << progress.text();
  engine.clear_transcript();
  scheduler::UpOptions options;
  options.dry_run = true;
  ASSERT_TRUE(up(load(project_text("2", update)), options)) << progress.text();
  EXPECT_EQ(engine.changes(), std::vector<std::string>{});
  const auto plans = progress.plans();
  ASSERT_FALSE(plans.empty());
  EXPECT_NE(plans.back().find("AwaitContainer, start-first: the replacement must be healthy"),
            std::string::npos)
      << plans.back();
}

}  // namespace
}  // namespace berth::verbs_test
