#pragma once
// Internal to compose: what `environment:` may hold that the engine or the
// container's process could not take, found at load so nothing is made first.

#include <string>

#include "compose/field_reader.h"
#include "compose/yaml_tree.h"

namespace berth::compose {

// Reports, at the entry: a NUL character in a name or value (runc refuses the
// container only when it starts, after networks and volumes exist), and a
// mapping key holding "=" ({"A=B": c} would reach the container as A="B=c";
// compose v2 passes it on so, berth refuses it).
void check_environment_entries(FieldReader& reader, const YamlNode& node,
                               const std::string& path);

}  // namespace berth::compose
