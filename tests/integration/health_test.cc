// Health-gated start, `up --wait`, `wait` and berth-side probes on the real engine.

#include <gtest/gtest.h>

#include <ctime>

#include "harness.h"

namespace berth::testing {
namespace {

// A service that stops at once on SIGTERM; `before` runs first.
std::string long_running(const std::string& before = "") {
  return "[\"sh\", \"-c\", \"" + before + "trap 'exit 0' TERM; sleep 2147483647 & wait\"]";
}

// Nanoseconds since the epoch of an engine timestamp ("2026-11-28T00:01:02.5Z").
int64_t engine_time_ns(const std::string& text) {
  std::tm parts{};
  if (text.size() < 19 || !strptime(text.substr(0, 19).c_str(), "%Y-%m-%dT%H:%M:%S", &parts)) {
    return 0;
  }
  int64_t ns = static_cast<int64_t>(timegm(&parts)) * 1'000'000'000;
  if (text.size() > 20 && text[19] == '.') {
    std::string digits;
    for (size_t i = 20; i < text.size() && isdigit(static_cast<unsigned char>(text[i])); ++i) {
      digits += text[i];
    }
    digits.resize(9, '0');
    ns += std::stoll(digits);
  }
  return ns;
}

int64_t started_ns(const std::string& container) {
  auto details = test_engine().inspect_container(container);
  return details ? engine_time_ns(details->started_at) : 0;
}

std::string health_of(const std::string& container) {
  auto details = test_engine().inspect_container(container);
  return details && details->health ? details->health->status : "";
}

std::string status_of(const std::string& container) {
  auto details = test_engine().inspect_container(container);
  return details ? details->status : "missing";
}

constexpr int64_t k_second = 1'000'000'000;

// Each link turns healthy one second after it starts.
const char* k_chain = R"(services:
  a:
    image: berth-test/busybox:latest
    command: COMMAND
    healthcheck: {test: "test -f /tmp/ready", interval: 200ms, retries: 50}
  b:
    image: berth-test/busybox:latest
    command: COMMAND
    healthcheck: {test: "test -f /tmp/ready", interval: 200ms, retries: 50}
    depends_on: {a: {condition: service_healthy}}
  c:
    image: berth-test/busybox:latest
    command: COMMAND
    depends_on: {b: {condition: service_healthy}}
)";

std::string with_command(std::string yaml, const std::string& command) {
  for (size_t at = yaml.find("COMMAND"); at != std::string::npos; at = yaml.find("COMMAND")) {
    yaml.replace(at, 7, command);
  }
  return yaml;
}

TEST(HealthGating, ChainStartsStrictlyInOrder) {
  TestProject project("chain", with_command(k_chain, long_running("sleep 1; touch /tmp/ready; ")));
  const auto p = project.name();
  auto up = project.berth("up -d");
  ASSERT_EQ(up.exit_code, 0) << up.err;
  EXPECT_EQ(health_of(p + "-a-1"), "healthy");
  EXPECT_EQ(health_of(p + "-b-1"), "healthy");
  EXPECT_EQ(status_of(p + "-c-1"), "running");
  // Without the gate all three start within a few hundred milliseconds.
  EXPECT_GE(started_ns(p + "-b-1") - started_ns(p + "-a-1"), k_second);
  EXPECT_GE(started_ns(p + "-c-1") - started_ns(p + "-b-1"), k_second);
  EXPECT_LT(up.err.find(p + "-a-1  Healthy"), up.err.find(p + "-b-1  Started")) << up.err;
}

// `up --wait a` recreates b and c, which link to a, though they were not
// named: c still waits for b's health, and --wait for both (found with the
// couchdb demo: web started before the recreated api was healthy).
TEST(HealthGating, DependentsRecreatedThroughLinksAreGatedAndWaitedFor) {
  std::string yaml = with_command(k_chain, long_running("sleep 1; touch /tmp/ready; "));
  yaml.replace(yaml.find("    depends_on: {a:"), 0, "    links: [a]\n");
  yaml.replace(yaml.find("    depends_on: {b:"), 0,
               "    links: [b]\n    healthcheck: {test: \"test -f /tmp/ready\", interval: 200ms, "
               "retries: 50}\n");
  TestProject project("chainrecreate", yaml);
  const auto p = project.name();
  ASSERT_EQ(project.berth("up -d --wait").exit_code, 0);
  auto up = project.berth("up -d --wait --force-recreate a");
  ASSERT_EQ(up.exit_code, 0) << up.err;
  EXPECT_EQ(health_of(p + "-b-1"), "healthy") << up.err;
  EXPECT_EQ(health_of(p + "-c-1"), "healthy") << up.err;
  EXPECT_GE(started_ns(p + "-b-1") - started_ns(p + "-a-1"), k_second) << up.err;
  EXPECT_GE(started_ns(p + "-c-1") - started_ns(p + "-b-1"), k_second) << up.err;
}

TEST(HealthGating, UnhealthyDependencyFailsItsDependentsWithItsCheckOutput) {
  TestProject project("unhealthy", R"(services:
  db:
    image: berth-test/busybox:latest
    command: )" + long_running() + R"(
    healthcheck: {test: "echo db-is-sick; exit 1", interval: 200ms, retries: 2}
  web:
    image: berth-test/busybox:latest
    command: )" + long_running() + R"(
    depends_on: {db: {condition: service_healthy}}
)");
  const auto p = project.name();
  auto up = project.berth("up -d");
  EXPECT_EQ(up.exit_code, 1);
  EXPECT_NE(up.err.find("service \"db\": is unhealthy: db-is-sick"), std::string::npos) << up.err;
  EXPECT_NE(up.err.find("service \"web\" not started: dependency \"db\" is unhealthy"),
            std::string::npos)
      << up.err;
  EXPECT_LT(up.seconds, 10.0);
  EXPECT_EQ(status_of(p + "-web-1"), "created");  // made early, never started
}

TEST(HealthGating, DependencyThatNeverBecomesHealthyIsBoundedByWaitTimeout) {
  TestProject project("neverhealthy", R"(services:
  db:
    image: berth-test/busybox:latest
    command: )" + long_running() + R"(
    healthcheck: {test: "echo still-warming; exit 1", interval: 200ms, start_period: 120s}
  web:
    image: berth-test/busybox:latest
    command: )" + long_running() + R"(
    depends_on: {db: {condition: service_healthy}}
)");
  auto up = project.berth("up -d --wait-timeout 3");
  EXPECT_EQ(up.exit_code, 1);
  EXPECT_NE(up.err.find("not healthy after 3"), std::string::npos) << up.err;
  EXPECT_NE(up.err.find("last check: still-warming"), std::string::npos) << up.err;
  EXPECT_LT(up.seconds, 8.0);
}

TEST(HealthGating, DependencyWithoutHealthCheckIsRefusedBeforeAnyChange) {
  TestProject project("nocheck", R"(services:
  db:
    image: berth-test/busybox:latest
    command: )" + long_running() + R"(
  web:
    image: berth-test/busybox:latest
    command: )" + long_running() + R"(
    depends_on:
      db:
        condition: service_healthy
)");
  auto up = project.berth("up -d");
  EXPECT_EQ(up.exit_code, 1);
  EXPECT_NE(up.err.find("compose.yaml:9:7: services.web.depends_on.db: service \"db\" has no "
                        "health check to wait for"),
            std::string::npos)
      << up.err;
  EXPECT_TRUE(project.containers().empty());
  EXPECT_TRUE(project.networks().empty());
}

const char* k_one_shot = R"(services:
  migrate:
    image: berth-test/busybox:latest
    command: ["sh", "-c", "sleep 1; exit ${CODE:-0}"]
  web:
    image: berth-test/busybox:latest
    command: LONG
    depends_on: {migrate: {condition: service_completed_successfully, required: REQUIRED}}
)";

