#pragma once
// deploy / undeploy / services: a project on a Docker Swarm, as a stack
// (`docker stack deploy` names and labels), but in dependency order with
// readiness gates, link aliases and link variables, which a stack lacks.

#include <chrono>
#include <string>
#include <vector>

#include "compose/model.h"
#include "engine/engine.h"
#include "scheduler/dependency_graph.h"
#include "scheduler/progress.h"

namespace berth::scheduler {

struct DeployOptions {
  bool prune = false;   // remove the stack's services that the file no longer has
  bool detach = false;  // create everything at once, wait for nothing (as a stack does)
  bool wait = false;    // return once every service has all its tasks running (and healthy)
  // Bounds each wait: a dependency's readiness, and --wait.
  std::chrono::seconds wait_timeout{300};
  // How often the tasks are asked for while waiting.
  std::chrono::milliseconds poll_interval{250};
  bool dry_run = false;  // observe and report the plan, change nothing
};

// Checks first, changing nothing when a check fails: the engine is a swarm
// manager, every service can run on a swarm (swarm_incompatibilities, all at
// once), external networks exist. Then observes the stack once, plans
// (plan_deploy) and carries the plan out through run_plan: the missing
// overlay networks, each missing service created and each changed one updated
// (a rolling update by its update_config); unchanged ones are left alone.
// Before a service, unless `detach`, its dependencies (links, depends_on)
// must have every task running, and healthy where they have a health check;
// a dependency that fails or times out stops its dependents (unrelated ones
// go on). Throws compose::ConfigError for the incompatibilities; returns
// false (reported through `progress`) for anything else.
bool deploy(engine::Engine& engine, const compose::Project& project, const DependencyGraph& graph,
            const DeployOptions& options, Progress& progress);

// Removes the stack's services, then its networks once their tasks are gone.
// Volumes stay: they hold data (as `docker stack rm` leaves them).
// Planned (plan_undeploy) and carried out through run_plan.
bool undeploy(engine::Engine& engine, const compose::Project& project, Progress& progress,
              bool dry_run = false);

// One row of `berth services`.
struct SwarmServiceStatus {
  std::string service;  // the project's name for it ("web"), else the swarm's
  std::string name;     // the swarm's ("hello_web")
  std::string mode;     // "replicated" or "global"
  int running = 0;
  int desired = 0;
  std::string image;
  std::vector<std::string> ports;  // "*:8080->80/tcp"
};

// The stack's services, sorted by name, with their running and desired tasks.
engine::Result<std::vector<SwarmServiceStatus>> swarm_services(engine::Engine& engine,
                                                                const compose::Project& project);

}  // namespace berth::scheduler
