#pragma once
// Which services a verb acts on, chosen from the project alone, before the
// engine is reached: profiles decide which are active, a named service must
// exist (and its profiles then count as enabled), and what would start is
// checked for what the engine's API cannot do and for container names two
// services share. Every fault is a compose::ConfigError at its place in the file.

#include <string>
#include <vector>

#include "compose/model.h"
#include "scheduler/dependency_graph.h"

namespace berth::scheduler {

struct ServiceSelection {
  std::vector<std::string> services;  // for up's options: the named ones, or every active one
  bool no_deps = false;               // false when nothing was named: all active ones start
  std::vector<std::string> starting;  // what starts: services with their dependencies
};

// up, create, scale.
ServiceSelection select_for_up(const compose::Project& project, const DependencyGraph& graph,
                               const std::vector<std::string>& named, bool no_deps);

// run: the service and, unless no_deps, its dependencies.
std::vector<std::string> select_for_run(const compose::Project& project,
                                        const DependencyGraph& graph, const std::string& service,
                                        bool no_deps);

// build, pull, push: the named services (each must exist), or every active one.
std::vector<std::string> select_named_or_active(const compose::Project& project,
                                                const std::vector<std::string>& named);

}  // namespace berth::scheduler
