#pragma once
// Profiles: services that only run when asked for. A service without
// `profiles:` is always active; one with profiles is active when one of them
// is enabled (--profile, else COMPOSE_PROFILES) or when it is named on the
// command line, which also enables all of its profiles for its dependencies.
// Every dependency of an active service (links, depends_on, volumes_from,
// network_mode: service:) must itself be active under those profiles: compose
// 1.29.2 refuses to pull in a service its profiles leave out, and so do we.

#include <map>
#include <string>
#include <vector>

#include "compose/field_reader.h"
#include "compose/model.h"
#include "compose/yaml_tree.h"

namespace berth::compose {

// The services to act on, in the project's order: with `named_services`
// empty, every service enabled by `enabled_profiles` plus its dependencies;
// else the named ones plus theirs. Pure. Throws ConfigError for a name that
// is no service, and, positioned at the dependency, for a dependency the
// profiles leave out: `service "db" was pulled in as a dependency of service
// "web" but is not enabled by the active profiles; ...`.
std::vector<std::string> active_services(const Project& project,
                                         const std::vector<std::string>& enabled_profiles,
                                         const std::vector<std::string>& named_services);

// --profile's names when any were given, else COMPOSE_PROFILES split at ","
// (as docker-compose 1.29.2: the variable is a default, not an addition).
std::vector<std::string> enabled_profiles_from(
    const std::vector<std::string>& option_profiles,
    const std::map<std::string, std::string>& environment);

// Internal to compose: a service's `profiles:`, a list of names matching
// [a-zA-Z0-9][a-zA-Z0-9_.-]*; duplicates are dropped.
std::vector<std::string> parse_profiles(FieldReader& reader, const YamlNode& node,
                                        const std::string& path);

}  // namespace berth::compose
