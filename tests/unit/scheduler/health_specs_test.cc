// The translation of a compose project into what health/ follows.

#include "scheduler/health_specs.h"

#include <gtest/gtest.h>

#include "scheduler/labels.h"
#include "tests/unit/scheduler/project_builder.h"

namespace berth::scheduler {
namespace {

using testing::add_depends_on;
using testing::add_service;

TEST(HealthSpecs, CarriesChecksProbesAndRestartTrueDependencies) {
  compose::Project project;
  project.name = "proj";
  add_service(project, "db");
  auto& api = add_service(project, "api");
  compose::Healthcheck check;
  check.test = {"CMD", "true"};
  check.interval_ns = 1'000'000'000;
  check.retries = 2;
  api.options.healthcheck = check;
  compose::BerthHealth probe;
  probe.kind = compose::BerthHealth::Kind::tcp;
  probe.port = 5432;
  probe.timeout_ns = 3'000'000'000;
  project.services[0].berth_health = probe;
  add_depends_on(project, "api", "db");
  project.services[1].depends_on.back().restart = true;
  add_service(project, "web");
  add_depends_on(project, "web", "api");  // no restart: true

  const health::MonitoredProject monitored = monitored_project(project);
  EXPECT_EQ(monitored.name, "proj");
  ASSERT_EQ(monitored.services.size(), 3u);
  const auto* db = monitored.find_service("db");
  ASSERT_TRUE(db && db->probe);
  EXPECT_EQ(db->probe->kind, health::HttpTcpProbeSpec::Kind::tcp);
  EXPECT_EQ(db->probe->port, 5432);
  EXPECT_EQ(db->probe->timeout_ns, 3'000'000'000);
  EXPECT_FALSE(db->healthcheck);
  const auto* api_spec = monitored.find_service("api");
  ASSERT_TRUE(api_spec && api_spec->healthcheck);
  EXPECT_EQ(api_spec->healthcheck->test, (std::vector<std::string>{"CMD", "true"}));
  EXPECT_EQ(api_spec->healthcheck->interval_ns, 1'000'000'000);
  EXPECT_EQ(api_spec->healthcheck->retries, 2);
  EXPECT_FALSE(api_spec->healthcheck->timeout_ns);
  EXPECT_EQ(api_spec->restarts_after, (std::vector<std::string>{"db"}));
  EXPECT_TRUE(monitored.find_service("web")->restarts_after.empty());
  EXPECT_EQ(monitored.container_filter,
            (std::vector<std::string>{"com.docker.compose.project=proj"}));
  EXPECT_EQ(monitored.service_container_filter,
            (std::vector<std::string>{"com.docker.compose.project=proj",
                                      "com.docker.compose.oneoff=False"}));
  EXPECT_EQ(monitored.service_label, labels::k_service);
}

}  // namespace
}  // namespace berth::scheduler
