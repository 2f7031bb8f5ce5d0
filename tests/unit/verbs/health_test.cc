// Waiting on health with the FakeEngine's events: `up` holds a dependent's
// start back until its service_healthy dependency reports healthy (and gives up when it
// turns unhealthy), `up --wait`, and the Supervisor healing an unhealthy
// container and then the services that declared `restart: true` on it.

#include <chrono>
#include <future>
#include <thread>

#include "health/supervisor.h"
#include "scheduler/supervision.h"
#include "tests/unit/verbs/verb_fixture.h"

namespace berth::verbs_test {
namespace {

using namespace std::chrono_literals;

const std::string k_healthy_dependency = R"(services:
  db:
    image: berth-test/busybox:latest
    healthcheck:
      test: [CMD, "true"]
      interval: 1s
  api:
    image: berth-test/busybox:latest
    depends_on:
      db: {condition: service_healthy, restart: true}
)";

// Polls `done` until it holds or two seconds pass.
template <class Condition>
bool eventually(Condition done) {
  const auto deadline = std::chrono::steady_clock::now() + 2s;
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) {
      return false;
    }
    std::this_thread::sleep_for(2ms);
  }
  return true;
}

using HealthWaits = VerbTest;

// As compose v2: the dependent's container is created at once, its start
// waits.
TEST_F(HealthWaits, DependentStartsOnlyOnceItsDependencyReportsHealthy) {
  const auto project = load(k_healthy_dependency);
  engine.set_health_on_start("starting");
  scheduler::UpOptions options;
  options.wait_timeout = 5;  // a failing test ends soon, not after the check's bound
  auto running = std::async(std::launch::async, [&] { return up(project, options); });

  ASSERT_TRUE(eventually([&] { return state_of("proj-api-1") == "created"; }));
  std::this_thread::sleep_for(50ms);  // time enough to go wrong, if it would
  EXPECT_EQ(state_of("proj-api-1"), "created");
  engine.set_health("proj-db-1", "healthy");

  ASSERT_EQ(running.wait_for(2s), std::future_status::ready);
  ASSERT_TRUE(running.get()) << progress.text();
  EXPECT_EQ(state_of("proj-api-1"), "running");
  const auto events = engine.events();
  int healthy_at = -1;
  int api_started_at = -1;
  for (size_t i = 0; i < events.size(); ++i) {
    if (events[i].action == "health_status: healthy") {
      healthy_at = static_cast<int>(i);
    }
    if (events[i].action == "start" && events[i].attributes.at("name") == "proj-api-1") {
      api_started_at = static_cast<int>(i);
    }
  }
  EXPECT_NE(healthy_at, -1);
  EXPECT_GT(api_started_at, healthy_at);
}

TEST_F(HealthWaits, UnhealthyDependencyFailsUpAndItsDependentNeverStarts) {
  const auto project = load(k_healthy_dependency);
  engine.set_health_on_start("starting");
  scheduler::UpOptions options;
  options.wait_timeout = 5;  // a failing test ends soon, not after the check's bound
  auto running = std::async(std::launch::async, [&] { return up(project, options); });

  ASSERT_TRUE(eventually([&] { return state_of("proj-db-1") == "running"; }));
  engine.set_health("proj-db-1", "unhealthy", "connection refused");

  ASSERT_EQ(running.wait_for(2s), std::future_status::ready);
  EXPECT_FALSE(running.get());
  EXPECT_EQ(state_of("proj-api-1"), "created");
  EXPECT_EQ(mentioning(engine.changes(), "proj-api-1"),
            std::vector<std::string>{"create_container proj-api-1"});
  EXPECT_NE(progress.text().find("connection refused"), std::string::npos) << progress.text();
}

TEST_F(HealthWaits, DependencyThatExitsBeforeHealthyFailsUp) {
  const auto project = load(k_healthy_dependency);
  engine.set_health_on_start("starting");
  engine.exit_on_start("proj-db-1", 2);

  EXPECT_FALSE(up(project));
  EXPECT_EQ(state_of("proj-api-1"), "created");
  EXPECT_NE(progress.text().find("exited with code 2"), std::string::npos) << progress.text();
}

TEST_F(HealthWaits, UpWaitReturnsOnceEveryContainerIsReady) {
  const auto project = load(k_healthy_dependency);
  scheduler::UpOptions options;
  options.wait = true;
  ASSERT_TRUE(up(project, options)) << progress.text();
  const auto lines = progress.lines();
  EXPECT_NE(position(lines, "Container proj-db-1 Healthy"), -1) << progress.text();
  EXPECT_NE(position(lines, "Container proj-api-1 Running"), -1) << progress.text();
}

