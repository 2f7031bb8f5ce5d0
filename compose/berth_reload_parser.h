#pragma once
// Internal to compose: the `x-berth-reload:` key of a service, berth's way to
// tell a running dependent (a balancer) of its linked services' new and
// departing containers without recreating it (compose/model.h, BerthReload).
// An "x-" key: the service's key check leaves it alone, and the merge of -f
// files and `extends` replace it whole.

#include <optional>
#include <string>

#include "compose/field_reader.h"
#include "compose/model.h"
#include "compose/yaml_tree.h"

namespace berth::compose {

inline constexpr const char* k_berth_reload_key = "x-berth-reload";

// Reads the `x-berth-reload` entry of a service body; `path` is the entry's
// own key path ("services.web.x-berth-reload"). nullopt when its value is null
// (an override file's way to drop it) or when a problem was reported.
std::optional<BerthReload> parse_berth_reload(FieldReader& reader, const YamlEntry& entry,
                                              const std::string& path);

}  // namespace berth::compose
