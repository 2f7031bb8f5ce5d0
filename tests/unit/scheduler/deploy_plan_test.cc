// plan_deploy: what `berth deploy` does to a swarm, as plan text, from an
// observation made up here. No engine.

#include "scheduler/swarm/deploy_plan.h"

#include <gtest/gtest.h>

#include "compose/loader.h"
#include "scheduler/swarm/swarm_spec.h"

namespace berth::scheduler {
namespace {

compose::Project load(const std::string& text) {
  compose::LoadOptions options;
  options.project_name = "shop";
  return compose::load_project_text(text, "compose.yaml", "/proj", options);
}

// db healthy before api (which links to it), api started before web.
const char* k_three_tier = R"(services:
  db:
    image: berth-test/busybox
    healthcheck: {test: ["CMD", "true"], interval: 1s}
  api:
    image: berth-test/busybox
    links: ["db:database"]
    depends_on: {db: {condition: service_healthy}}
  web:
    image: berth-test/busybox
    depends_on: [api]
)";

const std::vector<std::string> k_all = {"db", "api", "web"};

DeployPlanning plan_of(const compose::Project& project, const SwarmObservation& observed,
                       const DeployPlanOptions& options = {}) {
  return plan_deploy(project, DependencyGraph::build(project), k_all, observed, options);
}

// The engine after `planning` was carried out: its networks and services,
// each service labelled with the spec it was given.
SwarmObservation deployed(const DeployPlanning& planning) {
  SwarmObservation observed;
  for (const Operation& op : planning.plan.operations()) {
    if (op.kind == OperationKind::create_network) {
      observed.networks.push_back({"net-" + op.name, op.name, "overlay", {}});
    }
    if (op.kind == OperationKind::create_service) {
      engine::ServiceSummary service;
      service.id = "id-" + op.name;
      service.name = op.name;
      service.version = 7;
      service.labels = op.service_spec->labels;
      observed.services.push_back(service);
    }
  }
  return observed;
}

TEST(DeployPlan, AFreshDeployCreatesInDependencyOrderEachAfterItsDependencyIsReady) {
  compose::Project project = load(k_three_tier);
  DeployPlanning planning = plan_of(project, {});
  EXPECT_EQ(planning.plan.to_string(),
            "[] -> #1 network:shop_default, CreateNetwork, no overlay network shop_default\n"
            "[1] -> #2 swarm-service:shop_db, CreateService, no service shop_db\n"
            "[2] -> #3 swarm-service:shop_db, AwaitService, api depends on it\n"
            "[1 3] -> #4 swarm-service:shop_api, CreateService, no service shop_api\n"
            "[4] -> #5 swarm-service:shop_api, AwaitService, web depends on it\n"
            "[1 5] -> #6 swarm-service:shop_web, CreateService, no service shop_web\n");
  EXPECT_TRUE(planning.plan.operation(1).overlay);
  EXPECT_EQ(planning.plan.operation(3).condition, compose::DependencyCondition::service_started);
  EXPECT_EQ(planning.plan.operation(4).service, "api");
  ASSERT_NE(planning.plan.operation(4).service_spec, nullptr);
  EXPECT_EQ(planning.plan.operation(4).service_spec->name, "shop_api");
  EXPECT_TRUE(planning.unchanged.empty());
}

TEST(DeployPlan, DetachOrdersCreationWithoutWaitingForReadiness) {
  compose::Project project = load(k_three_tier);
  DeployPlanOptions options;
  options.detach = true;
  EXPECT_EQ(plan_of(project, {}, options).plan.to_string(),
            "[] -> #1 network:shop_default, CreateNetwork, no overlay network shop_default\n"
            "[1] -> #2 swarm-service:shop_db, CreateService, no service shop_db\n"
            "[1 2] -> #3 swarm-service:shop_api, CreateService, no service shop_api\n"
            "[1 3] -> #4 swarm-service:shop_web, CreateService, no service shop_web\n");
}

TEST(DeployPlan, ARedeployWithNoChangeCreatesAndUpdatesNothing) {
  compose::Project project = load(k_three_tier);
  SwarmObservation observed = deployed(plan_of(project, {}));
  DeployPlanning again = plan_of(project, observed);
  EXPECT_EQ(again.plan.to_string(), "");
  EXPECT_EQ(again.unchanged, (std::vector<std::string>{"shop_db", "shop_api", "shop_web"}));
}

TEST(DeployPlan, OneChangedServiceIsOneUpdateGatedOnItsDependency) {
  compose::Project before = load(k_three_tier);
  SwarmObservation observed = deployed(plan_of(before, {}));
  std::string text = k_three_tier;
  text.replace(text.find("    links:"), 0, "    environment: {GREETING: howdy}\n");
  compose::Project after = load(text);
  DeployPlanning planning = plan_of(after, observed);
  EXPECT_EQ(planning.plan.to_string(),
            "[] -> #1 swarm-service:shop_db, AwaitService, api depends on it\n"
            "[1] -> #2 swarm-service:shop_api, UpdateService, its spec changed\n");
  EXPECT_EQ(planning.plan.operation(1).service_id, "id-shop_db");
  EXPECT_EQ(planning.plan.operation(2).service_id, "id-shop_api");
  EXPECT_EQ(planning.plan.operation(2).service_version, 7u);
  EXPECT_EQ(planning.unchanged, (std::vector<std::string>{"shop_db", "shop_web"}));
}

TEST(DeployPlan, WaitAwaitsEveryServiceAfterItsOwnChange) {
  compose::Project before = load(k_three_tier);
  SwarmObservation observed = deployed(plan_of(before, {}));
  std::string text = k_three_tier;
  text.replace(text.find("    depends_on: [api]"), 0, "    environment: {GREETING: howdy}\n");
  DeployPlanOptions options;
  options.wait = true;
  EXPECT_EQ(plan_of(load(text), observed, options).plan.to_string(),
            "[] -> #1 swarm-service:shop_api, AwaitService, web depends on it\n"
            "[1] -> #2 swarm-service:shop_web, UpdateService, its spec changed\n"
            "[] -> #3 swarm-service:shop_db, AwaitService, --wait\n"
            "[2] -> #4 swarm-service:shop_web, AwaitService, --wait\n");
}

TEST(DeployPlan, PruneRemovesServicesTheFileNoLongerHasOnceAllElseSucceeded) {
  compose::Project before = load(k_three_tier);
  SwarmObservation observed = deployed(plan_of(before, {}));
  observed.services.push_back({});
  observed.services.back().id = "id-shop_old";
  observed.services.back().name = "shop_old";
  std::string text = k_three_tier;
  text.replace(text.find("    depends_on: [api]"), 0, "    environment: {GREETING: howdy}\n");
  DeployPlanOptions options;
  options.prune = true;
  DeployPlanning planning = plan_of(load(text), observed, options);
  EXPECT_EQ(planning.plan.to_string(),
            "[] -> #1 swarm-service:shop_api, AwaitService, web depends on it\n"
            "[1] -> #2 swarm-service:shop_web, UpdateService, its spec changed\n"
            "[1 2] -> #3 swarm-service:shop_old, RemoveService, not in the project (--prune)\n");
  EXPECT_EQ(planning.plan.operation(3).service, "old");
  EXPECT_EQ(planning.plan.operation(3).service_id, "id-shop_old");
}

TEST(DeployPlan, ALinkPointsAtTheObservedVirtualIpOnASharedNetwork) {
  compose::Project project = load(k_three_tier);
  SwarmObservation observed;
  observed.networks.push_back({"net1", "shop_default", "overlay", {}});
  observed.services.push_back({});
  observed.services.back().name = "shop_db";
  observed.services.back().virtual_ips.push_back({"net1", "10.0.5.2/24"});
  auto linked = linked_services(project, *project.find_service("api"), observed);
  ASSERT_EQ(linked.count("db"), 1u);
  EXPECT_EQ(linked["db"].ip, "10.0.5.2");
  EXPECT_EQ(linked["db"].name, "shop_db");
  EXPECT_EQ(linked_services(project, *project.find_service("api"), {})["db"].ip, "db");
}

TEST(DeployPlan, UndeployRemovesEveryServiceThenTheNetworksWhateverEachRemovalDid) {
  compose::Project project = load(k_three_tier);
  SwarmObservation observed = deployed(plan_of(project, {}));
  Plan plan = plan_undeploy(project, observed);
  EXPECT_EQ(plan.to_string(),
            "[] -> #1 swarm-service:shop_db, RemoveService, undeploy\n"
            "[] -> #2 swarm-service:shop_api, RemoveService, undeploy\n"
            "[] -> #3 swarm-service:shop_web, RemoveService, undeploy\n"
            "[1 2 3] -> #4 network:shop_default, RemoveNetwork, undeploy\n");
  EXPECT_EQ(plan.operation(2).service_id, "id-shop_api");
  EXPECT_EQ(plan.operation(4).network_id, "net-shop_default");
  EXPECT_TRUE(plan.operation(4).overlay);
  EXPECT_TRUE(plan.operation(4).runs_after_failure);
}

}  // namespace
}  // namespace berth::scheduler
