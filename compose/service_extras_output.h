#pragma once
// Internal to compose: the keys of compose/service_extras.h and the newer
// `build:` keys for `berth config`, in compose v2's canonical shapes.

#include <nlohmann/json_fwd.hpp>

#include "compose/model.h"

namespace berth::compose {

// Adds attach, annotations, post_start, pre_stop, develop and credential_spec when written.
void add_service_extras_json(const Service& service, nlohmann::json& doc);

// Adds the build keys beyond context, dockerfile, args, target, labels,
// network, shm_size, extra_hosts and cache_from, when written.
void add_build_extras_json(const BuildSpec& build, nlohmann::json& doc);

}  // namespace berth::compose
