#pragma once
// reconcile(): desired project + observed engine state -> Plan. Pure: it makes
// no engine call, so every decision can be tested as text.

#include <map>
#include <set>
#include <string>
#include <vector>

#include "compose/model.h"
#include "scheduler/dependency_graph.h"
#include "scheduler/observed_state.h"
#include "scheduler/plan.h"

namespace berth::scheduler {

struct ReconcileOptions {
  std::vector<std::string> services;        // to bring up, dependencies already added
  std::map<std::string, int> scale;         // --scale SVC=N, over the file's scale
  bool force_recreate = false;              // recreate even when unchanged
  bool no_recreate = false;                 // never recreate; start what is stopped
  bool always_recreate_deps = false;        // recreate the dependencies of `services`
  bool no_start = false;                    // create, do not start
  bool remove_orphans = false;              // containers of services not in the file
  std::vector<std::string> roots;           // the services the user named (empty: all)
};

// What the caller works out on the engine beforehand.
struct DesiredState {
  std::map<std::string, std::string> config_hashes;  // service -> config hash
  std::vector<std::string> missing_networks;          // engine names to create first
  std::vector<std::string> missing_volumes;           // engine names to create first
  // Services with a health check (theirs, their image's, or x-berth-health):
  // a start-first replacement of theirs must become healthy.
  std::set<std::string> health_checked;
};

struct Reconciliation {
  Plan plan;
  std::vector<std::string> running;   // containers left as they are
  std::vector<std::string> warnings;  // e.g. orphans left in place
  std::vector<std::string> errors;    // found before any change: nothing may run
};

// The warning for containers of services no longer in the project file.
std::string orphans_warning(const std::vector<std::string>& containers);

// The number of containers a service should have: --scale, else `scale:`,
// else deploy.replicas, else 1.
int desired_scale(const compose::Service& service, const ReconcileOptions& options);

Reconciliation reconcile(const compose::Project& project, const DependencyGraph& graph,
                         const ObservedState& observed, const DesiredState& desired,
                         const ReconcileOptions& options);

}  // namespace berth::scheduler
