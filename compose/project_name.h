#pragma once
#include <string>

namespace berth::compose {

// Lower-cases and keeps only [a-z0-9_-], as compose does for directory names.
// Leading characters that are not a letter or digit are dropped.
std::string normalise_project_name(const std::string& raw);

// True when `name` is already a valid project name (non-empty, [a-z0-9][a-z0-9_-]*).
bool is_valid_project_name(const std::string& name);

}  // namespace berth::compose
