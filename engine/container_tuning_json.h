#pragma once
// Private to the engine module: the tuning settings of a create body
// (engine/container_tuning.h); add_container_settings() calls it. Only what
// differs from the engine's defaults is written.

#include <nlohmann/json.hpp>

#include "engine/container_tuning.h"

namespace berth::engine {

// Adds `tuning` to `config` (the body's top level) and `host_config` (its HostConfig).
void add_container_tuning(const ContainerTuning& tuning, nlohmann::json& config,
                          nlohmann::json& host_config);

}  // namespace berth::engine
