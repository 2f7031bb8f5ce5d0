#pragma once
// Internal to compose: the engine settings (compose/engine_settings.h),
// `pull_policy:` and deploy's pids limit and device reservations for
// `berth config`, in compose's canonical shape with sizes in bytes.

#include <nlohmann/json_fwd.hpp>

#include "compose/model.h"

namespace berth::compose {

// Adds those that are set to the service's `doc`, whose "deploy" (if any) is
// already written.
void add_engine_settings_json(const Service& service, nlohmann::json& doc);

}  // namespace berth::compose
