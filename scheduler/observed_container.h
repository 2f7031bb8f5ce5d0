#pragma once
// One of the project's containers as observed: the engine's summary, with the
// compose labels read once into typed fields, so that planners compare
// numbers and flags instead of looking labels up and parsing them again.

#include <string>

#include "engine/types.h"
#include "health/container_state.h"

namespace berth::scheduler {

struct ObservedContainer : engine::ContainerSummary {
  // Implicit on purpose: a summary read from the engine (or made by a test)
  // becomes an observed container by reading its labels.
  ObservedContainer(engine::ContainerSummary summary);  // NOLINT(google-explicit-constructor)

  std::string service;      // "" when the label is missing
  int number = 0;           // its container number; 0 when missing or malformed
  bool one_off = false;     // made by `run`
  std::string config_hash;  // the configuration it was created from
  health::ContainerState run_state = health::ContainerState::unknown;

  // Running, paused or restarting: what stop, down and recreate must stop first.
  bool is_up() const { return health::is_up(run_state); }
};

}  // namespace berth::scheduler
