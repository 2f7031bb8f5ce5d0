#pragma once
// up: converge a project's services on the engine: create what is missing,
// recreate what changed (and the services that link to it), start what is
// stopped, scale to the wanted number, leave the rest alone.

#include <map>
#include <string>
#include <vector>

#include "compose/model.h"
#include "engine/engine.h"
#include "scheduler/dependency_graph.h"
#include "scheduler/images/image_supply.h"
#include "scheduler/interruption.h"
#include "scheduler/progress.h"

namespace berth::scheduler {

struct UpOptions {
  std::vector<std::string> services;  // named on the command line; empty: all active ones
  std::map<std::string, int> scale;   // --scale SVC=N
  bool no_deps = false;               // do not bring up the named services' dependencies
  bool force_recreate = false;
  bool no_recreate = false;
  bool always_recreate_deps = false;
  bool no_start = false;
  bool remove_orphans = false;
  // -V: a recreated container gets new anonymous volumes instead of the old one's.
  bool renew_anonymous_volumes = false;
  int timeout = -1;    // stop timeout in seconds; -1: each service's stop_grace_period
  int parallel = 64;   // engine calls at once
  bool wait = false;   // --wait: return once every started container is ready
  // --wait-timeout in seconds, bounding --wait and every depends_on wait;
  // 0: each health check's own bound (see health_wait_bound), 10 min for completion.
  int wait_timeout = 0;
  ImageSupply images;  // --build / --no-build; missing images are built or pulled
  // Ctrl+C: nothing new is begun, calls in flight finish, health waits end.
  Interruption* interruption = nullptr;
  // --dry-run: no image built or pulled, nothing repaired, the plan reported
  // and not carried out.
  bool dry_run = false;
};

// Supplies the images first (builds and pulls; see image_supply.h). Then
// checks what can be checked (images present, networks and external
// volumes usable, scale possible, a health check on every dependency awaited
// healthy) without changing anything; then plans with reconcile() and carries
// the plan out with the Executor, waiting on dependencies through the engine's
// events. Reports through `progress`; returns false when anything failed,
// including (with `wait`) a container that did not become ready.
bool up(engine::Engine& engine, const compose::Project& project, const DependencyGraph& graph,
        const UpOptions& options, Progress& progress);

}  // namespace berth::scheduler
