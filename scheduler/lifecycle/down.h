#pragma once
// down: stop and remove a project's containers (dependents first), then its
// network; with remove_volumes also its named volumes. Only objects carrying
// the project's labels are touched.

#include "compose/model.h"
#include "engine/engine.h"
#include "scheduler/dependency_graph.h"
#include "scheduler/progress.h"

namespace berth::scheduler {

struct DownOptions {
  bool remove_volumes = false;  // -v: named volumes declared by the project, and anonymous ones
  bool remove_orphans = false;  // containers of services no longer in the file
  int timeout_seconds = 10;     // grace period before the engine kills
};

bool down(engine::Engine& engine, const compose::Project& project, const DependencyGraph& graph,
          const DownOptions& options, Progress& progress);

}  // namespace berth::scheduler
