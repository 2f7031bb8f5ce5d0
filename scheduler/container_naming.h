#pragma once
// Container and network names: one small pure place for the naming rules.

#include <optional>
#include <string>

namespace berth::scheduler {

// "<project>-<service>-<number>", as docker compose v2 names containers.
std::string container_name(const std::string& project, const std::string& service, int number);

// The name of a container without its project prefix ("db-1"): fig linked
// each container under this name too, so fig-era apps read DB_1_PORT_... .
std::string container_name_without_project(const std::string& project,
                                           const std::string& container);

// "<project>_default": the network every service joins.
std::string default_network_name(const std::string& project);

// Parses the container-number label; nullopt when absent or not a positive number.
std::optional<int> parse_container_number(const std::string& label_value);

}  // namespace berth::scheduler
