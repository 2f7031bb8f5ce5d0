#pragma once
// A service container as the engine lists it ("p-web-1", labelled for project
// "p"), for planner tests that build an ObservedState by hand.

#include <string>

#include "engine/types.h"
#include "scheduler/labels.h"

namespace berth::scheduler::testing {

inline engine::ContainerSummary service_container(const std::string& service, int number,
                                                  const std::string& hash,
                                                  const std::string& state = "running") {
  engine::ContainerSummary c;
  c.id = "id" + service + std::to_string(number) + "0123456789abcdef";
  c.name = "p-" + service + "-" + std::to_string(number);
  c.state = state;
  c.labels = {{labels::k_project, "p"},
              {labels::k_service, service},
              {labels::k_container_number, std::to_string(number)},
              {labels::k_oneoff, "False"},
              {labels::k_config_hash, hash}};
  return c;
}

}  // namespace berth::scheduler::testing
