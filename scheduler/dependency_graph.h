#pragma once
// DependencyGraph: which service needs which, from links, depends_on,
// volumes_from and network_mode. Built once per command; answers orders for
// start (dependencies first) and stop (dependents first). Boost.Graph stays in
// the .cc file.

#include <memory>
#include <string>
#include <vector>

#include "compose/model.h"

namespace berth::scheduler {

// network_mode: "service:NAME", whose container must exist first.
enum class DependencyKind { link, depends_on, volumes_from, network_mode };

struct DependencyEdge {
  std::string from;  // the dependent service
  std::string to;    // the service it needs
  DependencyKind kind;
};

class DependencyGraph {
 public:
  // Throws compose::ConfigError naming both services for a dependency on an
  // undefined service, and naming the cycle ("web -> api -> web") for a cycle.
  static DependencyGraph build(const compose::Project& project);

  DependencyGraph(DependencyGraph&&) noexcept;
  DependencyGraph& operator=(DependencyGraph&&) noexcept;
  ~DependencyGraph();

  const std::vector<std::string>& services() const;  // in the order of the file
  const std::vector<DependencyEdge>& edges() const;

  // Every service after all of its dependencies; ties keep the file's order.
  std::vector<std::string> start_order() const;
  // The reverse: every service before all of its dependencies.
  std::vector<std::string> stop_order() const;

  // Direct dependencies / dependents of one service, without duplicates.
  std::vector<std::string> dependencies_of(const std::string& service) const;
  std::vector<std::string> dependents_of(const std::string& service) const;

  // Services grouped so that each group needs only services of earlier groups:
  // the members of one group can start at the same time.
  std::vector<std::vector<std::string>> start_levels() const;

  // `roots` plus everything they need, transitively, in start order.
  std::vector<std::string> with_dependencies(const std::vector<std::string>& roots) const;

 private:
  struct Impl;
  explicit DependencyGraph(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

}  // namespace berth::scheduler