TEST_F(HealthWaits, UpWaitFailsWhenAContainerExits) {
  const auto project = load(R"(services:
  job:
    image: berth-test/busybox:latest
)");
  engine.exit_on_start("proj-job-1", 1);
  scheduler::UpOptions options;
  options.wait = true;
  EXPECT_FALSE(up(project, options));
  EXPECT_NE(progress.text().find("exited with code 1"), std::string::npos) << progress.text();
}

// The Supervisor on its own thread, with a log the test can wait on. It
// keeps its own copy of the project: the supervisor runs until TearDown,
// after the test body's locals are gone.
class Supervision : public VerbTest {
 protected:
  void start_supervising(const compose::Project& project) {
    m_project = std::make_unique<compose::Project>(project);
    health::SupervisorOptions options;
    options.start_order = scheduler::DependencyGraph::build(*m_project).start_order();
    options.first_backoff = 1ms;
    m_supervisor = std::make_unique<scheduler::Supervision>(
        engine, *m_project, options, [this](const std::string& line) {
          std::lock_guard lock(m_mutex);
          m_log.push_back(line);
        });
    m_supervisor->on_plan([this](const scheduler::Plan& plan) {
      std::lock_guard lock(m_mutex);
      m_plans.push_back(plan.to_string());
    });
    m_run = std::thread([this] { m_supervisor->run(); });
    ASSERT_TRUE(eventually([this] { return logged("supervising"); }));
  }
  void TearDown() override {
    if (m_supervisor) {
      m_supervisor->stop();
      m_run.join();
    }
  }
  bool logged(const std::string& text) {
    std::lock_guard lock(m_mutex);
    for (const auto& line : m_log) {
      if (line.find(text) != std::string::npos) {
        return true;
      }
    }
    return false;
  }
  std::vector<std::string> plans() {
    std::lock_guard lock(m_mutex);
    return m_plans;
  }
  std::string log_text() {
    std::lock_guard lock(m_mutex);
    std::string all;
    for (const auto& line : m_log) {
      all += line + "\n";
    }
    return all;
  }

 private:
  std::unique_ptr<compose::Project> m_project;
  std::unique_ptr<scheduler::Supervision> m_supervisor;
  std::thread m_run;
  std::mutex m_mutex;
  std::vector<std::string> m_log;
  std::vector<std::string> m_plans;  // each heal's, as text
};

TEST_F(Supervision, RestartsAnUnhealthyContainerThenItsRestartFollowers) {
  const auto project = load(k_healthy_dependency);
  ASSERT_TRUE(up(project)) << progress.text();
  start_supervising(project);
  engine.clear_transcript();

  engine.set_health("proj-db-1", "unhealthy", "no answer");
  ASSERT_TRUE(eventually([this] { return logged("restarting proj-api-1"); })) << log_text();
  ASSERT_TRUE(eventually([this] {
    return position(engine.changes(), "restart_container proj-api-1 10") != -1;
  })) << log_text();
  EXPECT_TRUE(before(engine.changes(), "restart_container proj-db-1 10",
                     "restart_container proj-api-1 10"));
  EXPECT_TRUE(logged("proj-db-1 is unhealthy (no answer)")) << log_text();
  EXPECT_TRUE(logged("restarted proj-db-1")) << log_text();
  EXPECT_TRUE(logged("proj-db-1 is healthy again")) << log_text();
  EXPECT_EQ(engine.container("proj-db-1")->health, "healthy");
  EXPECT_EQ(plans(),
            std::vector<std::string>{
                "[] -> #1 service:db:1, RestartContainer, unhealthy (no answer)\n"
                "[1] -> #2 service:db:1, AwaitContainer, restarted by supervision\n"
                "[2] -> #3 service:api:1, RestartContainer, depends on \"db\" with restart: true\n"
                "[3] -> #4 service:api:1, AwaitContainer, restarted after \"db\"\n"});
}

TEST_F(Supervision, LeavesAContainerWithARestartPolicyToTheEngine) {
  const auto project = load(R"(services:
  db:
    image: berth-test/busybox:latest
    restart: always
    healthcheck:
      test: [CMD, "true"]
)");
  ASSERT_TRUE(up(project)) << progress.text();
  start_supervising(project);
  engine.clear_transcript();

  engine.set_health("proj-db-1", "unhealthy");
  ASSERT_TRUE(eventually([this] { return logged("left to its restart policy"); })) << log_text();
  EXPECT_EQ(engine.changes(), std::vector<std::string>{});
  EXPECT_TRUE(plans().empty());  // nothing planned: the engine restarts it
}

}  // namespace
}  // namespace berth::verbs_test
