#pragma once
// Keys the engine API berth speaks cannot carry (compose/api_requirement.h):
// the commands that create containers refuse them before changing anything,
// rather than letting the engine drop them silently.

#include <string>
#include <vector>

#include "compose/model.h"
#include "scheduler/progress.h"

namespace berth::scheduler {

// The engine API version berth speaks (engine/docker_engine.h).
inline constexpr const char* k_berth_api_version = "1.41";

// One line per requirement of `services` newer than `api`:
// "file:line:column: key.path: needs engine API 1.43; berth speaks 1.41". Pure.
std::vector<std::string> unmet_api_requirements(const compose::Project& project,
                                                const std::vector<std::string>& services,
                                                const std::string& api = k_berth_api_version);

// Reports each unmet requirement through `progress`; false when there is any.
bool check_api_requirements(const compose::Project& project,
                            const std::vector<std::string>& services, Progress& progress);

}  // namespace berth::scheduler
