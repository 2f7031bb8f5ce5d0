#pragma once
#include <string>

namespace berth::compose {

// Lower-cases and keeps only [a-z0-9_-], as compose does for directory names.
// Leading characters that are not a letter or digit are dropped.
std::string normalise_project_name(const std::string& raw);

// True when `name` is already a valid project name (non-empty, [a-z0-9][a-z0-9_-]*).
bool is_valid_project_name(const std::string& name);

// The refusal of a name given by -p, COMPOSE_PROJECT_NAME or `name:`, naming the
// rule. Only a name taken from the directory is normalised: normalising a chosen
// name would make `rp.coll.a` act on the project `rpcolla`.
std::string invalid_project_name_message(const std::string& name);

}  // namespace berth::compose
