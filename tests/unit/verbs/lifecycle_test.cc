// The lifecycle commands (scheduler::run_lifecycle) against the FakeEngine:
// restart takes along the services that declared `restart: true`, stops go
// dependents first, starts dependencies first, and a service_healthy
// dependency is awaited through the engine's events.

#include "tests/unit/verbs/verb_fixture.h"

namespace berth::verbs_test {
namespace {

using scheduler::Lifecycle;
using scheduler::LifecycleOptions;

using LifecycleVerb = VerbTest;

TEST_F(LifecycleVerb, RestartTakesAlongDependentsDeclaringRestartTrue) {
  const auto project = load(k_chain);
  ASSERT_TRUE(up(project)) << progress.text();
  const std::string db_started = engine.container("proj-db-1")->started_at;
  engine.clear_transcript();

  LifecycleOptions options;
  options.services = {"db"};
  ASSERT_TRUE(lifecycle(Lifecycle::restart, project, options)) << progress.text();

  // api follows db (restart: true) and is stopped first, started after it;
  // web depends on api without restart: true and is left alone.
  EXPECT_EQ(engine.changes(), (std::vector<std::string>{
                                  "stop_container proj-api-1 10",
                                  "stop_container proj-db-1 10",
                                  "start_container proj-db-1",
                                  "start_container proj-api-1",
                              }));
  EXPECT_NE(engine.container("proj-db-1")->started_at, db_started);
  for (const std::string name : {"proj-db-1", "proj-api-1", "proj-web-1"}) {
    EXPECT_EQ(state_of(name), "running") << name;
  }
}

TEST_F(LifecycleVerb, RestartOfALeafTouchesNothingElse) {
  const auto project = load(k_chain);
  ASSERT_TRUE(up(project)) << progress.text();
  engine.clear_transcript();

  LifecycleOptions options;
  options.services = {"web"};
  options.timeout = 3;
  ASSERT_TRUE(lifecycle(Lifecycle::restart, project, options)) << progress.text();
  EXPECT_EQ(engine.changes(), (std::vector<std::string>{
                                  "stop_container proj-web-1 3",
                                  "start_container proj-web-1",
                              }));
}

TEST_F(LifecycleVerb, StopGoesDependentsFirstAndStartDependenciesFirst) {
  const auto project = load(k_chain);
  ASSERT_TRUE(up(project)) << progress.text();
  engine.clear_transcript();

  ASSERT_TRUE(lifecycle(Lifecycle::stop, project)) << progress.text();
  EXPECT_EQ(engine.changes(), (std::vector<std::string>{
                                  "stop_container proj-web-1 10",
                                  "stop_container proj-api-1 10",
                                  "stop_container proj-db-1 10",
                              }));
  for (const std::string name : {"proj-db-1", "proj-api-1", "proj-web-1"}) {
    EXPECT_EQ(state_of(name), "exited") << name;
  }
  engine.clear_transcript();

  ASSERT_TRUE(lifecycle(Lifecycle::start, project)) << progress.text();
  EXPECT_EQ(engine.changes(), (std::vector<std::string>{
                                  "start_container proj-db-1",
                                  "start_container proj-api-1",
                                  "start_container proj-web-1",
                              }));
}

TEST_F(LifecycleVerb, StopOfStoppedContainersChangesNothing) {
  const auto project = load(k_chain);
  ASSERT_TRUE(up(project)) << progress.text();
  ASSERT_TRUE(lifecycle(Lifecycle::stop, project)) << progress.text();
  engine.clear_transcript();

  ASSERT_TRUE(lifecycle(Lifecycle::stop, project)) << progress.text();
  EXPECT_EQ(engine.changes(), std::vector<std::string>{});
}

TEST_F(LifecycleVerb, StopGivesEachServiceItsStopGracePeriodUnlessATimeoutIsGiven) {
  const auto project = load(R"(services:
  slow:
    image: berth-test/busybox:latest
    stop_grace_period: 30s
)");
  ASSERT_TRUE(up(project)) << progress.text();
  engine.clear_transcript();

  ASSERT_TRUE(lifecycle(Lifecycle::stop, project)) << progress.text();
  ASSERT_TRUE(lifecycle(Lifecycle::start, project)) << progress.text();
  LifecycleOptions quick;
  quick.timeout = 2;
  ASSERT_TRUE(lifecycle(Lifecycle::stop, project, quick)) << progress.text();
  EXPECT_EQ(starting_with(engine.changes(), "stop_container"),
            (std::vector<std::string>{"stop_container proj-slow-1 30",
                                      "stop_container proj-slow-1 2"}));
}

TEST_F(LifecycleVerb, PreStopHookRunsInTheContainerBeforeItStops) {
  const auto project = load(R"(services:
  db:
    image: berth-test/busybox:latest
    pre_stop:
      - command: [sh, -c, "echo bye"]
)");
  ASSERT_TRUE(up(project)) << progress.text();
  engine.clear_transcript();

  ASSERT_TRUE(lifecycle(Lifecycle::stop, project)) << progress.text();
  EXPECT_EQ(engine.changes(), (std::vector<std::string>{
                                  "create_exec proj-db-1 sh -c echo bye",
                                  "start_exec proj-db-1",
                                  "stop_container proj-db-1 10",
                              }));
}

TEST_F(LifecycleVerb, FailingPreStopHookStillStops) {
  const auto project = load(R"(services:
  db:
    image: berth-test/busybox:latest
    pre_stop:
      - command: [false]
)");
  ASSERT_TRUE(up(project)) << progress.text();
  engine.set_exec_exit_code(3);

  ASSERT_TRUE(lifecycle(Lifecycle::stop, project)) << progress.text();
  EXPECT_EQ(state_of("proj-db-1"), "exited");
  EXPECT_NE(progress.text().find("exited with code 3"), std::string::npos) << progress.text();
}

TEST_F(LifecycleVerb, KillSendsTheSignalDependentsFirst) {
  const auto project = load(k_chain);
  ASSERT_TRUE(up(project)) << progress.text();
  engine.clear_transcript();

  LifecycleOptions options;
  options.signal = "SIGTERM";
  ASSERT_TRUE(lifecycle(Lifecycle::kill, project, options)) << progress.text();
  EXPECT_EQ(engine.changes(), (std::vector<std::string>{
                                  "kill_container proj-web-1 SIGTERM",
                                  "kill_container proj-api-1 SIGTERM",
                                  "kill_container proj-db-1 SIGTERM",
                              }));
  EXPECT_EQ(engine.container("proj-db-1")->exit_code, 143);
}

TEST_F(LifecycleVerb, PauseGoesDependentsFirstAndUnpauseDependenciesFirst) {
  const auto project = load(k_chain);
  ASSERT_TRUE(up(project)) << progress.text();
  engine.clear_transcript();

  ASSERT_TRUE(lifecycle(Lifecycle::pause, project)) << progress.text();
  ASSERT_TRUE(lifecycle(Lifecycle::unpause, project)) << progress.text();
  EXPECT_EQ(engine.changes(), (std::vector<std::string>{
                                  "pause_container proj-web-1",
                                  "pause_container proj-api-1",
                                  "pause_container proj-db-1",
                                  "unpause_container proj-db-1",
                                  "unpause_container proj-api-1",
                                  "unpause_container proj-web-1",
                              }));
  EXPECT_EQ(state_of("proj-web-1"), "running");
}

TEST_F(LifecycleVerb, RemoveTakesOnlyStoppedContainersUnlessToldToStopFirst) {
  const auto project = load(k_chain);
  ASSERT_TRUE(up(project)) << progress.text();
  ASSERT_TRUE(engine.stop_container("proj-web-1", 0));
  engine.clear_transcript();

  ASSERT_TRUE(lifecycle(Lifecycle::remove, project)) << progress.text();
  EXPECT_EQ(engine.changes(), std::vector<std::string>{"remove_container proj-web-1"});
  engine.clear_transcript();

  LifecycleOptions stop_first;
  stop_first.stop_first = true;
  ASSERT_TRUE(lifecycle(Lifecycle::remove, project, stop_first)) << progress.text();
  const auto changes = engine.changes();
  EXPECT_EQ(sorted(changes), (std::vector<std::string>{
                                 "remove_container proj-api-1",
                                 "remove_container proj-db-1",
                                 "stop_container proj-api-1 10",
                                 "stop_container proj-db-1 10",
                             }));
  // Every stop, dependents first, before any removal.
  EXPECT_TRUE(before(changes, "stop_container proj-api-1 10", "stop_container proj-db-1 10"));
  EXPECT_TRUE(before(changes, "stop_container proj-db-1 10", "remove_container proj-api-1"));
  EXPECT_EQ(container_names(), std::vector<std::string>{});
}

}  // namespace
}  // namespace berth::verbs_test
