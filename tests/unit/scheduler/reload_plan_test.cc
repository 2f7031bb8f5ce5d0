// x-berth-reload as plans: a running dependent that reloads is not recreated
// when the service it links to changes; its reloads sit between the new
// container being ready and the old one stopping, and around scale changes.

#include <gtest/gtest.h>

#include "observed_builder.h"
#include "project_builder.h"
#include "scheduler/converge/reconcile.h"
#include "scheduler/lifecycle/lifecycle.h"

namespace berth::scheduler {
namespace {

using testing::add_link;
using testing::add_service;

class ReloadPlan : public ::testing::Test {
 protected:
  ReloadPlan() {
    project.name = "p";
    add_service(project, "api");
    compose::BerthReload reload;
    reload.command = {"reload"};
    add_service(project, "web").berth_reload = reload;
    add_link(project, "web", "api");
    desired.config_hashes = {{"api", "new"}, {"web", "web"}};
    desired.health_checked = {"api"};
    observed.containers.push_back(testing::service_container("web", 1, "web"));
  }
  void start_first() {
    project.services[0].deploy.update_config = compose::DeployUpdatePolicy{};
    project.services[0].deploy.update_config->order = "start-first";
  }
  void api_replicas(int count, const std::string& hash) {
    for (int number = 1; number <= count; ++number) {
      observed.containers.push_back(testing::service_container("api", number, hash));
    }
  }
  std::string plan() {
    auto graph = DependencyGraph::build(project);
    result = reconcile(project, graph, observed, desired, options);
    return result.plan.to_string();
  }
  compose::Project project;
  ObservedState observed;
  DesiredState desired;
  ReconcileOptions options;
  Reconciliation result;
};

TEST_F(ReloadPlan, StartFirstReplacementJoinsThenTheOldLeavesDrainsAndStops) {
  start_first();
  api_replicas(1, "old");
  options.services = {"api", "web"};
  EXPECT_EQ(plan(),
            "[] -> #1 service:api:1, CreateContainer, configuration changed (start-first)\n"
            "[1] -> #2 service:api:1, StartContainer, configuration changed\n"
            "[2] -> #3 service:api:1, AwaitContainer, start-first: the replacement must be "
            "healthy before p-api-1 stops\n"
            "[3] -> #4 service:web:1, ReloadContainer, the replacement of p-api-1 joins the "
            "rotation\n"
            "[4] -> #5 service:web:1, ReloadContainer, p-api-1 leaves the rotation\n"
            "[5] -> #6 service:api:1, StopContainer, replaced\n"
            "[6] -> #7 service:api:1, RemoveContainer, replaced\n"
            "[7] -> #8 service:api:1, RenameContainer, takes its predecessor's name\n"
            "[!3] -> #9 service:api:1, RemoveContainer, start-first: not ready, removed; the old "
            "container stays (pause)\n");
  const auto& ops = result.plan.operations();
  const std::string web_id = observed.containers[0].id;
  const std::string old_api = observed.containers[1].id;
  EXPECT_EQ(ops[3].container_id, web_id);
  EXPECT_EQ(ops[3].name, "p-web-1");
  EXPECT_TRUE(ops[3].leaving.empty());
  EXPECT_EQ(ops[4].leaving, std::vector<std::string>{old_api});
  EXPECT_EQ(ops[5].delay_ns, 2'000'000'000);  // the drain
  EXPECT_EQ(result.running, std::vector<std::string>{"p-web-1"});  // not recreated
}

TEST_F(ReloadPlan, WithoutTheKeyTheDependentIsRecreatedAsBefore) {
  project.services[1].berth_reload.reset();
  start_first();
  api_replicas(1, "old");
  options.services = {"api", "web"};
  const std::string text = plan();
  EXPECT_EQ(text.find("ReloadContainer"), std::string::npos) << text;
  EXPECT_NE(text.find("service:web:1, CreateContainer, linked service \"api\" changed"),
            std::string::npos)
      << text;
}

TEST_F(ReloadPlan, ADependentRecreatedForItsOwnChangeIsNotReloaded) {
  desired.config_hashes["web"] = "web2";
  start_first();
  api_replicas(1, "old");
  options.services = {"api", "web"};
  const std::string text = plan();
  EXPECT_EQ(text.find("ReloadContainer"), std::string::npos) << text;
  EXPECT_NE(text.find("service:web:1, CreateContainer, configuration changed"), std::string::npos)
      << text;
}

TEST_F(ReloadPlan, ScaleUpReloadsOnceTheNewContainerIsReady) {
  api_replicas(1, "new");
  options.services = {"api"};  // `scale api=2`: web is not selected
  options.scale = {{"api", 2}};
  EXPECT_EQ(plan(),
            "[] -> #1 service:api:2, CreateContainer, scale up to 2\n"
            "[1] -> #2 service:api:2, StartContainer, scale up to 2\n"
            "[2] -> #3 service:api:2, AwaitContainer, x-berth-reload: ready before it joins the "
            "rotation\n"
            "[3] -> #4 service:web:1, ReloadContainer, p-api-2 joins the rotation\n");
}

TEST_F(ReloadPlan, ScaleDownTakesTheContainerOutDrainsThenStops) {
  api_replicas(2, "new");
  options.services = {"api"};
  options.scale = {{"api", 1}};
  EXPECT_EQ(plan(),
            "[] -> #1 service:web:1, ReloadContainer, p-api-2 leaves the rotation\n"
            "[1] -> #2 service:api:2, StopContainer, scale down to 1\n"
            "[2] -> #3 service:api:2, RemoveContainer, scale down to 1\n");
  EXPECT_EQ(result.plan.operation(1).leaving,
            std::vector<std::string>{observed.containers[2].id});
  EXPECT_EQ(result.plan.operation(2).delay_ns, 2'000'000'000);
}

TEST_F(ReloadPlan, StopFirstRecreateLeavesBeforeTheStopAndJoinsWhenReady) {
  api_replicas(1, "old");
  options.services = {"api"};
  EXPECT_EQ(plan(),
            "[] -> #1 service:api:1, CreateContainer, configuration changed\n"
            "[1] -> #2 service:web:1, ReloadContainer, p-api-1 leaves the rotation\n"
            "[2] -> #3 service:api:1, StopContainer, replaced\n"
            "[3] -> #4 service:api:1, RemoveContainer, replaced\n"
            "[4] -> #5 service:api:1, RenameContainer, takes its predecessor's name\n"
            "[5] -> #6 service:api:1, StartContainer, configuration changed\n"
            "[6] -> #7 service:api:1, AwaitContainer, x-berth-reload: ready before it joins the "
            "rotation\n"
            "[7] -> #8 service:web:1, ReloadContainer, p-api-1 joins the rotation\n");
}

TEST_F(ReloadPlan, RestartGoesOneContainerAtATimeOutOfTheRotation) {
  api_replicas(2, "new");
  LifecycleOptions lifecycle;
  lifecycle.services = {"api"};
  auto graph = DependencyGraph::build(project);
  EXPECT_EQ(plan_lifecycle(Lifecycle::restart, project, graph, observed, lifecycle).to_string(),
            "[] -> #1 service:web:1, ReloadContainer, p-api-1 leaves the rotation\n"
            "[1] -> #2 service:api:1, StopContainer, requested\n"
            "[2] -> #3 service:api:1, StartContainer, requested\n"
            "[3] -> #4 service:api:1, AwaitContainer, x-berth-reload: ready before it joins the "
            "rotation again\n"
            "[4] -> #5 service:web:1, ReloadContainer, p-api-1 joins the rotation\n"
            "[5] -> #6 service:web:1, ReloadContainer, p-api-2 leaves the rotation\n"
            "[6] -> #7 service:api:2, StopContainer, requested\n"
            "[7] -> #8 service:api:2, StartContainer, requested\n"
            "[8] -> #9 service:api:2, AwaitContainer, x-berth-reload: ready before it joins the "
            "rotation again\n"
            "[9] -> #10 service:web:1, ReloadContainer, p-api-2 joins the rotation\n");
  // Restarting the dependent too: it gets no reloads, all restart as before.
  lifecycle.services = {"api", "web"};
  const std::string both =
      plan_lifecycle(Lifecycle::restart, project, graph, observed, lifecycle).to_string();
  EXPECT_EQ(both.find("ReloadContainer"), std::string::npos) << both;
}

}  // namespace
}  // namespace berth::scheduler