std::string one_shot(bool required) {
  std::string yaml = k_one_shot;
  yaml.replace(yaml.find("LONG"), 4, long_running());
  yaml.replace(yaml.find("REQUIRED"), 8, required ? "true" : "false");
  return yaml;
}

CommandResult berth_with_code(const TestProject& project, int code, const std::string& args) {
  return run_shell("CODE=" + std::to_string(code) + " " + shell_quote(BERTH_BINARY) + " -p " +
                       project.name() + " " + args,
                   project.dir());
}

TEST(HealthGating, CompletedSuccessfullyWaitsForTheExit) {
  TestProject project("completed", one_shot(true));
  const auto p = project.name();
  auto up = berth_with_code(project, 0, "up -d");
  ASSERT_EQ(up.exit_code, 0) << up.err;
  auto migrate = test_engine().inspect_container(p + "-migrate-1");
  ASSERT_TRUE(migrate.ok());
  EXPECT_EQ(migrate->status, "exited");
  EXPECT_GE(started_ns(p + "-web-1"), engine_time_ns(migrate->finished_at));
  EXPECT_EQ(status_of(p + "-web-1"), "running");
}

TEST(HealthGating, FailedOneShotStopsItsDependentUnlessNotRequired) {
  TestProject project("failedjob", one_shot(true));
  const auto p = project.name();
  auto up = berth_with_code(project, 3, "up -d");
  EXPECT_EQ(up.exit_code, 1);
  EXPECT_NE(up.err.find("service \"migrate\": exited with code 3"), std::string::npos) << up.err;
  EXPECT_EQ(status_of(p + "-web-1"), "created");

  project.write_file("compose.yaml", one_shot(false));
  auto optional = berth_with_code(project, 3, "up -d");
  EXPECT_EQ(optional.exit_code, 0) << optional.err;
  EXPECT_NE(optional.err.find("exited with code 3"), std::string::npos) << optional.err;
  EXPECT_EQ(status_of(p + "-web-1"), "running");
}

