#pragma once
// Two networks of the project with one name: an older berth's lock let two
// `up` runs (through two spellings of DOCKER_HOST) make one each, and every
// container made by that name then failed ("network ... is ambiguous"). `up`
// converges to one: it keeps the network containers are attached to and
// removes the empty duplicates, without failing.

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "engine/engine.h"
#include "scheduler/executor.h"
#include "scheduler/observed_state.h"
#include "scheduler/plan.h"
#include "scheduler/progress.h"

namespace berth::scheduler {

// The pure half: the IDs to remove among `networks` (the project's), given
// the IDs containers are attached to. Per name with several networks: every
// attached one is kept (removing it would cut its containers off), and when
// none is attached, the first; the others go.
std::vector<std::string> duplicate_networks_to_remove(
    const std::vector<engine::NetworkSummary>& networks, const std::set<std::string>& attached);

// The observation it needs, made only when `observed` holds duplicates: the
// network IDs the project's containers are attached to; nullopt when there
// are no duplicates, or when a container could not be read (then none is
// removed: which is in use is not known).
std::optional<std::set<std::string>> networks_in_use_if_duplicated(engine::Engine& engine,
                                                                   const ObservedState& observed,
                                                                   Progress& progress);

// Pure: the removal of the empty duplicates, one remove_network each.
Plan plan_duplicate_network_removal(const ObservedState& observed,
                                    const std::set<std::string>& attached);

// After that plan ran: the networks it removed are dropped from `observed`,
// and a name still held by several networks (each with containers) is named
// in a warning. Failed removals leave their network; `up` goes on.
void forget_removed_networks(const Plan& removal, const ExecutionReport& report,
                             ObservedState& observed, Progress& progress);

}  // namespace berth::scheduler
