#pragma once
// Two networks of the project with one name: an older berth's lock let two
// `up` runs (through two spellings of DOCKER_HOST) make one each, and every
// container made by that name then failed ("network ... is ambiguous"). `up`
// converges to one: it keeps the network containers are attached to and
// removes the empty duplicates, without failing.

#include <set>
#include <string>
#include <vector>

#include "engine/engine.h"
#include "scheduler/observed_state.h"
#include "scheduler/progress.h"

namespace berth::scheduler {

// The pure half: the IDs to remove among `networks` (the project's), given
// the IDs containers are attached to. Per name with several networks: every
// attached one is kept (removing it would cut its containers off), and when
// none is attached, the first; the others go.
std::vector<std::string> duplicate_networks_to_remove(
    const std::vector<engine::NetworkSummary>& networks, const std::set<std::string>& attached);

// The engine half: when `observed` holds duplicates, reads which networks the
// project's containers are on, removes the empty duplicates and drops them
// from `observed`. Failures are warnings: `up` goes on with what is left.
void remove_duplicate_networks(engine::Engine& engine, ObservedState& observed,
                               Progress& progress);

}  // namespace berth::scheduler
