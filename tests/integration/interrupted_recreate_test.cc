// Interrupted recreates (issue 19, item 4): 20 services are recreated (an
// environment value changes) and berth is interrupted at random points. After
// a Ctrl+C every service still has its running container under its proper
// name: a replacement begun is finished, one not begun leaves the old
// container in place. After a SIGKILL the next `up -d` gives leftovers their
// names back and converges, with no container under a temporary name.

#include <gtest/gtest.h>
#include <signal.h>

#include <algorithm>
#include <chrono>
#include <random>
#include <thread>

#include "background_berth.h"
#include "harness.h"

namespace berth::testing {
namespace {

using namespace std::chrono_literals;

constexpr int k_services = 20;

// Quick to stop (the shell ends on TERM) so the test spends its time in
// recreates, not in grace periods.
std::string project_file(int generation) {
  std::string text = "services:\n";
  for (int i = 1; i <= k_services; ++i) {
    text += "  s" + std::to_string(i) +
            ":\n"
            "    image: berth-test/busybox:latest\n"
            "    command: [\"sh\", \"-c\", \"trap 'exit 0' TERM; while :; do sleep 1; done\"]\n"
            "    environment: {GENERATION: \"" +
            std::to_string(generation) + "\"}\n";
  }
  return text;
}

std::vector<std::string> proper_names(const TestProject& project) {
  std::vector<std::string> names;
  for (int i = 1; i <= k_services; ++i) {
    names.push_back(project.name() + "-s" + std::to_string(i) + "-1");
  }
  std::sort(names.begin(), names.end());
  return names;
}

// Every service has exactly one container, running, under its proper name.
void expect_whole(const TestProject& project, const std::string& when) {
  std::vector<std::string> all;
  std::vector<std::string> running;
  for (const auto& container : project.containers()) {
    all.push_back(container.name);
    if (container.state == "running") {
      running.push_back(container.name);
    }
  }
  std::sort(all.begin(), all.end());
  std::sort(running.begin(), running.end());
  EXPECT_EQ(all, proper_names(project)) << when << ": a temporary name, duplicate or loss";
  EXPECT_EQ(running, proper_names(project)) << when << ": a service with no running container";
}

int random_delay_ms(std::mt19937& random, int bound) {
  return std::uniform_int_distribution<int>(0, bound)(random);
}

TEST(InterruptedRecreate, CtrlCAtRandomPointsLeavesEveryServiceRunningUnderItsName) {
  TestProject project("sigintrecreate", project_file(0));
  auto first = project.berth("up -d");
  ASSERT_EQ(first.exit_code, 0) << first.err;
  std::mt19937 random(std::random_device{}());
  for (int round = 1; round <= 4; ++round) {
    project.write_file("compose.yaml", project_file(round));
    const int delay = random_delay_ms(random, 1500);
    BackgroundBerth up(project.name(), project.dir(), "up -d");
    std::this_thread::sleep_for(std::chrono::milliseconds(delay));
    up.signal(SIGINT);
    const int code = up.wait(30s);
    EXPECT_TRUE(code == 130 || code == 0) << "after " << delay << " ms: " << up.output();
    expect_whole(project, "SIGINT after " + std::to_string(delay) + " ms");
  }
  auto last = project.berth("up -d");
  ASSERT_EQ(last.exit_code, 0) << last.err;
  expect_whole(project, "the next up");
}

TEST(InterruptedRecreate, KilledAtRandomPointsTheNextUpRestoresNamesAndConverges) {
  TestProject project("sigkillrecreate", project_file(0));
  auto first = project.berth("up -d");
  ASSERT_EQ(first.exit_code, 0) << first.err;
  std::mt19937 random(std::random_device{}());
  for (int round = 1; round <= 3; ++round) {
    project.write_file("compose.yaml", project_file(round));
    const int delay = random_delay_ms(random, 1500);
    {
      BackgroundBerth up(project.name(), project.dir(), "up -d");
      std::this_thread::sleep_for(std::chrono::milliseconds(delay));
      up.signal(SIGKILL);
      up.wait(10s);
    }
    auto again = project.berth("up -d");
    ASSERT_EQ(again.exit_code, 0) << "after SIGKILL at " << delay << " ms: " << again.err;
    expect_whole(project, "up after SIGKILL at " + std::to_string(delay) + " ms");
    // Converged to this round's file: nothing left to recreate.
    auto settled = project.berth("up -d");
    EXPECT_EQ(settled.err.find("Recreate"), std::string::npos) << settled.err;
  }
}

}  // namespace
}  // namespace berth::testing
