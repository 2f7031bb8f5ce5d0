#include "scheduler/graph_output.h"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/graphviz.hpp>
#include <map>
#include <sstream>

namespace berth::scheduler {

namespace {

struct Node {
  std::string name;
};

struct Arc {
  std::string label;
};

using DotGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, Node, Arc>;

std::string depends_on_label(const compose::Project& project, const DependencyEdge& edge) {
  const auto* service = project.find_service(edge.from);
  if (service != nullptr) {
    for (const auto& dependency : service->depends_on) {
      if (dependency.service == edge.to) {
        return "depends_on: " + compose::to_string(dependency.condition) +
               (dependency.required ? "" : ", required: false");
      }
    }
  }
  return "depends_on";
}

}  // namespace

std::string edge_label(const compose::Project& project, const DependencyEdge& edge) {
  switch (edge.kind) {
    case DependencyKind::link:
      return "link";
    case DependencyKind::depends_on:
      return depends_on_label(project, edge);
    case DependencyKind::volumes_from:
      return "volumes_from";
    case DependencyKind::network_mode:
      return "network_mode";
  }
  return "";
}

// GCC 12 at -O2 reports Boost's edge iterator inside write_graphviz as maybe
// uninitialized (a false positive in boost/graph/detail/adj_list_edge_iterator.hpp);
// silenced for this function only, so -Werror builds stay possible.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
std::string dependency_graph_dot(const compose::Project& project, const DependencyGraph& graph) {
  DotGraph dot;
  std::map<std::string, DotGraph::vertex_descriptor> vertex_of;
  for (const auto& service : graph.services()) {
    vertex_of[service] = boost::add_vertex(Node{service}, dot);
  }
  for (const auto& edge : graph.edges()) {
    boost::add_edge(vertex_of.at(edge.from), vertex_of.at(edge.to), Arc{edge_label(project, edge)},
                    dot);
  }
  // write_graphviz quotes and escapes the labels; the graph is named after
  // the project so several graphs can be told apart.
  std::ostringstream out;
  boost::write_graphviz(
      out, dot, boost::make_label_writer(boost::get(&Node::name, dot)),
      boost::make_label_writer(boost::get(&Arc::label, dot)),
      [&project](std::ostream& graph_out) { graph_out << "label=\"" << project.name << "\";\n"; });
  return out.str();
}
#pragma GCC diagnostic pop

}  // namespace berth::scheduler
