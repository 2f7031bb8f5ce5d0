#pragma once
// What an interrupted recreate can leave behind, and how berth mends it. A
// recreate creates the replacement under a temporary name, stops and removes
// the old container, renames the replacement and starts it. A Ctrl+C lets a
// begun unit finish (Operation::finish_when_interrupted); what it stopped
// before the old container was touched is rolled back here, and whatever a
// SIGKILL left is mended by the next `up` before it plans anything.

#include <string>
#include <vector>

#include "scheduler/executor.h"
#include "scheduler/observed_state.h"
#include "scheduler/plan.h"

namespace berth::scheduler {

// Pure: the plan that mends the project's containers left under temporary
// names. A proper name already held keeps its container and the leftover goes
// (stopped first when it runs; it never ran under that name, so no hooks, and
// its anonymous volumes are kept); otherwise one leftover per name, a running
// one first, is renamed to it.
Plan plan_name_repairs(const ObservedState& observed);

// Pure: after a run that failed or was interrupted, the removal of the
// replacements it made whose predecessor was never stopped, so the old
// container stays the service's. Carried out by the same runner as `plan`,
// which knows the IDs it made.
Plan plan_unused_replacement_removal(const Plan& plan, const ExecutionReport& report);

}  // namespace berth::scheduler
