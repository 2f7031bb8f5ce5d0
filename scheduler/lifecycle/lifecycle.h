#pragma once
// The lifecycle commands on existing containers: start, stop, restart, kill,
// rm, pause, unpause. Each is a Plan over what the engine has, in dependency
// order (stops: dependents first), carried out by the Executor.

#include <string>
#include <vector>

#include "compose/model.h"
#include "engine/engine.h"
#include "scheduler/dependency_graph.h"
#include "scheduler/observed_state.h"
#include "scheduler/plan.h"
#include "scheduler/progress.h"

namespace berth::scheduler {

enum class Lifecycle { start, stop, restart, kill, remove, pause, unpause };

struct LifecycleOptions {
  std::vector<std::string> services;  // empty: every service of the project
  int timeout = -1;                   // stop timeout; -1: each service's stop_grace_period
  std::string signal = "SIGKILL";     // kill
  bool stop_first = false;            // rm -s: stop running containers, then remove
  bool remove_volumes = false;        // rm -v: their anonymous volumes too
  bool no_deps = false;               // restart --no-deps: not the `restart: true` dependents
  bool include_orphans = false;       // kill --remove-orphans: services not in the file too
  bool wait = false;                  // start --wait: until the started services are ready
  int wait_timeout = 0;               // seconds; 0: each health check's own bound
  int parallel = 64;
  bool dry_run = false;  // report the plan, change nothing
};

// Pure: the operations for `command` over the observed containers.
Plan plan_lifecycle(Lifecycle command, const compose::Project& project,
                    const DependencyGraph& graph, const ObservedState& observed,
                    const LifecycleOptions& options);

bool run_lifecycle(Lifecycle command, engine::Engine& engine, const compose::Project& project,
                   const DependencyGraph& graph, const LifecycleOptions& options,
                   Progress& progress);

}  // namespace berth::scheduler
