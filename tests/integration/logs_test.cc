// `berth logs` on the real engine: both streams, alignment, --tail, -t,
// --since, --no-color, and following restarted and later containers.

#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <ctime>
#include <regex>
#include <sstream>
#include <thread>

#include "background_berth.h"
#include "harness.h"

namespace berth::testing {
namespace {

using std::chrono::seconds;

const char* k_forever = "trap 'exit 0' TERM; sleep 2147483647 & wait";

// Polls `berth logs ARGS` until its output contains `text`.
bool logs_contain(const TestProject& project, const std::string& args, const std::string& text) {
  for (int i = 0; i < 100; ++i) {
    if (project.berth("logs " + args).out.find(text) != std::string::npos) {
      return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return false;
}

TEST(Logs, ShowsStdoutAndStderrOfEveryContainerWithAlignedPrefixes) {
  TestProject project("logs", std::string(R"(services:
  talk:
    image: berth-test/busybox:latest
    command: ["sh", "-c", "echo to-stdout; echo to-stderr >&2"]
  longer-name:
    image: berth-test/busybox:latest
    command: ["sh", "-c", "echo from-longer; )") +
                                  k_forever + R"("]
)");
  const auto p = project.name();
  ASSERT_EQ(project.berth("up -d").exit_code, 0);
  ASSERT_TRUE(logs_contain(project, "", "to-stderr"));
  const auto result = project.berth("logs");
  EXPECT_EQ(result.exit_code, 0) << result.err;
  const std::string talk = p + "-talk-1";
  const std::string longer = p + "-longer-name-1";
  const std::string pad(longer.size() - talk.size(), ' ');
  EXPECT_NE(result.out.find(talk + pad + "  | to-stdout\n"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find(talk + pad + "  | to-stderr\n"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find(longer + "  | from-longer\n"), std::string::npos) << result.out;
  // Not a terminal: no colours.
  EXPECT_EQ(result.out.find('\033'), std::string::npos);
  // Only the named service.
  const auto one = project.berth("logs talk").out;
  EXPECT_EQ(one.find("from-longer"), std::string::npos) << one;
  EXPECT_NE(project.berth("logs nosuch").exit_code, 0);
}

TEST(Logs, TailTimestampsAndNoColor) {
  TestProject project("logstail", std::string(R"(services:
  count:
    image: berth-test/busybox:latest
    command: ["sh", "-c", "seq 1 10; )") +
                                      k_forever + R"("]
)");
  const auto p = project.name();
  ASSERT_EQ(project.berth("up -d").exit_code, 0);
  ASSERT_TRUE(logs_contain(project, "", "| 10\n"));
  auto tail = lines_of(project.berth("logs --tail 3").out);
  EXPECT_EQ(tail, (std::vector<std::string>{p + "-count-1  | 8", p + "-count-1  | 9",
                                            p + "-count-1  | 10"}));
  auto stamped = lines_of(project.berth("logs -t --tail 1").out);
  ASSERT_EQ(stamped.size(), 1u);
  EXPECT_TRUE(std::regex_match(
      stamped[0], std::regex(p + R"(-count-1  \| \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z 10)")))
      << stamped[0];
  // --no-color even where colours would be wanted (NO_COLOR unset, a pty is
  // not available here: the flag must simply be accepted and stay plain).
  const auto plain = project.berth("logs --no-color");
  EXPECT_EQ(plain.exit_code, 0);
  EXPECT_EQ(plain.out.find('\033'), std::string::npos);
  EXPECT_EQ(lines_of(plain.out).size(), 10u);
  // The global --ansi decides for logs too; --no-color still wins.
  const auto forced = project.berth("--ansi always logs --tail 1");
  EXPECT_NE(forced.out.find('\033'), std::string::npos) << forced.out;
  EXPECT_EQ(project.berth("--ansi always logs --no-color --tail 1").out.find('\033'),
            std::string::npos);
}

TEST(Logs, SinceLeavesOutEarlierLines) {
  TestProject project("logssince", R"(services:
  late:
    image: berth-test/busybox:latest
    command: ["sh", "-c", "echo early; while [ ! -f /tmp/go ]; do sleep 0.1; done; echo late; trap 'exit 0' TERM; sleep 2147483647 & wait"]
)");
  const auto p = project.name();
  ASSERT_EQ(project.berth("up -d").exit_code, 0);
  ASSERT_TRUE(logs_contain(project, "", "early"));
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  const auto middle = std::to_string(std::time(nullptr));
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  ASSERT_EQ(run_shell("/usr/bin/docker exec " + p + "-late-1 touch /tmp/go").exit_code, 0);
  ASSERT_TRUE(logs_contain(project, "", "late"));
  const auto since = project.berth("logs --since " + middle).out;
  EXPECT_EQ(since.find("early"), std::string::npos) << since;
  EXPECT_NE(since.find("late"), std::string::npos) << since;
  const auto relative = project.berth("logs --since 10m").out;
  EXPECT_NE(relative.find("early"), std::string::npos) << relative;
  EXPECT_NE(project.berth("logs --since yesterday").exit_code, 0);
}

TEST(Logs, FollowSeesARestartedContainersNewLinesOnce) {
  TestProject project("logsrestart", std::string(R"(services:
  boot:
    image: berth-test/busybox:latest
    command: ["sh", "-c", "echo booted; )") +
                                         k_forever + R"("]
)");
  const auto p = project.name();
  ASSERT_EQ(project.berth("up -d").exit_code, 0);
  BackgroundBerth follow(p, project.dir(), "logs -f");
  ASSERT_TRUE(follow.wait_for_output("booted", seconds(10))) << follow.output();
  ASSERT_EQ(run_shell("/usr/bin/docker restart -t 1 " + p + "-boot-1").exit_code, 0);
  ASSERT_TRUE(follow.wait_for_output("booted\n" + p + "-boot-1  | booted", seconds(10)))
      << follow.output();
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  follow.signal(SIGINT);
  EXPECT_EQ(follow.wait(seconds(10)), 0) << follow.output();
  const auto out = follow.output();
  std::size_t count = 0;
  for (auto at = out.find("booted"); at != std::string::npos; at = out.find("booted", at + 1)) {
    ++count;
  }
  EXPECT_EQ(count, 2u) << out;
}

TEST(Logs, FollowPicksUpAContainerStartedLater) {
  TestProject project("logslater", R"(services:
  first:
    image: berth-test/busybox:latest
    command: ["sh", "-c", "echo first-here; trap 'exit 0' TERM; sleep 2147483647 & wait"]
  second:
    image: berth-test/busybox:latest
    command: ["sh", "-c", "echo second-here; trap 'exit 0' TERM; sleep 2147483647 & wait"]
)");
  const auto p = project.name();
  ASSERT_EQ(project.berth("up -d first").exit_code, 0);
  BackgroundBerth follow(p, project.dir(), "logs -f");
  ASSERT_TRUE(follow.wait_for_output("first-here", seconds(10))) << follow.output();
  ASSERT_EQ(project.berth("up -d second").exit_code, 0);
  ASSERT_TRUE(follow.wait_for_output(p + "-second-1 | second-here", seconds(10)))
      << follow.output();
  ASSERT_EQ(project.berth("scale first=2").exit_code, 0);
  ASSERT_TRUE(follow.wait_for_output(p + "-first-2  | first-here", seconds(10))) << follow.output();
  follow.signal(SIGTERM);
  EXPECT_EQ(follow.wait(seconds(10)), 0) << follow.output();
}

}  // namespace
}  // namespace berth::testing
