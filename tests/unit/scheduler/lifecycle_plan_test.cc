#include <gtest/gtest.h>

#include "project_builder.h"
#include "scheduler/labels.h"
#include "scheduler/lifecycle/lifecycle.h"

namespace berth::scheduler {
namespace {

using testing::add_depends_on;
using testing::add_service;

engine::ContainerSummary container(const std::string& service, const std::string& state) {
  engine::ContainerSummary c;
  c.id = "id-" + service;
  c.name = "p-" + service + "-1";
  c.state = state;
  c.labels = {{labels::k_project, "p"},
              {labels::k_service, service},
              {labels::k_container_number, "1"},
              {labels::k_oneoff, "False"}};
  return c;
}

class LifecyclePlanTest : public ::testing::Test {
 protected:
  LifecyclePlanTest() {
    project.name = "p";
    add_service(project, "db");
    add_service(project, "web");
    add_service(project, "cache");
    add_depends_on(project, "web", "db", compose::DependencyCondition::service_healthy);
    add_depends_on(project, "cache", "db");
    project.services[1].depends_on[0].restart = true;
  }
  std::string plan(Lifecycle command, std::vector<std::string> services) {
    auto graph = DependencyGraph::build(project);
    LifecycleOptions options;
    options.services = std::move(services);
    return plan_lifecycle(command, project, graph, observed, options).to_string();
  }
  compose::Project project;
  ObservedState observed;
};

TEST_F(LifecyclePlanTest, StartWaitsForHealthyDependencies) {
  observed.containers = {container("db", "exited"), container("web", "exited"),
                         container("cache", "exited")};
  EXPECT_EQ(plan(Lifecycle::start, {}),
            "[] -> #1 service:db:1, StartContainer, requested\n"
            "[1] -> #2 service:db:1, AwaitContainer, needed by \"web\": service_healthy\n"
            "[1 2] -> #3 service:web:1, StartContainer, requested\n"
            "[1] -> #4 service:cache:1, StartContainer, requested\n");
}

TEST_F(LifecyclePlanTest, RunningDependencyIsStillAwaited) {
  observed.containers = {container("db", "running"), container("web", "exited")};
  EXPECT_EQ(plan(Lifecycle::start, {}),
            "[] -> #1 service:db:1, AwaitContainer, needed by \"web\": service_healthy\n"
            "[1] -> #2 service:web:1, StartContainer, requested\n");
}

TEST_F(LifecyclePlanTest, RestartBringsItsRestartTrueFollowersAlongAfterIt) {
  observed.containers = {container("db", "running"), container("web", "running"),
                         container("cache", "running")};
  EXPECT_EQ(plan(Lifecycle::restart, {"db"}),
            "[] -> #1 service:web:1, StopContainer, requested\n"
            "[1] -> #2 service:db:1, StopContainer, requested\n"
            "[2 1] -> #3 service:db:1, StartContainer, requested\n"
            "[3] -> #4 service:db:1, AwaitContainer, needed by \"web\": service_healthy\n"
            "[2 1 3 4] -> #5 service:web:1, StartContainer, requested\n");
  // cache depends on db without restart: true: left running.
}

}  // namespace
}  // namespace berth::scheduler
