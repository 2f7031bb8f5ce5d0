#pragma once
// Internal to compose: the service keys that name other services (links,
// depends_on, volumes_from). Whether those services exist is checked later,
// by validate_references(), once every service is known.

#include <string>
#include <vector>

#include "compose/field_reader.h"
#include "compose/model.h"
#include "compose/yaml_tree.h"

namespace berth::compose {

// A sequence of "service" or "service:alias".
std::vector<Link> parse_links(FieldReader& reader, const YamlNode& node, const std::string& path);

// A sequence of service names, or a mapping of service name to
// {condition, required, restart}.
std::vector<Dependency> parse_depends_on(FieldReader& reader, const YamlNode& node,
                                         const std::string& path);

// A sequence of "[service:|container:]name[:ro|:rw]".
std::vector<VolumesFrom> parse_volumes_from(FieldReader& reader, const YamlNode& node,
                                            const std::string& path);

}  // namespace berth::compose
