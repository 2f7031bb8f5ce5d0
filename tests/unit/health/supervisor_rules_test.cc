// The pure rules of supervision and waiting: who restarts after whom, the
// backoff, and how long a health wait may last.

#include <gtest/gtest.h>

#include "health/health_check.h"
#include "health/health_monitor.h"
#include "health/supervisor.h"

namespace berth::health {
namespace {

ServiceHealthSpec& add(MonitoredProject& project, const std::string& name) {
  ServiceHealthSpec service;
  service.name = name;
  project.services.push_back(service);
  return project.services.back();
}

void depend(MonitoredProject& project, const std::string& from, const std::string& to) {
  for (auto& service : project.services) {
    if (service.name == from) {
      service.restarts_after.push_back(to);
    }
  }
}

TEST(RestartFollowers, FollowChainsOfRestartTrueInStartOrder) {
  MonitoredProject project;
  for (const char* name : {"db", "api", "web", "cache", "worker"}) {
    add(project, name);
  }
  depend(project, "api", "db");
  depend(project, "web", "api");
  // cache depends on db without restart: true, so it is not restarted
  depend(project, "worker", "cache");  // follows cache, which does not restart
  const std::vector<std::string> order = {"db", "cache", "api", "worker", "web"};
  auto followers = restart_followers(project, "db", order);
  ASSERT_EQ(followers.size(), 2u);
  EXPECT_EQ(followers[0].service, "api");
  EXPECT_EQ(followers[0].because_of, "db");
  EXPECT_EQ(followers[1].service, "web");
  EXPECT_EQ(followers[1].because_of, "api");
  EXPECT_TRUE(restart_followers(project, "web", order).empty());
}

TEST(Backoff, DoublesFromOneSecondUpToSixty) {
  SupervisorOptions options;
  std::chrono::milliseconds delay{0};
  std::vector<long> seen;
  for (int i = 0; i < 8; ++i) {
    delay = next_backoff(delay, options);
    seen.push_back(static_cast<long>(delay.count() / 1000));
  }
  EXPECT_EQ(seen, (std::vector<long>{1, 2, 4, 8, 16, 32, 60, 60}));
}

TEST(HealthWaitBound, FromTheChecksOwnLimits) {
  ServiceHealthSpec service;
  // The engine's defaults: 3 retries of 30 s interval + 30 s timeout, + 10 s.
  EXPECT_EQ(health_wait_bound(service), std::chrono::seconds(4 * 60 + 10));
  HealthCheckSpec check;
  check.interval_ns = 1'000'000'000;
  check.timeout_ns = 500'000'000;
  check.retries = 2;
  check.start_period_ns = 5'000'000'000;
  service.healthcheck = check;
  EXPECT_EQ(health_wait_bound(service), std::chrono::milliseconds(5000 + 3 * 1500 + 10000));
  HttpTcpProbeSpec probe;  // 5 s interval, 2 s timeout, 3 retries
  service.probe = probe;
  EXPECT_EQ(health_wait_bound(service), std::chrono::seconds(4 * 7 + 10));
}

TEST(HasHealthCheck, FileImageProbeAndDisable) {
  ServiceHealthSpec service;
  EXPECT_FALSE(has_health_check(service));
  EXPECT_TRUE(has_health_check(service, {"CMD-SHELL", "curl -f localhost"}));  // the image's
  service.healthcheck = HealthCheckSpec{};  // intervals only: still the image's test
  EXPECT_TRUE(has_health_check(service, {"CMD", "true"}));
  service.healthcheck->test = {"NONE"};  // disable: true
  EXPECT_FALSE(has_health_check(service, {"CMD", "true"}));
  service.probe = HttpTcpProbeSpec{};
  EXPECT_TRUE(has_health_check(service));
}

}  // namespace
}  // namespace berth::health
