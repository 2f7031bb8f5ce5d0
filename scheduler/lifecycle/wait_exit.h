#pragma once
// `berth wait SVC...`: blocks until every container of the named services has
// exited, and gives the exit code to pass on: the first non-zero one in the
// order the services were named, else 0.

#include <string>
#include <vector>

#include "compose/model.h"
#include "engine/engine.h"
#include "scheduler/progress.h"

namespace berth::scheduler {

// The exit code, or an Error when a service is unknown, has no container, or
// the engine fails. Each exit is reported as the container's step "Exited (N)".
engine::Result<int> wait_for_exit(engine::Engine& engine, const compose::Project& project,
                                  const std::vector<std::string>& services, Progress& progress);

}  // namespace berth::scheduler
