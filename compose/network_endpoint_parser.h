#pragma once
// Internal to compose: the keys of a service's network entry beyond aliases,
// addresses and priority (network_parser.h reads those): driver_opts,
// link_local_ips, mac_address, and interface_name and gw_priority, which need
// a newer engine API than berth's and are recorded as such.

#include <string>
#include <vector>

#include "compose/field_reader.h"
#include "compose/model.h"
#include "compose/yaml_tree.h"

namespace berth::compose {

// The keys this file reads, for FieldReader::check_keys.
const std::vector<std::string>& endpoint_extra_keys();

// `node` is the network entry's mapping; `path` its key path.
void parse_endpoint_extras(FieldReader& reader, const YamlNode& node, const std::string& path,
                           ServiceNetwork& network, std::vector<ApiRequirement>* requirements);

}  // namespace berth::compose
