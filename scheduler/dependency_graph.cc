#include "scheduler/dependency_graph.h"

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/depth_first_search.hpp>
#include <map>
#include <set>

#include "compose/config_error.h"

namespace berth::scheduler {

namespace {

// Edges point from a dependent to what it needs.
using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
using Vertex = boost::graph_traits<Graph>::vertex_descriptor;

struct Reference {
  std::string target;
  DependencyKind kind;
  compose::SourcePos pos;
};

std::vector<Reference> references_of(const compose::Service& service) {
  std::vector<Reference> refs;
  for (const auto& link : service.links) {
    refs.push_back({link.service, DependencyKind::link, link.pos});
  }
  for (const auto& dependency : service.depends_on) {
    refs.push_back({dependency.service, DependencyKind::depends_on, dependency.pos});
  }
  for (const auto& from : service.volumes_from) {
    if (!from.is_container) {
      refs.push_back({from.source, DependencyKind::volumes_from, from.pos});
    }
  }
  if (service.network_mode.kind == compose::NetworkMode::Kind::service) {
    refs.push_back(
        {service.network_mode.target, DependencyKind::network_mode, service.network_mode.pos});
  }
  return refs;
}

std::string verb_for(DependencyKind kind) {
  switch (kind) {
    case DependencyKind::link: return "links to";
    case DependencyKind::depends_on: return "depends on";
    case DependencyKind::volumes_from: return "takes volumes from";
    case DependencyKind::network_mode: return "uses the network stack of";
  }
  return "needs";
}

// Records the first back edge a depth-first search meets, with the tree so
// far, so the cycle can be named and not merely detected.
struct CycleFinder : boost::default_dfs_visitor {
  std::vector<Vertex>* parent;
  std::optional<std::pair<Vertex, Vertex>>* back;
  void tree_edge(boost::graph_traits<Graph>::edge_descriptor e, const Graph& g) const {
    (*parent)[boost::target(e, g)] = boost::source(e, g);
  }
  void back_edge(boost::graph_traits<Graph>::edge_descriptor e, const Graph& g) const {
    if (!back->has_value()) {
      *back = std::make_pair(boost::source(e, g), boost::target(e, g));
    }
  }
};

}  // namespace

struct DependencyGraph::Impl {
  std::vector<std::string> services;
  std::map<std::string, Vertex> index;
  std::vector<DependencyEdge> edges;
  Graph graph;
};

DependencyGraph::DependencyGraph(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
DependencyGraph::DependencyGraph(DependencyGraph&&) noexcept = default;
DependencyGraph& DependencyGraph::operator=(DependencyGraph&&) noexcept = default;
DependencyGraph::~DependencyGraph() = default;

DependencyGraph DependencyGraph::build(const compose::Project& project) {
  auto impl = std::make_unique<Impl>();
  for (const auto& service : project.services) {
    impl->index[service.name] = boost::add_vertex(impl->graph);
    impl->services.push_back(service.name);
  }
  std::vector<compose::Diagnostic> missing;
  for (const auto& service : project.services) {
    for (const auto& ref : references_of(service)) {
      auto target = impl->index.find(ref.target);
      if (target == impl->index.end()) {
        missing.push_back({ref.pos, "service \"" + service.name + "\" " + verb_for(ref.kind) +
                                        " undefined service \"" + ref.target + "\""});
        continue;
      }
      impl->edges.push_back({service.name, ref.target, ref.kind});
      boost::add_edge(impl->index[service.name], target->second, impl->graph);
    }
  }
  if (!missing.empty()) {
    throw compose::ConfigError(std::move(missing));
  }
  std::vector<Vertex> parent(impl->services.size());
  std::optional<std::pair<Vertex, Vertex>> back;
  boost::depth_first_search(impl->graph, boost::visitor(CycleFinder{{}, &parent, &back}));
  if (back) {
    // back edge u -> v: v is an ancestor of u; walk parents from u up to v.
    auto [u, v] = *back;
    std::vector<std::string> path{impl->services[u]};
    for (Vertex at = u; at != v; at = parent[at]) {
      path.push_back(impl->services[parent[at]]);
    }
    std::reverse(path.begin(), path.end());
    path.push_back(impl->services[v]);
    std::string text;
    for (const auto& name : path) {
      text += (text.empty() ? "" : " -> ") + name;
    }
    const auto* first = project.find_service(path.front());
    throw compose::ConfigError(first->pos, "dependency cycle: " + text);
  }
  return DependencyGraph(std::move(impl));
}

const std::vector<std::string>& DependencyGraph::services() const { return m_impl->services; }
const std::vector<DependencyEdge>& DependencyGraph::edges() const { return m_impl->edges; }

std::vector<std::string> DependencyGraph::dependencies_of(const std::string& service) const {
  std::vector<std::string> out;
  for (const auto& edge : m_impl->edges) {
    if (edge.from == service && std::find(out.begin(), out.end(), edge.to) == out.end()) {
      out.push_back(edge.to);
    }
  }
  return out;
}

std::vector<std::string> DependencyGraph::dependents_of(const std::string& service) const {
  std::vector<std::string> out;
  for (const auto& edge : m_impl->edges) {
    if (edge.to == service && std::find(out.begin(), out.end(), edge.from) == out.end()) {
      out.push_back(edge.from);
    }
  }
  return out;
}

std::vector<std::string> DependencyGraph::start_order() const {
  // Kahn's algorithm, always taking the earliest ready service in file order,
  // so the order is stable and readable. The graph is known to be acyclic.
  std::vector<std::string> order;
  std::set<std::string> placed;
  while (order.size() < m_impl->services.size()) {
    for (const auto& service : m_impl->services) {
      if (placed.count(service)) {
        continue;
      }
      auto needs = dependencies_of(service);
      bool ready = std::all_of(needs.begin(), needs.end(),
                               [&](const std::string& n) { return placed.count(n) > 0; });
      if (ready) {
        order.push_back(service);
        placed.insert(service);
        break;
      }
    }
  }
  return order;
}

std::vector<std::vector<std::string>> DependencyGraph::start_levels() const {
  std::map<std::string, size_t> level;
  std::vector<std::vector<std::string>> levels;
  for (const auto& service : start_order()) {
    size_t mine = 0;
    for (const auto& dependency : dependencies_of(service)) {
      mine = std::max(mine, level[dependency] + 1);
    }
    level[service] = mine;
    if (levels.size() <= mine) {
      levels.resize(mine + 1);
    }
    levels[mine].push_back(service);
  }
  return levels;
}

std::vector<std::string> DependencyGraph::stop_order() const {
  auto order = start_order();
  std::reverse(order.begin(), order.end());
  return order;
}

std::vector<std::string> DependencyGraph::with_dependencies(
    const std::vector<std::string>& roots) const {
  std::set<std::string> wanted;
  std::vector<std::string> stack(roots.begin(), roots.end());
  while (!stack.empty()) {
    auto service = stack.back();
    stack.pop_back();
    if (wanted.insert(service).second) {
      for (auto& dependency : dependencies_of(service)) {
        stack.push_back(dependency);
      }
    }
  }
  std::vector<std::string> out;
  for (const auto& service : start_order()) {
    if (wanted.count(service)) {
      out.push_back(service);
    }
  }
  return out;
}

}  // namespace berth::scheduler