TEST(WaitCommand, ReturnsTheExitCodeOfTheServicesContainers) {
  TestProject project("waitcmd", one_shot(true));
  auto created = berth_with_code(project, 7, "up -d --no-deps migrate");
  ASSERT_EQ(created.exit_code, 0) << created.err;
  auto waited = berth_with_code(project, 7, "wait migrate");
  EXPECT_EQ(waited.exit_code, 7) << waited.err;
  EXPECT_EQ(project.berth("wait nosuch").exit_code, 1);
  EXPECT_EQ(project.berth("wait web").exit_code, 1);  // no container
}

TEST(UpWait, ReturnsZeroOnceEverythingIsHealthy) {
  TestProject project("waitok", with_command(k_chain, long_running("sleep 1; touch /tmp/ready; ")));
  const auto p = project.name();
  auto up = project.berth("up --wait");  // --wait implies -d
  ASSERT_EQ(up.exit_code, 0) << up.err;
  EXPECT_EQ(health_of(p + "-a-1"), "healthy");
  EXPECT_EQ(health_of(p + "-b-1"), "healthy");
  EXPECT_EQ(status_of(p + "-c-1"), "running");
}

TEST(UpWait, FailsNamingTheUnhealthyServiceAndItsLastOutput) {
  TestProject project("waitbad", R"(services:
  api:
    image: berth-test/busybox:latest
    command: )" + long_running() + R"(
    healthcheck: {test: "echo api-cannot-serve; exit 1", interval: 200ms, retries: 2}
  worker:
    image: berth-test/busybox:latest
    command: ["sh", "-c", "exit 4"]
)");
  auto up = project.berth("up -d --wait");
  EXPECT_EQ(up.exit_code, 1);
  EXPECT_NE(up.err.find("service \"api\": is unhealthy: api-cannot-serve"), std::string::npos)
      << up.err;
  EXPECT_NE(up.err.find("service \"worker\": exited with code 4"), std::string::npos) << up.err;
}

