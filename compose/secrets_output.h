#pragma once
// Internal to compose: secrets and configs for `berth config`, in compose
// v2's shapes: each service entry in the long form, each definition with its
// engine name and its source (a file as an absolute path).

#include <nlohmann/json_fwd.hpp>

#include "compose/model.h"

namespace berth::compose {

// Adds `secrets:` and `configs:` to the service's `doc` when it has any.
void add_file_references_json(const Service& service, nlohmann::json& doc);

// Adds the top-level `secrets:` and `configs:` to `doc` when there are any.
void add_file_object_decls_json(const Project& project, nlohmann::json& doc);

}  // namespace berth::compose
