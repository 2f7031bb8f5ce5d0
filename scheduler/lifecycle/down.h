#pragma once
// down: stop and remove a project's containers (dependents first), then its
// networks; with remove_volumes also its named volumes. Only objects carrying
// the project's labels are touched. One observation, a pure plan
// (plan_down), then run_plan.

#include <string>
#include <vector>

#include "compose/model.h"
#include "engine/engine.h"
#include "scheduler/dependency_graph.h"
#include "scheduler/observed_state.h"
#include "scheduler/plan.h"
#include "scheduler/progress.h"

namespace berth::scheduler {

struct DownOptions {
  bool remove_volumes = false;  // -v: named volumes declared by the project, and anonymous ones
  bool remove_orphans = false;  // containers of services no longer in the file
  int timeout_seconds = 10;     // grace period before the engine kills
  bool dry_run = false;         // report the plan, change nothing
};

struct DownPlan {
  Plan plan;
  std::vector<std::string> orphans;  // containers left, named in a warning
};

// Pure: what down does to what `observed` holds.
DownPlan plan_down(const compose::Project& project, const DependencyGraph& graph,
                   const ObservedState& observed, const DownOptions& options);

bool down(engine::Engine& engine, const compose::Project& project, const DependencyGraph& graph,
          const DownOptions& options, Progress& progress);

}  // namespace berth::scheduler
