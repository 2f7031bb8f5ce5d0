#pragma once
// Internal to compose: a service's `build:` (a context path, or a mapping).

#include <map>
#include <optional>
#include <string>

#include "compose/field_reader.h"
#include "compose/model.h"
#include "compose/yaml_tree.h"

namespace berth::compose {

// `directory` resolves a relative context; `environment` gives valueless args
// their value (they are left out when unset there).
std::optional<BuildSpec> parse_build(FieldReader& reader, const YamlNode& node,
                                     const std::string& path, const std::string& directory,
                                     const std::map<std::string, std::string>& environment);

}  // namespace berth::compose
