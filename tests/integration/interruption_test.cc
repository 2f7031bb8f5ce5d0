// berth interrupted in the middle of `up -d`: by Ctrl+C (SIGINT), it begins
// nothing new, lets the engine calls in flight finish, ends the health waits
// and exits 130; killed outright (SIGKILL), it leaves a state the next `up`
// converges from. Either way no duplicate and no orphan.

#include <gtest/gtest.h>
#include <signal.h>

#include <algorithm>
#include <chrono>

#include "background_berth.h"
#include "harness.h"

namespace berth::testing {
namespace {

using namespace std::chrono_literals;

// a becomes healthy only after 4 s; b waits for that, c follows b: a run
// interrupted while it waits has begun a (and maybe created b), nothing more.
const char* k_slow_chain = R"(services:
  a:
    image: berth-test/busybox:latest
    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 4; touch /ready; while :; do sleep 1; done"]
    healthcheck:
      test: ["CMD", "test", "-f", "/ready"]
      interval: 1s
      retries: 30
  b:
    image: berth-test/busybox:latest
    command: ["sh", "-c", "trap 'exit 0' TERM; while :; do sleep 1; done"]
    depends_on:
      a: {condition: service_healthy}
  c:
    image: berth-test/busybox:latest
    command: ["sh", "-c", "trap 'exit 0' TERM; while :; do sleep 1; done"]
    depends_on: [b]
)";

std::vector<std::string> names_in_state(const TestProject& project, const std::string& state) {
  std::vector<std::string> names;
  for (const auto& container : project.containers()) {
    if (state.empty() || container.state == state) {
      names.push_back(container.name);
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

void expect_converged(const TestProject& project) {
  auto up = project.berth("up -d");
  ASSERT_EQ(up.exit_code, 0) << up.err;
  const std::vector<std::string> all = {project.name() + "-a-1", project.name() + "-b-1",
                                        project.name() + "-c-1"};
  EXPECT_EQ(names_in_state(project, ""), all) << "a duplicate or an orphan was left";
  EXPECT_EQ(names_in_state(project, "running"), all);
}

TEST(Interruption, CtrlCDuringUpBeginsNothingNewAndExits130) {
  TestProject project("sigintup", k_slow_chain);
  BackgroundBerth up(project.name(), project.dir(), "up -d");
  ASSERT_TRUE(up.wait_for_output(project.name() + "-a-1  Waiting", 20s)) << up.output();
  const auto interrupted = std::chrono::steady_clock::now();
  up.signal(SIGINT);
  EXPECT_EQ(up.wait(10s), 130) << up.output();
  // It did not sit out a's warm-up (4 s) nor its health-check bound.
  EXPECT_LT(std::chrono::steady_clock::now() - interrupted, 3s) << up.output();
  EXPECT_NE(up.output().find("interrupted"), std::string::npos) << up.output();
  const auto running = names_in_state(project, "running");
  EXPECT_EQ(running, std::vector<std::string>{project.name() + "-a-1"})
      << "only what had begun before the interrupt";
  EXPECT_TRUE(std::none_of(running.begin(), running.end(),
                           [&](const std::string& n) { return n == project.name() + "-c-1"; }));
  expect_converged(project);
}

TEST(Interruption, KilledDuringUpTheNextUpConverges) {
  TestProject project("sigkillup", k_slow_chain);
  BackgroundBerth up(project.name(), project.dir(), "up -d");
  ASSERT_TRUE(up.wait_for_output(project.name() + "-a-1  Waiting", 20s)) << up.output();
  up.signal(SIGKILL);
  EXPECT_NE(up.wait(5s), 0);
  expect_converged(project);
}

}  // namespace
}  // namespace berth::testing
