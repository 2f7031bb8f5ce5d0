#pragma once
// The rows `ps` shows: the project's containers, read by label only.

#include <string>
#include <vector>

#include "engine/types.h"
#include "scheduler/observed_state.h"

namespace berth::scheduler {

struct ContainerRow {
  std::string name;
  std::string service;
  int number = 0;
  std::string state;   // "running", "exited", ...
  std::string status;  // the engine's text, e.g. "Up 3 seconds"
  std::string ports;   // e.g. "0.0.0.0:8080->80/tcp, 5984/tcp"
};

// By service, then container number; one-offs after the service's others.
std::vector<ContainerRow> container_rows(const ObservedState& observed);

// Published ports as docker shows them, sorted by container port.
std::string format_ports(std::vector<engine::PublishedPort> ports);

}  // namespace berth::scheduler
