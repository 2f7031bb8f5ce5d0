#pragma once
// Keys a project file may hold (compose v2 accepts them) that only a newer
// engine API than berth's can honour: `config` prints them; commands that
// change the engine refuse them first, with this check, so nothing is half
// done.

#include <string>
#include <vector>

#include "compose/model.h"

namespace berth::scheduler {

// Throws compose::ConfigError with one line per key, "file:line:column:
// key.path: needs engine API X.YZ; berth speaks 1.41", for the named
// services' keys and the project's top-level ones. A per-network mac_address
// counts too, on any network but the one the container is created on (API
// 1.41 sets the MAC address there only).
void check_api_requirements(const compose::Project& project,
                            const std::vector<std::string>& services);

// Whether API `version` ("1.45") is newer than the one berth speaks.
bool is_newer_api(const std::string& version);

}  // namespace berth::scheduler
