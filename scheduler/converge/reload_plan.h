#pragma once
// The planner's side of x-berth-reload: which running dependents learn of a
// service's new and departing containers by a reload instead of being
// recreated, and the reload_container operations that tell them. Pure.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "compose/model.h"
#include "scheduler/observed_state.h"
#include "scheduler/plan.h"

namespace berth::scheduler {

// A running container of a dependent with x-berth-reload.
struct ReloadTarget {
  std::string service;
  int number = 0;
  std::string name;
  std::string id;
  int64_t drain_ns = 0;  // its x-berth-reload's drain
};

// The running containers, for which `kept` holds, of the services with
// x-berth-reload that link to `service`.
using KeptDependent = std::function<bool(const compose::Service&, const ObservedContainer&)>;
std::vector<ReloadTarget> reload_targets(const compose::Project& project,
                                         const ObservedState& observed,
                                         const std::string& service, const KeptDependent& kept);

// The longest drain of `targets`: how long a departing container waits,
// out of rotation, before it is stopped.
int64_t longest_drain(const std::vector<ReloadTarget>& targets);

// One reload_container per target, after `after`, taking `leaving` (container
// IDs) out of rotation, or letting `joining` back in; returns their ids.
struct RotationChange {
  std::vector<std::string> leaving;
  std::vector<std::string> joining;
};
std::vector<int> add_reloads(const std::function<int(Operation)>& add,
                             const std::vector<ReloadTarget>& targets,
                             const RotationChange& change, const std::string& cause,
                             const std::vector<int>& after);

}  // namespace berth::scheduler
