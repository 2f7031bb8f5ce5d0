#pragma once
// The project's networks on the engine: checked and created by `up`; `down`
// removes them through its plan (network_removal.h). Decisions come from
// network_plan.h; this file makes the calls.

#include <vector>

#include "compose/model.h"
#include "engine/engine.h"
#include "scheduler/observed_state.h"
#include "scheduler/progress.h"

namespace berth::scheduler {

// Before anything changes: every external network of `used` exists, and no
// network of a project network's name exists without the project's label
// (berth never takes over someone else's network). Reports each problem.
bool check_networks(const compose::Project& project, const ObservedState& observed,
                    const std::vector<const compose::NetworkDecl*>& used, Progress& progress);

// Creates the networks of `used` that are neither external nor there yet.
bool create_networks(engine::Engine& engine, const compose::Project& project,
                     const ObservedState& observed,
                     const std::vector<const compose::NetworkDecl*>& used, Progress& progress);

}  // namespace berth::scheduler
