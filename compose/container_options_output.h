#pragma once
// Internal to compose: the container settings, `deploy:`, `scale:` and the
// long-syntax mount options of a service for `berth config`, in the canonical
// shape config_output.cc writes (sizes in bytes, durations as "90s").

#include <nlohmann/json_fwd.hpp>

#include "compose/model.h"

namespace berth::compose {

// Adds the settings that differ from their defaults to the service's `doc`.
void add_container_options_json(const Service& service, nlohmann::json& doc);

// Adds `bind:`, `volume:` or `tmpfs:` options of a long-syntax mount to its `entry`.
void add_mount_options_json(const VolumeMount& mount, nlohmann::json& entry);

}  // namespace berth::compose
