// Attached `berth up`: log streaming beside supervision, Ctrl+C, and the
// endings docker-compose 1.29.2 has (--abort-on-container-exit,
// --exit-code-from, every container exited).

#include <gtest/gtest.h>
#include <signal.h>

#include "background_berth.h"
#include "harness.h"

namespace berth::testing {
namespace {

using std::chrono::seconds;

std::string status_of(const std::string& container) {
  auto details = test_engine().inspect_container(container);
  return details ? details->status : "missing";
}

// `exiter` says hello and exits 3 after a second; `sleeper` runs until stopped.
const char* k_exiting = R"(services:
  exiter:
    image: berth-test/busybox:latest
    command: ["sh", "-c", "echo exiter-says-hi; echo exiter-warns >&2; sleep 1; exit 3"]
  sleeper:
    image: berth-test/busybox:latest
    command: ["sh", "-c", "echo sleeper-up; trap 'exit 0' TERM; sleep 2147483647 & wait"]
)";

TEST(AttachedUpLogs, StreamsPrefixedLogsUntilInterruptedThenStops) {
  TestProject project("attachlogs", R"(services:
  web:
    image: berth-test/busybox:latest
    command: ["sh", "-c", "echo web-ready; echo web-err >&2; trap 'exit 0' TERM; sleep 2147483647 & wait"]
  db:
    image: berth-test/busybox:latest
    command: ["sh", "-c", "echo db-ready; trap 'exit 0' TERM; sleep 2147483647 & wait"]
)");
  const auto p = project.name();
  BackgroundBerth up(p, project.dir(), "up");
  ASSERT_TRUE(up.wait_for_output(p + "-web-1  | web-err", seconds(20))) << up.output();
  ASSERT_TRUE(up.wait_for_output(p + "-db-1   | db-ready", seconds(5))) << up.output();
  ASSERT_TRUE(up.wait_for_output("supervising 2 containers", seconds(5))) << up.output();
  EXPECT_NE(up.output().find("Attaching to " + p + "-db-1, " + p + "-web-1"), std::string::npos)
      << up.output();
  up.signal(SIGINT);
  EXPECT_EQ(up.wait(seconds(20)), 130) << up.output();
  EXPECT_NE(up.output().find("Gracefully stopping"), std::string::npos);
  EXPECT_EQ(status_of(p + "-web-1"), "exited");
  EXPECT_EQ(status_of(p + "-db-1"), "exited");
}

TEST(AttachedUpLogs, ExitCodeFromReturnsThatServicesCodeAndStopsTheOthers) {
  TestProject project("attachexitfrom", k_exiting);
  const auto p = project.name();
  BackgroundBerth up(p, project.dir(), "up --exit-code-from exiter");
  EXPECT_EQ(up.wait(seconds(40)), 3) << up.output();
  const auto out = up.output();
  EXPECT_NE(out.find(p + "-exiter-1   | exiter-says-hi"), std::string::npos) << out;
  EXPECT_NE(out.find(p + "-exiter-1 exited with code 3"), std::string::npos) << out;
  EXPECT_NE(out.find("Aborting on container exit..."), std::string::npos) << out;
  EXPECT_EQ(status_of(p + "-sleeper-1"), "exited");
}

TEST(AttachedUpLogs, AbortOnContainerExitStopsEverythingWithTheExitCode) {
  // docker-compose 1.29.2 exits with the code of the container that ended
  // it (here 3), not 0.
  TestProject project("attachabort", k_exiting);
  const auto p = project.name();
  BackgroundBerth up(p, project.dir(), "up --abort-on-container-exit");
  EXPECT_EQ(up.wait(seconds(40)), 3) << up.output();
  EXPECT_NE(up.output().find("Aborting on container exit..."), std::string::npos) << up.output();
  EXPECT_EQ(status_of(p + "-sleeper-1"), "exited");
}

TEST(AttachedUpLogs, EndsWithZeroOnceEveryAttachedContainerExited) {
  TestProject project("attachdone", R"(services:
  one:
    image: berth-test/busybox:latest
    command: ["sh", "-c", "echo one-done; exit 3"]
  two:
    image: berth-test/busybox:latest
    command: ["sh", "-c", "echo two-done; sleep 1"]
)");
  const auto p = project.name();
  BackgroundBerth up(p, project.dir(), "up");
  EXPECT_EQ(up.wait(seconds(40)), 0) << up.output();
  const auto out = up.output();
  EXPECT_NE(out.find(p + "-one-1 exited with code 3"), std::string::npos) << out;
  EXPECT_NE(out.find(p + "-two-1 exited with code 0"), std::string::npos) << out;
  EXPECT_LT(out.find(p + "-two-1  | two-done"), out.find(p + "-two-1 exited with code 0")) << out;
}

TEST(AttachedUpLogs, NoAttachLeavesAServicesLogsOut) {
  TestProject project("attachsome", k_exiting);
  const auto p = project.name();
  BackgroundBerth up(p, project.dir(), "up --no-attach sleeper");
  // Only exiter is attached: its exit ends the attachment (code 0, as compose).
  EXPECT_EQ(up.wait(seconds(40)), 0) << up.output();
  const auto out = up.output();
  EXPECT_NE(out.find("exiter-says-hi"), std::string::npos) << out;
  EXPECT_EQ(out.find("sleeper-up"), std::string::npos) << out;
}

// A container that supervision restarts is not one that "exited": attached
// up goes on streaming and supervising instead of ending.
TEST(AttachedUpLogs, ASupervisedRestartDoesNotEndIt) {
  TestProject project("attachedrestart", R"yaml(services:
  db:
    image: berth-test/busybox:latest
    command: ["sh", "-c", "rm -f /tmp/sick; trap 'exit 0' TERM; sleep 2147483647 & wait"]
    healthcheck: {test: "test ! -f /tmp/sick", interval: 200ms, retries: 1}
)yaml");
  const auto p = project.name();
  BackgroundBerth up(p, project.dir(), "up");
  ASSERT_TRUE(up.wait_for_output("supervising 1 container ", seconds(20))) << up.output();
  ASSERT_EQ(run_shell("/usr/bin/docker exec " + p + "-db-1 touch /tmp/sick").exit_code, 0);
  ASSERT_TRUE(up.wait_for_output(p + "-db-1 is healthy again", seconds(20))) << up.output();
  EXPECT_EQ(up.wait(std::chrono::milliseconds(1500)), -1) << up.output();  // still attached
  up.signal(SIGINT);
  EXPECT_EQ(up.wait(seconds(20)), 130) << up.output();
}

}  // namespace
}  // namespace berth::testing