// busybox httpd has no curl beside it to check itself: berth probes it.
TEST(BerthProbe, HttpProbeGatesADependent) {
  TestProject project("httpprobe", R"(services:
  web:
    image: berth-test/busybox:latest
    command: )" +
                                       long_running(
                                           "sleep 1; mkdir -p /www; echo ok > /www/health; "
                                           "httpd -p 8080 -h /www; ") +
                                       R"(
    x-berth-health:
      http: {port: 8080, path: /health}
      interval: 200ms
      timeout: 1s
      retries: 3
      start_period: 10s
  client:
    image: berth-test/busybox:latest
    command: )" + long_running() + R"(
    depends_on: {web: {condition: service_healthy}}
)");
  const auto p = project.name();
  auto up = project.berth("up -d");
  ASSERT_EQ(up.exit_code, 0) << up.err;
  EXPECT_GE(started_ns(p + "-client-1") - started_ns(p + "-web-1"), k_second);
  EXPECT_EQ(status_of(p + "-client-1"), "running");
}

TEST(BerthProbe, FailingProbesFailTheDependentWithTheirOutput) {
  TestProject project("badprobe", R"(services:
  web:
    image: berth-test/busybox:latest
    command: )" + long_running("mkdir -p /www; httpd -p 8080 -h /www; ") +
                                      R"(
    x-berth-health:
      http: {port: 8080, path: /missing}
      interval: 200ms
      retries: 2
  db:
    image: berth-test/busybox:latest
    command: )" + long_running() + R"(
    x-berth-health:
      tcp: {port: 5984}
      interval: 200ms
      retries: 2
  client:
    image: berth-test/busybox:latest
    command: )" + long_running() + R"(
    depends_on:
      web: {condition: service_healthy}
      db: {condition: service_healthy}
)");
  const auto p = project.name();
  auto up = project.berth("up -d");
  EXPECT_EQ(up.exit_code, 1);
  EXPECT_NE(up.err.find("HTTP 404 from http://"), std::string::npos) << up.err;
  EXPECT_NE(up.err.find(":5984: connection refused"), std::string::npos) << up.err;
  EXPECT_EQ(status_of(p + "-client-1"), "created");
}

TEST(HealthGating, StartIntervalOnAnOldEngineIsWarnedAbout) {
  TestProject project("startinterval", R"(services:
  db:
    image: berth-test/busybox:latest
    command: )" + long_running() + R"(
    healthcheck: {test: "true", interval: 200ms, start_interval: 100ms}
)");
  auto up = project.berth("up -d");
  ASSERT_EQ(up.exit_code, 0) << up.err;
  // dockerd 20.10 speaks API 1.41; start_interval needs 1.44.
  EXPECT_NE(up.err.find("healthcheck.start_interval of db is ignored by this engine (API 1.41"),
            std::string::npos)
      << up.err;
}

// `restart db` restarts web too (restart: true), after db is healthy again;
// cache (no restart: true) keeps running untouched.
TEST(HealthGating, RestartBringsRestartTrueDependentsAlongInOrder) {
  TestProject project("restartfollow", R"(services:
  db:
    image: berth-test/busybox:latest
    command: )" + long_running("rm -f /tmp/ready; sleep 1; touch /tmp/ready; ") +
                                           R"(
    healthcheck: {test: "test -f /tmp/ready", interval: 200ms, retries: 50}
  web:
    image: berth-test/busybox:latest
    command: )" + long_running() + R"(
    depends_on: {db: {condition: service_healthy, restart: true}}
  cache:
    image: berth-test/busybox:latest
    command: )" + long_running() + R"(
    depends_on: [db]
)");
  const auto p = project.name();
  ASSERT_EQ(project.berth("up -d").exit_code, 0);
  const int64_t cache_before = started_ns(p + "-cache-1");
  auto restart = project.berth("restart -t 1 db");
  ASSERT_EQ(restart.exit_code, 0) << restart.err;
  EXPECT_GE(started_ns(p + "-web-1") - started_ns(p + "-db-1"), k_second);
  EXPECT_EQ(started_ns(p + "-cache-1"), cache_before);

  // start is gated the same way.
  ASSERT_EQ(project.berth("stop -t 1").exit_code, 0);
  auto start = project.berth("start");
  ASSERT_EQ(start.exit_code, 0) << start.err;
  EXPECT_GE(started_ns(p + "-web-1") - started_ns(p + "-db-1"), k_second);
}

}  // namespace
}  // namespace berth::testing
