// Start-first replacement (deploy.update_config.order: start-first) as plans:
// the replacement runs and must be ready before the old container stops, by
// batches of `parallelism`, and failure_action decides what waits on what.

#include <gtest/gtest.h>

#include "observed_builder.h"
#include "project_builder.h"
#include "scheduler/converge/reconcile.h"
#include "scheduler/converge/start_first.h"

namespace berth::scheduler {
namespace {

using testing::add_service;

engine::ContainerSummary container(const std::string& service, int number,
                                   const std::string& hash, const std::string& state = "running") {
  return testing::service_container(service, number, hash, state);
}

class StartFirstPlan : public ::testing::Test {
 protected:
  StartFirstPlan() {
    project.name = "p";
    add_service(project, "api").deploy.update_config = compose::DeployUpdatePolicy{};
    update().order = "start-first";
    desired.config_hashes = {{"api", "new"}};
    desired.health_checked = {"api"};
    options.services = {"api"};
  }
  compose::DeployUpdatePolicy& update() { return *project.services[0].deploy.update_config; }
  void replicas(int count) {
    project.services[0].deploy.replicas = count;
    observed.containers.clear();
    for (int number = 1; number <= count; ++number) {
      observed.containers.push_back(container("api", number, "old"));
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

TEST_F(StartFirstPlan, StopFirstIsTheDefaultAndUnchanged) {
  project.services[0].deploy.update_config.reset();
  replicas(1);
  EXPECT_EQ(plan(),
            "[] -> #1 service:api:1, CreateContainer, configuration changed\n"
            "[1] -> #2 service:api:1, StopContainer, replaced\n"
            "[2] -> #3 service:api:1, RemoveContainer, replaced\n"
            "[3] -> #4 service:api:1, RenameContainer, takes its predecessor's name\n"
            "[4] -> #5 service:api:1, StartContainer, configuration changed\n");
  project.services[0].deploy.update_config = compose::DeployUpdatePolicy{};
  update().order = "stop-first";
  update().parallelism = 1;
  EXPECT_EQ(result.plan.to_string(), plan());
}

TEST_F(StartFirstPlan, ReplacementStartsAndMustBeHealthyBeforeTheOldStops) {
  replicas(1);
  EXPECT_EQ(plan(),
            "[] -> #1 service:api:1, CreateContainer, configuration changed (start-first)\n"
            "[1] -> #2 service:api:1, StartContainer, configuration changed\n"
            "[2] -> #3 service:api:1, AwaitContainer, start-first: the replacement must be "
            "healthy before p-api-1 stops\n"
            "[3] -> #4 service:api:1, StopContainer, replaced\n"
            "[4] -> #5 service:api:1, RemoveContainer, replaced\n"
            "[5] -> #6 service:api:1, RenameContainer, takes its predecessor's name\n"
            "[!3] -> #7 service:api:1, RemoveContainer, start-first: not ready, removed; the old "
            "container stays (pause)\n");
  const auto& ops = result.plan.operations();
  const std::string old_id = observed.containers[0].id;
  // The new container acts under its temporary name, shown under the old one's.
  EXPECT_EQ(ops[0].name, "idapi1012345_p-api-1");
  EXPECT_EQ(ops[0].display_name, "p-api-1");
  EXPECT_EQ(ops[0].replaces, old_id);
  EXPECT_EQ(ops[1].name, "idapi1012345_p-api-1");
  EXPECT_TRUE(ops[1].container_id.empty());  // the one this plan makes
  EXPECT_EQ(ops[2].condition, compose::DependencyCondition::service_healthy);
  EXPECT_EQ(ops[2].monitor_ns, 0);
  EXPECT_EQ(ops[2].replaces, old_id);
  // The old container: by its ID.
  EXPECT_EQ(ops[3].container_id, old_id);
  EXPECT_EQ(ops[4].container_id, old_id);
  EXPECT_EQ(ops[5].name, "p-api-1");
  EXPECT_TRUE(ops[5].container_id.empty());
  // A replacement that does not become healthy is removed, running or not.
  EXPECT_TRUE(ops[6].only_after_failure);
  EXPECT_TRUE(ops[6].force);
  EXPECT_EQ(ops[6].name, "idapi1012345_p-api-1");
  EXPECT_TRUE(ops[6].container_id.empty());
  EXPECT_TRUE(ops[6].finish_when_interrupted);
}

TEST_F(StartFirstPlan, WithoutAHealthCheckTheReplacementMustKeepRunningForMonitor) {
  desired.health_checked.clear();
  replicas(1);
  plan();
  const auto& await = result.plan.operation(3);
  EXPECT_EQ(await.kind, OperationKind::await_container);
  EXPECT_EQ(await.condition, compose::DependencyCondition::service_started);
  EXPECT_EQ(await.monitor_ns, k_default_monitor_ns);
  EXPECT_EQ(await.cause,
            "start-first: the replacement must keep running for 5s before p-api-1 stops");
  update().monitor_ns = 2'500'000'000;
  plan();
  EXPECT_EQ(result.plan.operation(3).monitor_ns, 2'500'000'000);
  EXPECT_EQ(result.plan.operation(3).cause,
            "start-first: the replacement must keep running for 2.5s before p-api-1 stops");
}

TEST_F(StartFirstPlan, ParallelismTwoOfThreeReplicasGoesInTwoBatchesDelayApart) {
  update().parallelism = 2;
  update().delay_ns = 3'000'000'000;
  replicas(3);
  const std::string text = plan();
  // Batch 1 (replicas 1 and 2) at once; replica 3 after both are in service.
  EXPECT_EQ(text,
            "[] -> #1 service:api:1, CreateContainer, configuration changed (start-first)\n"
            "[1] -> #2 service:api:1, StartContainer, configuration changed\n"
            "[2] -> #3 service:api:1, AwaitContainer, start-first: the replacement must be "
            "healthy before p-api-1 stops\n"
            "[] -> #4 service:api:2, CreateContainer, configuration changed (start-first)\n"
            "[4] -> #5 service:api:2, StartContainer, configuration changed\n"
            "[5] -> #6 service:api:2, AwaitContainer, start-first: the replacement must be "
            "healthy before p-api-2 stops\n"
            "[3] -> #7 service:api:1, StopContainer, replaced\n"
            "[7] -> #8 service:api:1, RemoveContainer, replaced\n"
            "[8] -> #9 service:api:1, RenameContainer, takes its predecessor's name\n"
            "[!3] -> #10 service:api:1, RemoveContainer, start-first: not ready, removed; the "
            "old container stays (pause)\n"
            "[6] -> #11 service:api:2, StopContainer, replaced\n"
            "[11] -> #12 service:api:2, RemoveContainer, replaced\n"
            "[12] -> #13 service:api:2, RenameContainer, takes its predecessor's name\n"
            "[!6] -> #14 service:api:2, RemoveContainer, start-first: not ready, removed; the "
            "old container stays (pause)\n"
            "[9 13] -> #15 service:api:3, CreateContainer, configuration changed (start-first)\n"
            "[15] -> #16 service:api:3, StartContainer, configuration changed\n"
            "[16] -> #17 service:api:3, AwaitContainer, start-first: the replacement must be "
            "healthy before p-api-3 stops\n"
            "[17] -> #18 service:api:3, StopContainer, replaced\n"
            "[18] -> #19 service:api:3, RemoveContainer, replaced\n"
            "[19] -> #20 service:api:3, RenameContainer, takes its predecessor's name\n"
            "[!17] -> #21 service:api:3, RemoveContainer, start-first: not ready, removed; the "
            "old container stays (pause)\n");
  EXPECT_EQ(result.plan.operation(1).delay_ns, 0);
  EXPECT_EQ(result.plan.operation(15).delay_ns, 3'000'000'000);
}

TEST_F(StartFirstPlan, ContinueWaitsForTheBatchBeforeWhateverItsOutcome) {
  update().failure_action = "continue";
  replicas(2);
  plan();
  const auto& second = result.plan.operation(8);
  EXPECT_EQ(second.kind, OperationKind::create_container);
  EXPECT_EQ(second.number, 2);
  EXPECT_TRUE(second.after.empty());
  EXPECT_EQ(second.after_settled, (std::vector<int>{6, 7}));  // rename or removal of #1
}

TEST_F(StartFirstPlan, RollbackKeepsEveryOldContainerUntilAllReplacementsAreReady) {
  update().failure_action = "rollback";
  replicas(2);
  EXPECT_EQ(plan(),
            "[] -> #1 service:api:1, CreateContainer, configuration changed (start-first)\n"
            "[1] -> #2 service:api:1, StartContainer, configuration changed\n"
            "[2] -> #3 service:api:1, AwaitContainer, start-first: the replacement must be "
            "healthy before p-api-1 stops\n"
            "[3] -> #4 service:api:2, CreateContainer, configuration changed (start-first)\n"
            "[4] -> #5 service:api:2, StartContainer, configuration changed\n"
            "[5] -> #6 service:api:2, AwaitContainer, start-first: the replacement must be "
            "healthy before p-api-2 stops\n"
            "[3 6] -> #7 service:api:1, StopContainer, replaced\n"
            "[7] -> #8 service:api:1, RemoveContainer, replaced\n"
            "[8] -> #9 service:api:1, RenameContainer, takes its predecessor's name\n"
            "[!3 !6] -> #10 service:api:1, RemoveContainer, start-first: not ready, removed; the "
            "old container stays (rollback)\n"
            "[3 6] -> #11 service:api:2, StopContainer, replaced\n"
            "[11] -> #12 service:api:2, RemoveContainer, replaced\n"
            "[12] -> #13 service:api:2, RenameContainer, takes its predecessor's name\n"
            "[!3 !6] -> #14 service:api:2, RemoveContainer, start-first: not ready, removed; the "
            "old container stays (rollback)\n");
}

TEST_F(StartFirstPlan, FixedHostPortFallsBackToStopFirstWithAWarning) {
  project.services[0].ports.push_back({"", 8080, 8080, 80, 80, "tcp"});
  replicas(1);
  plan();
  EXPECT_EQ(result.plan.operation(2).kind, OperationKind::stop_container);
  ASSERT_EQ(result.warnings.size(), 1u);
  EXPECT_EQ(result.warnings[0],
            "service \"api\" is replaced stop-first: it publishes host port 8080, which its old "
            "and new containers cannot share");
}

TEST_F(StartFirstPlan, NoStartReplacesStopFirst) {
  options.no_start = true;
  replicas(1);
  plan();
  EXPECT_EQ(result.plan.operations().size(), 4u);  // create, stop, remove, rename
  EXPECT_EQ(result.plan.operation(2).kind, OperationKind::stop_container);
}

}  // namespace
}  // namespace berth::scheduler
