#pragma once
// The translation of a service's engine settings (compose/engine_settings.h),
// its `gpus:` and deploy's pids limit, memory and device reservations into the
// engine's create call; part of apply_container_options().

#include <string>

#include "compose/model.h"
#include "engine/types.h"

namespace berth::scheduler {

// Sets spec.tuning. A `seccomp=FILE` security option is read here (FILE
// relative to the project directory) and sent as the profile's JSON, as
// compose does; "systempaths=unconfined" becomes empty masked and read-only
// path lists, as the docker CLI sends it.
void apply_engine_settings(const compose::Project& project, const compose::Service& service,
                           engine::ContainerCreate& spec);

// Canonical text of the settings that are set, or "" when none is, for the
// config hash (so a change recreates the container).
std::string engine_settings_text(const compose::Service& service);

}  // namespace berth::scheduler
