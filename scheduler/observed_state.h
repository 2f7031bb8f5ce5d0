#pragma once
// ObservedState: one snapshot of what the engine holds for a project, taken
// with a few list calls, so that deciding what to do needs no further reads.

#include <string>
#include <vector>

#include "engine/engine.h"

namespace berth::scheduler {

struct ObservedState {
  std::string project;
  std::vector<engine::ContainerSummary> containers;  // the project's, one-offs included
  std::vector<engine::NetworkSummary> networks;      // the project's
  std::vector<engine::VolumeSummary> volumes;        // the project's
  // Every network and volume on the engine, the project's included: what
  // `up` checks external ones and name clashes against.
  std::vector<engine::NetworkSummary> all_networks;
  std::vector<engine::VolumeSummary> all_volumes;

  // The service's containers (one-offs excluded), by container number.
  std::vector<engine::ContainerSummary> containers_of(const std::string& service) const;
  const engine::NetworkSummary* network(const std::string& name) const;
};

engine::Result<ObservedState> observe(engine::Engine& engine, const std::string& project);

}  // namespace berth::scheduler
