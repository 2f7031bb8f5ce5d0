#pragma once
// What an interrupted recreate can leave behind, and how berth mends it. A
// recreate creates the replacement under a temporary name, stops and removes
// the old container, renames the replacement and starts it. A Ctrl+C lets a
// begun unit finish (Operation::finish_when_interrupted); what it stopped
// before the old container was touched is rolled back here, and whatever a
// SIGKILL left is mended by the next `up` before it plans anything.

#include <string>
#include <vector>

#include "engine/engine.h"
#include "scheduler/executor.h"
#include "scheduler/observed_state.h"
#include "scheduler/plan.h"
#include "scheduler/progress.h"

namespace berth::scheduler {

// One container left under a temporary name.
struct NameRepair {
  enum class Action {
    rename,  // the proper name is free: it takes it
    remove,  // the proper name is held (by its predecessor or another leftover)
  };
  Action action = Action::rename;
  std::string container_id;
  std::string name;         // its temporary name
  std::string proper_name;  // the name it should have
  bool running = false;     // remove: stopped first
};

// Pure: the repairs for the project's containers left under temporary names.
// A proper name already held keeps its container and the leftover goes (it
// never ran under that name; its anonymous volumes are kept); otherwise one
// leftover per name, a running one first, takes the name.
std::vector<NameRepair> plan_name_repairs(const ObservedState& observed);

// Carries the repairs out, one line each; false when one failed.
bool repair_names(engine::Engine& engine, const std::vector<NameRepair>& repairs,
                  Progress& progress);

// After an interrupted run: the replacements made whose predecessor was never
// stopped are removed again, so the old container stays the service's.
void remove_unused_replacements(engine::Engine& engine, const Plan& plan,
                                const ExecutionReport& report, Progress& progress);

}  // namespace berth::scheduler
