#pragma once
// The project's dependency graph as Graphviz DOT, for `berth graph`: one node
// per service, one edge per dependency from the dependent to what it needs,
// labelled with the kind of dependency.

#include <string>

#include "compose/model.h"
#include "scheduler/dependency_graph.h"

namespace berth::scheduler {

// "link", "depends_on: service_healthy" (the condition, and ", required: false"
// when so), "volumes_from" or "network_mode".
std::string edge_label(const compose::Project& project, const DependencyEdge& edge);

// `digraph "<project>" { ... }`, nodes in the file's order, edges in the
// graph's order.
std::string dependency_graph_dot(const compose::Project& project, const DependencyGraph& graph);

}  // namespace berth::scheduler
