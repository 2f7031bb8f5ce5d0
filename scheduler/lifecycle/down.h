#pragma once
// down: stop and remove a project's containers (dependents first), then its
// networks; with remove_volumes also its named volumes. Only objects carrying
// the project's labels are touched. One observation, a pure plan
// (plan_down), then run_plan.

#include <set>
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
  // Grace period before the engine kills; -1: each service's
  // stop_grace_period (default 10 s), as stop, restart and up's recreate.
  int timeout_seconds = -1;
  // --rmi: "local" removes the images built under the default name
  // (<project>-<service>), "all" every service's image; "": none.
  std::string remove_images;
  bool dry_run = false;         // report the plan, change nothing
};

struct DownPlan {
  Plan plan;
  std::vector<std::string> orphans;  // containers left, named in a warning
  // Running orphans, for which the networks are not removed (they hold endpoints on them).
  std::vector<std::string> networks_kept_for;
};

// down --rmi: the image references to look for (of the services, by mode).
std::set<std::string> images_to_remove(const compose::Project& project, const std::string& mode);

// Pure: what down does to what `observed` holds.
DownPlan plan_down(const compose::Project& project, const DependencyGraph& graph,
                   const ObservedState& observed, const DownOptions& options);

bool down(engine::Engine& engine, const compose::Project& project, const DependencyGraph& graph,
          const DownOptions& options, Progress& progress);

}  // namespace berth::scheduler
