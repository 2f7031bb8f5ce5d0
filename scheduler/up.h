#pragma once
// up: bring a project's services up on the engine, dependencies first.

#include <string>
#include <vector>

#include "compose/model.h"
#include "engine/engine.h"
#include "scheduler/dependency_graph.h"
#include "scheduler/progress.h"

namespace berth::scheduler {

struct UpOptions {
  std::vector<std::string> services;  // empty: all; otherwise these and what they need
};

// Checks what can be checked first (images present, the networks and external
// volumes usable) without changing anything; then creates the project networks
// the services join and named volumes, and creates and starts each service's container in
// dependency order, injecting link variables. Existing containers are started
// if stopped and otherwise left as they are. Reports through `progress`;
// returns false when anything failed.
bool up(engine::Engine& engine, const compose::Project& project, const DependencyGraph& graph,
        const UpOptions& options, Progress& progress);

}  // namespace berth::scheduler
