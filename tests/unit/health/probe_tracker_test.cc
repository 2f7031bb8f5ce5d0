// ProbeTracker: docker's health rules, stepped by hand with a made-up clock.

#include "health/probe_tracker.h"

#include <gtest/gtest.h>

namespace berth::health {
namespace {

using std::chrono::seconds;
using Clock = ProbeTracker::Clock;

const ProbeResult k_ok{true, "HTTP 200 from http://10.0.0.2:80/"};
const ProbeResult k_fail{false, "HTTP 503 from http://10.0.0.2:80/"};

HttpTcpProbeSpec spec(int retries, int64_t start_period_s) {
  HttpTcpProbeSpec health;
  health.port = 80;
  health.retries = retries;
  health.start_period_ns = start_period_s * 1'000'000'000;
  return health;
}

const Clock::time_point k_start{seconds(1000)};

TEST(HealthStatus, ToStringIsDockersSpelling) {
  EXPECT_EQ(to_string(HealthStatus::starting), "starting");
  EXPECT_EQ(to_string(HealthStatus::healthy), "healthy");
  EXPECT_EQ(to_string(HealthStatus::unhealthy), "unhealthy");
}

TEST(ProbeTracker, StartsAsStartingWithNothingRecorded) {
  ProbeTracker tracker(spec(3, 0), k_start);
  EXPECT_EQ(tracker.status(), HealthStatus::starting);
  EXPECT_EQ(tracker.failing_streak(), 0);
  EXPECT_EQ(tracker.last_output(), "");
}

TEST(ProbeTracker, OneSuccessMakesItHealthy) {
  ProbeTracker tracker(spec(3, 0), k_start);
  EXPECT_EQ(tracker.record(k_ok, k_start + seconds(1)), HealthStatus::healthy);
  EXPECT_EQ(tracker.last_output(), k_ok.output);
}

TEST(ProbeTracker, RetriesFailuresInARowMakeItUnhealthy) {
  ProbeTracker tracker(spec(3, 0), k_start);
  EXPECT_EQ(tracker.record(k_fail, k_start + seconds(1)), HealthStatus::starting);
  EXPECT_EQ(tracker.record(k_fail, k_start + seconds(2)), HealthStatus::starting);
  EXPECT_EQ(tracker.failing_streak(), 2);
  EXPECT_EQ(tracker.record(k_fail, k_start + seconds(3)), HealthStatus::unhealthy);
  EXPECT_EQ(tracker.failing_streak(), 3);
  EXPECT_EQ(tracker.last_output(), k_fail.output);
  EXPECT_EQ(tracker.record(k_fail, k_start + seconds(4)), HealthStatus::unhealthy);
  EXPECT_EQ(tracker.failing_streak(), 4);
}

TEST(ProbeTracker, AHealthyContainerStaysHealthyUntilRetriesFailures) {
  ProbeTracker tracker(spec(2, 0), k_start);
  tracker.record(k_ok, k_start + seconds(1));
  EXPECT_EQ(tracker.record(k_fail, k_start + seconds(2)), HealthStatus::healthy);
  EXPECT_EQ(tracker.record(k_fail, k_start + seconds(3)), HealthStatus::unhealthy);
}

TEST(ProbeTracker, ASuccessResetsTheStreak) {
  ProbeTracker tracker(spec(3, 0), k_start);
  tracker.record(k_fail, k_start + seconds(1));
  tracker.record(k_fail, k_start + seconds(2));
  EXPECT_EQ(tracker.record(k_ok, k_start + seconds(3)), HealthStatus::healthy);
  EXPECT_EQ(tracker.failing_streak(), 0);
  EXPECT_EQ(tracker.record(k_fail, k_start + seconds(4)), HealthStatus::healthy);
  EXPECT_EQ(tracker.record(k_fail, k_start + seconds(5)), HealthStatus::healthy);
  EXPECT_EQ(tracker.failing_streak(), 2);
}

TEST(ProbeTracker, AnUnhealthyContainerRecoversWithOneSuccess) {
  ProbeTracker tracker(spec(1, 0), k_start);
  EXPECT_EQ(tracker.record(k_fail, k_start + seconds(1)), HealthStatus::unhealthy);
  EXPECT_EQ(tracker.record(k_ok, k_start + seconds(2)), HealthStatus::healthy);
  EXPECT_EQ(tracker.failing_streak(), 0);
}

TEST(ProbeTracker, FailuresInTheStartPeriodDoNotCount) {
  ProbeTracker tracker(spec(2, 10), k_start);
  for (int s = 0; s < 10; ++s) {
    EXPECT_EQ(tracker.record(k_fail, k_start + seconds(s)), HealthStatus::starting) << s;
  }
  EXPECT_EQ(tracker.failing_streak(), 0);
  EXPECT_EQ(tracker.last_output(), k_fail.output);  // kept even when not counted
  // From start + start_period on, they do.
  EXPECT_EQ(tracker.record(k_fail, k_start + seconds(10)), HealthStatus::starting);
  EXPECT_EQ(tracker.failing_streak(), 1);
  EXPECT_EQ(tracker.record(k_fail, k_start + seconds(11)), HealthStatus::unhealthy);
}

TEST(ProbeTracker, AfterASuccessTheStartPeriodNoLongerShields) {
  ProbeTracker tracker(spec(2, 60), k_start);
  tracker.record(k_ok, k_start + seconds(1));
  EXPECT_EQ(tracker.record(k_fail, k_start + seconds(2)), HealthStatus::healthy);
  EXPECT_EQ(tracker.failing_streak(), 1);
  EXPECT_EQ(tracker.record(k_fail, k_start + seconds(3)), HealthStatus::unhealthy);
}

TEST(ProbeTracker, ZeroRetriesActsAsOne) {
  ProbeTracker tracker(spec(0, 0), k_start);
  EXPECT_EQ(tracker.record(k_fail, k_start + seconds(1)), HealthStatus::unhealthy);
}

}  // namespace
}  // namespace berth::health
