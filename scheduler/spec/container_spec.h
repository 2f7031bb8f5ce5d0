#pragma once
// The one translation from a compose service to an engine container spec.

#include <map>
#include <string>
#include <vector>

#include "compose/model.h"
#include "engine/types.h"

namespace berth::scheduler {

// What the translation needs beyond the service itself, decided by the caller.
struct ContainerContext {
  std::string name;                          // the container's name
  int number = 1;                            // its number within the service
  std::string network;                       // the network it is created on (engine name)
  std::string network_mode;                  // instead of a network: "host", "container:<id>", ...
  std::string config_hash;
  std::vector<std::string> link_environment;  // legacy link variables, "KEY=VALUE"
  std::vector<std::string> network_links;     // "container:alias" on `network`
  std::vector<std::string> volumes_from;      // resolved "container[:ro]"
};

engine::ContainerCreate container_create_for(const compose::Project& project,
                                             const compose::Service& service,
                                             const ContainerContext& context);

// The service's environment as "KEY=VALUE" entries, in the order written.
std::vector<std::string> service_environment(const compose::Service& service);

// "80/tcp" keys for every port the service exposes or publishes.
std::vector<std::string> service_exposed_ports(const compose::Service& service);

}  // namespace berth::scheduler
