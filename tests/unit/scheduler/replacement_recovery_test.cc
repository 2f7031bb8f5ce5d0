// Interrupted recreates: the plan marks the steps after a replaced
// container's stop as one unit the Executor finishes after a Ctrl+C, and the
// next `up` gives containers left under temporary names their names back.

#include "scheduler/converge/replacement_recovery.h"

#include <gtest/gtest.h>

#include <mutex>

#include "project_builder.h"
#include "scheduler/container_naming.h"
#include "scheduler/labels.h"
#include "scheduler/converge/reconcile.h"

namespace berth::scheduler {
namespace {

engine::ContainerSummary container(const std::string& id, const std::string& name,
                                   const std::string& state = "running") {
  engine::ContainerSummary c;
  c.id = id;
  c.name = name;
  c.state = state;
  c.labels = {{labels::k_project, "p"},
              {labels::k_service, "web"},
              {labels::k_container_number, "1"},
              {labels::k_oneoff, "False"},
              {labels::k_config_hash, "h"}};
  return c;
}

std::string text(const Plan& repairs) {
  std::string out;
  for (const auto& op : repairs.operations()) {
    if (op.kind == OperationKind::rename_container) {
      out += "rename " + op.container_id + " " + op.display_name + " -> " + op.name + "\n";
    } else {
      out += to_string(op.kind) + " " + op.container_id + " " + op.name + "\n";
    }
  }
  return out;
}

TEST(ReplacementNames, TemporaryNamesAreTwelveHexDigitsAndTheProperName) {
  EXPECT_EQ(temporary_name("0123456789abcdef0000", "p-web-1"), "0123456789ab_p-web-1");
  EXPECT_EQ(name_after_replacement("0123456789ab_p-web-1"), "p-web-1");
  EXPECT_EQ(name_after_replacement("p-web-1"), std::nullopt);
  EXPECT_EQ(name_after_replacement("0123456789ab_"), std::nullopt);
  EXPECT_EQ(name_after_replacement("0123456789AB_p-web-1"), std::nullopt);  // not the engine's hex
  EXPECT_EQ(name_after_replacement("0123456789xy_p-web-1"), std::nullopt);
  EXPECT_EQ(name_after_replacement("my_container"), std::nullopt);
}

TEST(NameRepairs, NothingWithoutTemporaryNames) {
  ObservedState observed;
  observed.containers = {container("a1", "p-web-1"), container("b1", "my_container")};
  EXPECT_EQ(text(plan_name_repairs(observed)), "");
}

// Killed after the old container was removed: the replacement takes its name.
TEST(NameRepairs, ALoneLeftoverTakesItsProperName) {
  ObservedState observed;
  observed.containers = {container("n1", "0123456789ab_p-web-1", "created"),
                         container("d1", "p-db-1")};
  EXPECT_EQ(text(plan_name_repairs(observed)), "rename n1 0123456789ab_p-web-1 -> p-web-1\n");
}

// Killed before the old container was removed: the old one keeps the name
// (running or stopped; the plan that follows starts or recreates it) and the
// replacement, never run under that name, goes.
TEST(NameRepairs, ALeftoverWhosePredecessorRemainsIsRemoved) {
  ObservedState observed;
  observed.containers = {container("0123456789abff", "p-web-1", "exited"),
                         container("n1", "0123456789ab_p-web-1", "created")};
  EXPECT_EQ(text(plan_name_repairs(observed)), "RemoveContainer n1 0123456789ab_p-web-1\n");
}

// A running leftover is stopped first, without the service's pre_stop hooks:
// it never served under the service's name.
TEST(NameRepairs, ARunningLeftoverIsStoppedWithoutHooksBeforeItsRemoval) {
  ObservedState observed;
  observed.containers = {container("0123456789abff", "p-web-1"),
                         container("n1", "0123456789ab_p-web-1", "running")};
  const Plan plan = plan_name_repairs(observed);
  EXPECT_EQ(text(plan),
            "StopContainer n1 0123456789ab_p-web-1\nRemoveContainer n1 0123456789ab_p-web-1\n");
  EXPECT_FALSE(plan.operation(1).hooks);
  EXPECT_EQ(plan.operation(2).after, std::vector<int>{1});
}

// Two leftovers for one name (an older berth started one under its temporary
// name): the running one is kept, so no running container is lost.
TEST(NameRepairs, OfTwoLeftoversTheRunningOneTakesTheName) {
  ObservedState observed;
  observed.containers = {container("n1", "0123456789ab_p-web-1", "created"),
                         container("n2", "aaaaaaaaaaaa_p-web-1", "running")};
  EXPECT_EQ(text(plan_name_repairs(observed)),
            "RemoveContainer n1 0123456789ab_p-web-1\n"
            "rename n2 aaaaaaaaaaaa_p-web-1 -> p-web-1\n");
}

TEST(InterruptedRecreatePlan, StepsAfterTheOldContainersStopFinishAfterAnInterrupt) {
  compose::Project project;
  project.name = "p";
  testing::add_service(project, "web");
  ObservedState observed;
  observed.containers = {container("0123456789abcdef", "p-web-1")};
  DesiredState desired;
  desired.config_hashes = {{"web", "changed"}};
  ReconcileOptions options;
  options.services = {"web"};
  auto graph = DependencyGraph::build(project);
  const auto plan = reconcile(project, graph, observed, desired, options).plan;
  std::string marked;
  for (const auto& op : plan.operations()) {
    marked += to_string(op.kind) + (op.finish_when_interrupted ? " finishes\n" : "\n");
  }
  EXPECT_EQ(marked,
            "CreateContainer\nStopContainer\nRemoveContainer finishes\n"
            "RenameContainer finishes\nStartContainer finishes\n");

  // Ctrl+C while the old container stops: it is removed, the replacement is
  // renamed and started; nothing else begins.
  Interruption interruption;
  std::mutex mutex;
  std::vector<std::string> performed;
  Executor executor(4, &interruption);
  auto report = executor.run(plan, [&](const Operation& op) -> engine::Status {
    std::lock_guard lock(mutex);
    performed.push_back(to_string(op.kind));
    if (op.kind == OperationKind::stop_container) {
      interruption.interrupt();
    }
    return engine::Done{};
  });
  EXPECT_TRUE(report.ok());
  EXPECT_EQ(performed.size(), 5u);

  // Ctrl+C while the replacement is created: the old container is not
  // touched (and the replacement is removed again after the run).
  Interruption early;
  performed.clear();
  Executor early_executor(4, &early);
  report = early_executor.run(plan, [&](const Operation& op) -> engine::Status {
    std::lock_guard lock(mutex);
    performed.push_back(to_string(op.kind));
    early.interrupt();
    return engine::Done{};
  });
  EXPECT_EQ(performed, std::vector<std::string>{"CreateContainer"});
  EXPECT_FALSE(report.ok());

  // The replacement made is removed again by a plan of its own: by its slot
  // (the runner knows the ID it made), under its temporary name.
  const Plan cleanup = plan_unused_replacement_removal(plan, report);
  ASSERT_EQ(cleanup.operations().size(), 1u);
  const Operation& remove = cleanup.operation(1);
  EXPECT_EQ(remove.kind, OperationKind::remove_container);
  EXPECT_EQ(remove.service, "web");
  EXPECT_EQ(remove.number, 1);
  EXPECT_TRUE(remove.container_id.empty());
  EXPECT_EQ(remove.name, plan.operation(1).name);
  // After a run that went on past the old container's stop, nothing is removed.
  ExecutionReport finished;
  finished.outcomes.assign(plan.operations().size(), OperationOutcome{});
  for (auto& outcome : finished.outcomes) {
    outcome.state = OperationOutcome::State::done;
  }
  EXPECT_TRUE(plan_unused_replacement_removal(plan, finished).empty());
}

}  // namespace
}  // namespace berth::scheduler
