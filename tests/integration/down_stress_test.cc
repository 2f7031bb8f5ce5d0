// `down` and the engine's "network ... has active endpoints" race (issue 19,
// item 5): 50 services brought up and taken down 30 times in a row, every
// `up` and every `down` must succeed and leave nothing behind. Long (minutes):
// ctest labels it e2e (tests/CMakeLists.txt).

#include <gtest/gtest.h>

#include <chrono>

#include "harness.h"

namespace berth::testing {
namespace {

constexpr int k_services = 50;
constexpr int k_rounds = 30;

// Killed at once on stop: the test is about the order of removals, not
// about grace periods.
std::string fifty_services() {
  std::string text = "services:\n";
  for (int i = 1; i <= k_services; ++i) {
    text += "  s" + std::to_string(i) +
            ":\n"
            "    image: berth-test/busybox:latest\n"
            "    command: [\"sleep\", \"3600\"]\n"
            "    stop_signal: SIGKILL\n";
  }
  return text;
}

TEST(DownStress, FiftyServicesUpAndDownThirtyTimesWithoutAFailure) {
  TestProject project("downstress", fifty_services());
  const auto started = std::chrono::steady_clock::now();
  for (int round = 1; round <= k_rounds; ++round) {
    auto up = project.berth("up -d");
    ASSERT_EQ(up.exit_code, 0) << "round " << round << ": " << up.err;
    ASSERT_EQ(project.containers().size(), static_cast<size_t>(k_services)) << "round " << round;
    auto down = project.berth("down");
    ASSERT_EQ(down.exit_code, 0) << "round " << round << ": " << down.err;
    ASSERT_TRUE(project.containers().empty()) << "round " << round;
    ASSERT_TRUE(project.networks().empty()) << "round " << round << ": " << down.err;
  }
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(
                           std::chrono::steady_clock::now() - started)
                           .count();
  std::printf("%d rounds of up -d and down of %d services: %lld s\n", k_rounds, k_services,
              static_cast<long long>(seconds));
}

}  // namespace
}  // namespace berth::testing
