#pragma once
// The await operations a service's starts wait on: one per container of each
// dependency declared with condition service_healthy or
// service_completed_successfully. Shared by every planner that starts
// containers (up's reconcile, the lifecycle commands), so the rule is written once.

#include <functional>
#include <string>
#include <vector>

#include "compose/model.h"
#include "scheduler/plan.h"

namespace berth::scheduler {

// A container of a dependency that a start may wait for.
struct AwaitCandidate {
  int number = 0;
  std::string name;
  std::string container_id;  // empty when made by this plan
  int start = 0;             // the operation starting it in this plan; 0: it runs already
};

// The containers of `dependency` worth waiting for: each planner knows which
// it starts or finds running, and which it leaves to others.
using AwaitCandidates = std::function<std::vector<AwaitCandidate>(const std::string& dependency)>;

// Adds the awaits `service`'s starts need to `plan`, each after its
// container's start, and returns their ids.
std::vector<int> add_dependency_awaits(Plan& plan, const compose::Service& service,
                                       const AwaitCandidates& candidates);

}  // namespace berth::scheduler
