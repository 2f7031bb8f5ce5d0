#pragma once
// The resolved project as text, for `berth config`: every path absolute, every
// variable substituted, every short form written out in one canonical shape.
// Two files that mean the same give the same text.

#include <string>

#include "compose/model.h"

namespace berth::compose {

// Canonical JSON, keys sorted, two-space indent.
std::string project_to_json(const Project& project);

// The same document as YAML.
std::string project_to_yaml(const Project& project);

}  // namespace berth::compose
