#pragma once
// Private to the engine module: the container settings of a create body
// (dns, capabilities, limits, healthcheck, logging, mounts, ...), kept apart
// from json_mapping.cc, which calls it. Only settings that differ from the
// engine's defaults are written, so plain bodies stay plain.

#include <nlohmann/json.hpp>

#include "engine/types.h"

namespace berth::engine {

// Adds the settings of `spec` to `config` (the body's top level) and to
// `host_config` (its HostConfig).
void add_container_settings(const ContainerCreate& spec, nlohmann::json& config,
                            nlohmann::json& host_config);

}  // namespace berth::engine
