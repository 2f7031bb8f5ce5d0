// Supervision on the real engine: `berth supervise` and attached `berth up`.

#include <gtest/gtest.h>
#include <signal.h>

#include "background_berth.h"
#include "harness.h"

namespace berth::testing {
namespace {

using std::chrono::seconds;

std::string started_at(const std::string& container) {
  auto details = test_engine().inspect_container(container);
  return details ? details->started_at : "";
}

std::string status_of(const std::string& container) {
  auto details = test_engine().inspect_container(container);
  return details ? details->status : "missing";
}

// db turns unhealthy when /tmp/sick exists; a restart clears it. web and
// edge follow db's restarts (restart: true), cache does not.
const char* k_supervised = R"yaml(services:
  db:
    image: berth-test/busybox:latest
    command: ["sh", "-c", "rm -f /tmp/sick; trap 'exit 0' TERM; sleep 2147483647 & wait"]
    healthcheck: {test: "test ! -f /tmp/sick || (echo db-feels-sick; exit 1)", interval: 200ms, retries: 2}
  web:
    image: berth-test/busybox:latest
    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 2147483647 & wait"]
    healthcheck: {test: "true", interval: 200ms}
    depends_on:
      db: {condition: service_healthy, restart: true}
  edge:
    image: berth-test/busybox:latest
    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 2147483647 & wait"]
    depends_on:
      web: {condition: service_healthy, restart: true}
  cache:
    image: berth-test/busybox:latest
    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 2147483647 & wait"]
    depends_on: [db]
)yaml";

TEST(Supervise, RestartsTheUnhealthyContainerThenItsRestartTrueDependentsInOrder) {
  TestProject project("supervise", k_supervised);
  const auto p = project.name();
  ASSERT_EQ(project.berth("up -d").exit_code, 0);
  const auto db_before = started_at(p + "-db-1");
  const auto web_before = started_at(p + "-web-1");
  const auto edge_before = started_at(p + "-edge-1");
  const auto cache_before = started_at(p + "-cache-1");

  BackgroundBerth supervise(p, project.dir(), "supervise");
  ASSERT_TRUE(supervise.wait_for_output("supervising 4 containers", seconds(10)))
      << supervise.output();
  ASSERT_EQ(run_shell("/usr/bin/docker exec " + p + "-db-1 touch /tmp/sick").exit_code, 0);
  ASSERT_TRUE(supervise.wait_for_output("restarting " + p + "-edge-1", seconds(20)))
      << supervise.output();
  ASSERT_TRUE(supervise.wait_for_output("restarted", seconds(5)));
  const auto log = supervise.output();
  EXPECT_NE(log.find(p + "-db-1 is unhealthy (db-feels-sick); restarting in 1s"), std::string::npos)
      << log;
  // db first, then web once db is healthy again, then edge once web is.
  EXPECT_LT(log.find("restarted " + p + "-db-1"), log.find(p + "-db-1 is healthy again")) << log;
  EXPECT_LT(log.find(p + "-db-1 is healthy again"), log.find("restarting " + p + "-web-1")) << log;
  EXPECT_LT(log.find("restarting " + p + "-web-1"), log.find("restarting " + p + "-edge-1")) << log;
  EXPECT_EQ(log.find("restarting " + p + "-cache-1"), std::string::npos) << log;

  supervise.signal(SIGINT);
  EXPECT_EQ(supervise.wait(seconds(10)), 0) << supervise.output();
  EXPECT_NE(started_at(p + "-db-1"), db_before);
  EXPECT_NE(started_at(p + "-web-1"), web_before);
  EXPECT_NE(started_at(p + "-edge-1"), edge_before);
  EXPECT_EQ(started_at(p + "-cache-1"), cache_before);
  EXPECT_LT(started_at(p + "-db-1"), started_at(p + "-web-1"));
  EXPECT_LT(started_at(p + "-web-1"), started_at(p + "-edge-1"));
  EXPECT_EQ(status_of(p + "-db-1"), "running");
}

TEST(Supervise, LeavesContainersWithARestartPolicyToTheEngine) {
  TestProject project("supervisepolicy", R"yaml(services:
  db:
    image: berth-test/busybox:latest
    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 2147483647 & wait"]
    restart: always
    healthcheck: {test: "test ! -f /tmp/sick || (echo sick; exit 1)", interval: 200ms, retries: 1}
)yaml");
  const auto p = project.name();
  ASSERT_EQ(project.berth("up -d").exit_code, 0);
  const auto before = started_at(p + "-db-1");
  BackgroundBerth supervise(p, project.dir(), "supervise");
  ASSERT_TRUE(supervise.wait_for_output("restart policy \"always\" is the engine's", seconds(10)))
      << supervise.output();
  ASSERT_EQ(run_shell("/usr/bin/docker exec " + p + "-db-1 touch /tmp/sick").exit_code, 0);
  ASSERT_TRUE(supervise.wait_for_output("left to its restart policy", seconds(10)))
      << supervise.output();
  supervise.signal(SIGTERM);
  EXPECT_EQ(supervise.wait(seconds(10)), 0);
  EXPECT_EQ(started_at(p + "-db-1"), before);
}

// berth's own probe drives supervision too: httpd stops serving /health, the
// probe sees 404, and the restart (whose command writes the page again) heals it.
TEST(Supervise, RestartsAContainerItsOwnProbeFindsUnhealthy) {
  TestProject project("superviseprobe", R"yaml(services:
  web:
    image: berth-test/busybox:latest
    command: ["sh", "-c", "mkdir -p /www; echo ok > /www/health; httpd -p 8080 -h /www; trap 'exit 0' TERM; sleep 2147483647 & wait"]
    x-berth-health:
      http: {port: 8080, path: /health}
      interval: 200ms
      retries: 2
)yaml");
  const auto p = project.name();
  ASSERT_EQ(project.berth("up -d").exit_code, 0);
  const auto before = started_at(p + "-web-1");
  BackgroundBerth supervise(p, project.dir(), "supervise");
  ASSERT_TRUE(supervise.wait_for_output("supervising 1 container ", seconds(10)))
      << supervise.output();
  ASSERT_EQ(run_shell("/usr/bin/docker exec " + p + "-web-1 rm /www/health").exit_code, 0);
  ASSERT_TRUE(supervise.wait_for_output(p + "-web-1 is healthy again", seconds(20)))
      << supervise.output();
  EXPECT_NE(supervise.output().find("is unhealthy (HTTP 404 from http://"), std::string::npos)
      << supervise.output();
  supervise.signal(SIGINT);
  EXPECT_EQ(supervise.wait(seconds(10)), 0);
  EXPECT_NE(started_at(p + "-web-1"), before);
}

TEST(Supervise, BacksOffExponentiallyWhileAContainerStaysUnhealthy) {
  TestProject project("supervisebackoff", R"yaml(services:
  flaky:
    image: berth-test/busybox:latest
    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 2147483647 & wait"]
    healthcheck: {test: "echo never-ready; exit 1", interval: 200ms, retries: 1}
)yaml");
  const auto p = project.name();
  ASSERT_EQ(project.berth("up -d").exit_code, 0);
  BackgroundBerth supervise(p, project.dir(), "supervise");
  ASSERT_TRUE(supervise.wait_for_output("restarting in 2s", seconds(20))) << supervise.output();
  const auto log = supervise.output();
  EXPECT_LT(log.find(p + "-flaky-1 is unhealthy (never-ready); restarting in 1s"),
            log.find("restarting in 2s"))
      << log;
  EXPECT_NE(log.find(p + "-flaky-1 did not recover: is unhealthy: never-ready"), std::string::npos)
      << log;
  supervise.signal(SIGINT);
  EXPECT_EQ(supervise.wait(seconds(10)), 0);
}

TEST(AttachedUp, SupervisesUntilInterruptedThenStopsTheProject) {
  TestProject project("attached", R"(services:
  db:
    image: berth-test/busybox:latest
    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 2147483647 & wait"]
    healthcheck: {test: "true", interval: 200ms}
  web:
    image: berth-test/busybox:latest
    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 2147483647 & wait"]
    depends_on: {db: {condition: service_healthy}}
)");
  const auto p = project.name();
  BackgroundBerth up(p, project.dir(), "up");
  ASSERT_TRUE(up.wait_for_output("supervising 2 containers", seconds(20))) << up.output();
  EXPECT_EQ(status_of(p + "-web-1"), "running");
  up.signal(SIGINT);
  EXPECT_EQ(up.wait(seconds(20)), 130) << up.output();
  EXPECT_NE(up.output().find("Gracefully stopping"), std::string::npos) << up.output();
  EXPECT_EQ(status_of(p + "-web-1"), "exited");
  EXPECT_EQ(status_of(p + "-db-1"), "exited");
}

}  // namespace
}  // namespace berth::testing
