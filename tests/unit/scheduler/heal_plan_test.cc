// plan_heal: supervision's restart of an unhealthy container and of its
// restart: true followers, as a plan.

#include <gtest/gtest.h>

#include "scheduler/labels.h"
#include "scheduler/supervision.h"

namespace berth::scheduler {
namespace {

engine::ContainerSummary container(const std::string& service, int number,
                                   const std::string& state = "running") {
  engine::ContainerSummary c;
  c.name = "p-" + service + "-" + std::to_string(number);
  c.id = "id-" + c.name;
  c.state = state;
  c.labels = {{labels::k_project, "p"},
              {labels::k_service, service},
              {labels::k_container_number, std::to_string(number)},
              {labels::k_oneoff, "False"}};
  return c;
}

health::HealRequest db_request() {
  health::HealRequest request;
  request.container_id = "id-p-db-1";
  request.name = "p-db-1";
  request.service = "db";
  request.why = "unhealthy (no answer)";
  request.followers = {{"api", "db"}, {"web", "api"}};
  return request;
}

TEST(HealPlan, RestartsThenAwaitsHealthyThenEachFollowerInTurn) {
  ObservedState observed;
  observed.containers = {container("db", 1), container("api", 1), container("api", 2),
                         container("web", 1), container("cache", 1)};
  EXPECT_EQ(plan_heal(db_request(), true, observed).to_string(),
            "[] -> #1 service:db:1, RestartContainer, unhealthy (no answer)\n"
            "[1] -> #2 service:db:1, AwaitContainer, restarted by supervision\n"
            "[2] -> #3 service:api:1, RestartContainer, depends on \"db\" with restart: true\n"
            "[3] -> #4 service:api:1, AwaitContainer, restarted after \"db\"\n"
            "[4] -> #5 service:api:2, RestartContainer, depends on \"db\" with restart: true\n"
            "[5] -> #6 service:api:2, AwaitContainer, restarted after \"db\"\n"
            "[6] -> #7 service:web:1, RestartContainer, depends on \"api\" with restart: true\n"
            "[7] -> #8 service:web:1, AwaitContainer, restarted after \"api\"\n");
}

TEST(HealPlan, TheHealedOneMustRecoverAFollowerNeedNot) {
  ObservedState observed;
  observed.containers = {container("db", 1), container("api", 1)};
  const Plan plan = plan_heal(db_request(), true, observed);
  ASSERT_EQ(plan.operations().size(), 4u);
  EXPECT_EQ(plan.operation(1).container_id, "id-p-db-1");
  EXPECT_EQ(plan.operation(2).condition, compose::DependencyCondition::service_healthy);
  EXPECT_TRUE(plan.operation(2).required);
  EXPECT_EQ(plan.operation(4).condition, compose::DependencyCondition::service_started);
  EXPECT_FALSE(plan.operation(4).required);
}

TEST(HealPlan, StoppedFollowersStayStopped) {
  ObservedState observed;
  observed.containers = {container("db", 1), container("api", 1, "exited"), container("web", 1)};
  EXPECT_EQ(plan_heal(db_request(), true, observed).to_string(),
            "[] -> #1 service:db:1, RestartContainer, unhealthy (no answer)\n"
            "[1] -> #2 service:db:1, AwaitContainer, restarted by supervision\n"
            "[2] -> #3 service:web:1, RestartContainer, depends on \"api\" with restart: true\n"
            "[3] -> #4 service:web:1, AwaitContainer, restarted after \"api\"\n");
}

TEST(HealPlan, AContainerOfNoServiceInTheFileIsOnlyRestarted) {
  ObservedState observed;
  observed.containers = {container("db", 1), container("api", 1)};
  EXPECT_EQ(plan_heal(db_request(), false, observed).to_string(),
            "[] -> #1 service:db:1, RestartContainer, unhealthy (no answer)\n");
}

}  // namespace
}  // namespace berth::scheduler
