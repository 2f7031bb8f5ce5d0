#pragma once
// Internal to compose: the top-level `networks:` section, a service's
// `networks:` and `network_mode:`, and the checks that need all of them.

#include <string>
#include <vector>

#include "compose/field_reader.h"
#include "compose/model.h"
#include "compose/yaml_tree.h"

namespace berth::compose {

// A mapping of key to null or {driver, driver_opts, external, name, internal,
// attachable, labels, ipam, enable_ipv6, enable_ipv4}. `external` is a boolean
// or the legacy {name: ...}. Keys needing a newer engine API go to `requirements`.
std::vector<NetworkDecl> parse_network_decls(FieldReader& reader, const YamlNode& node,
                                             const std::string& path,
                                             const std::string& project_name,
                                             std::vector<ApiRequirement>* requirements = nullptr);

// A sequence of network keys, or a mapping of key to null or {aliases,
// ipv4_address, ipv6_address, priority, and network_endpoint_parser.h's keys}.
// Whether the keys are declared is checked by resolve_networks().
std::vector<ServiceNetwork> parse_service_networks(
    FieldReader& reader, const YamlNode& node, const std::string& path,
    std::vector<ApiRequirement>* requirements = nullptr);

// "bridge", "host", "none", "service:NAME" or "container:NAME".
NetworkMode parse_network_mode(FieldReader& reader, const YamlNode& node, const std::string& path);

// Once every service is parsed: declares `default` ("<project>_default")
// unless the file does, makes every service without `networks:` or
// `network_mode:` join it, and reports networks that are not declared,
// network_mode combined with networks, a network_mode service that does not
// exist, and keys the engine refuses with the network mode (ports with
// "service:NAME", links with "host", ...).
void resolve_networks(FieldReader& reader, Project& project);

}  // namespace berth::compose
