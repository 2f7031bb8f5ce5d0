#pragma once
// A project without a file (`berth -p NAME down` in an empty directory), as
// the engine's labels describe it: what compose v2 does for the verbs that
// need only the name.

#include "compose/model.h"
#include "scheduler/observed_state.h"

namespace berth::scheduler {

// Adds to `project` (a name, nothing declared) one service per service label
// of its containers (the image of the first), and the networks and volumes
// carrying its labels, each under the key its label gives: so down removes
// them (volumes with -v), and ps, logs, stop, ... find every container.
void describe_from_labels(compose::Project& project, const ObservedState& observed);

}  // namespace berth::scheduler
