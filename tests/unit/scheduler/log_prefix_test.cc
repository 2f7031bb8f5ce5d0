// Prefixes of `logs` and attached `up`: alignment, compose's colour cycle,
// and `--since` as the engine wants it.

#include "scheduler/logs/log_prefix.h"

#include <gtest/gtest.h>

#include <chrono>

#include "scheduler/logs/log_since.h"

namespace berth::scheduler {
namespace {

TEST(LogPrefix, PadsEveryNameToOneMoreThanTheLongest) {
  const std::size_t width = log_prefix_width({"p-db-1", "p-web-10", "p-a-1"});
  EXPECT_EQ(width, 9u);
  EXPECT_EQ(log_prefix("p-db-1", width, ""), "p-db-1    | ");
  EXPECT_EQ(log_prefix("p-web-10", width, ""), "p-web-10  | ");
  // A name longer than the width (a container that came later) is not cut.
  EXPECT_EQ(log_prefix("p-websocket-1", width, ""), "p-websocket-1 | ");
}

TEST(LogPrefix, ColoursThePrefixButNotTheSpaceAfterIt) {
  EXPECT_EQ(log_prefix("p-a-1", 6, "36"), "\033[36mp-a-1  |\033[0m ");
  EXPECT_EQ(coloured("p-a-1 exited with code 3", "33"), "\033[33mp-a-1 exited with code 3\033[0m");
  EXPECT_EQ(coloured("plain", ""), "plain");
}

TEST(LogPrefix, CyclesComposesColours) {
  const std::vector<std::string> expected = {"36",   "33",   "32",   "35",   "34",
                                             "36;1", "33;1", "32;1", "35;1", "34;1"};
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(log_colour(i), expected[i]) << i;
  }
  EXPECT_EQ(log_colour(10), "36");
  EXPECT_EQ(log_colour(13), "35");
}

TEST(LogSince, TakesUnixTimesDatesAndDurations) {
  const auto now = std::chrono::system_clock::time_point(std::chrono::seconds(1'700'000'000));
  EXPECT_EQ(engine_since("1699999999", now), "1699999999");
  EXPECT_EQ(engine_since("1699999999.25", now), "1699999999.25");
  EXPECT_EQ(engine_since("10m", now), "1699999400.000000000");
  EXPECT_EQ(engine_since("1h30m", now), "1699994600.000000000");
  EXPECT_EQ(engine_since("1.5s", now), "1699999998.500000000");
  EXPECT_EQ(engine_since("2023-11-14T22:13:20Z", now), "1700000000.000000000");
  EXPECT_EQ(engine_since("2023-11-14T23:13:20.5+01:00", now), "1700000000.500000000");
  EXPECT_EQ(engine_since("2023-11-14", now), "1699920000.000000000");
  EXPECT_FALSE(engine_since("yesterday", now));
  EXPECT_FALSE(engine_since("10x", now));
  EXPECT_FALSE(engine_since("", now));
}

TEST(LogSince, WritesNanosecondsForTheEngine) {
  EXPECT_EQ(unix_time_text(1'700'000'000'000'000'123LL), "1700000000.000000123");
}

}  // namespace
}  // namespace berth::scheduler
