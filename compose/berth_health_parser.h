#pragma once
// Internal to compose: the `x-berth-health:` key of a service, berth's own
// probe for images without curl or a shell (compose/model.h, BerthHealth).
// It is an "x-" key, so the service's key check leaves it alone and the
// merge of -f files and `extends` replace it whole, as any other key.

#include <optional>
#include <string>

#include "compose/field_reader.h"
#include "compose/model.h"
#include "compose/yaml_tree.h"

namespace berth::compose {

inline constexpr const char* k_berth_health_key = "x-berth-health";

// Reads the `x-berth-health` entry of a service body; `path` is the entry's
// own key path ("services.web.x-berth-health"). nullopt when its value is
// null (an override file's way to drop the base's probe) or when a problem
// was reported to `reader`.
std::optional<BerthHealth> parse_berth_health(FieldReader& reader, const YamlEntry& entry,
                                              const std::string& path);

}  // namespace berth::compose
