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

// The name a replacement is created under while its predecessor still holds
// `name`: "<first 12 characters of the old ID>_<name>", as compose v2 does.
std::string temporary_name(const std::string& old_id, const std::string& name);

// The name a container left under a temporary name should have ("<12 hex>_<name>"
// -> "<name>"); nullopt for any other name.
std::optional<std::string> name_after_replacement(const std::string& name);

// "<project>_default": the network every service joins.
std::string default_network_name(const std::string& project);

// Parses the container-number label; nullopt when absent or not a positive number.
std::optional<int> parse_container_number(const std::string& label_value);

}  // namespace berth::scheduler
