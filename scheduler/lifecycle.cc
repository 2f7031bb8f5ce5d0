#include "scheduler/lifecycle.h"

#include <algorithm>
#include <map>
#include <set>

#include "health/container_state.h"
#include "scheduler/container_naming.h"
#include "scheduler/executor.h"
#include "scheduler/labels.h"
#include "scheduler/operation_runner.h"

namespace berth::scheduler {

namespace {

using health::ContainerState;

int number_of(const engine::ContainerSummary& c) {
  auto it = c.labels.find(labels::k_container_number);
  return parse_container_number(it == c.labels.end() ? "" : it->second).value_or(0);
}

ContainerState state_of(const engine::ContainerSummary& c) {
  return health::parse_container_state(c.state);
}

Operation operation(OperationKind kind, const std::string& service,
                    const engine::ContainerSummary& c, std::vector<int> after) {
  Operation op;
  op.kind = kind;
  op.service = service;
  op.number = number_of(c);
  op.name = c.name;
  op.container_id = c.id;
  op.after = std::move(after);
  return op;
}

class LifecyclePlanner {
 public:
  LifecyclePlanner(const DependencyGraph& graph, const ObservedState& observed,
                   const LifecycleOptions& options)
      : m_graph(graph), m_observed(observed), m_options(options) {
    for (const auto& name : options.services.empty() ? graph.services() : options.services) {
      m_selected.insert(name);
    }
  }

  // Stops (and kills, removals, pauses): a service after its dependents.
  void backward(const std::function<bool(const engine::ContainerSummary&)>& applies,
                OperationKind kind, std::map<std::string, std::vector<int>>& done) {
    for (const auto& service : m_graph.stop_order()) {
      std::vector<int> after;
      for (const auto& dependent : m_graph.dependents_of(service)) {
        after.insert(after.end(), done[dependent].begin(), done[dependent].end());
      }
      add_for(service, applies, kind, after, done);
    }
  }

  // Starts (and unpauses): a service after its dependencies; everything after `first`.
  void forward(const std::function<bool(const engine::ContainerSummary&)>& applies,
               OperationKind kind, const std::vector<int>& first,
               std::map<std::string, std::vector<int>>& done) {
    for (const auto& service : m_graph.start_order()) {
      std::vector<int> after = first;
      for (const auto& dependency : m_graph.dependencies_of(service)) {
        after.insert(after.end(), done[dependency].begin(), done[dependency].end());
      }
      add_for(service, applies, kind, after, done);
    }
  }

  std::vector<int> all(const std::map<std::string, std::vector<int>>& done) const {
    std::vector<int> ids;
    for (const auto& [service, list] : done) {
      ids.insert(ids.end(), list.begin(), list.end());
    }
    return ids;
  }

  Plan take() { return std::move(m_plan); }
  const LifecycleOptions& options() const { return m_options; }

 private:
  void add_for(const std::string& service,
               const std::function<bool(const engine::ContainerSummary&)>& applies,
               OperationKind kind, const std::vector<int>& after,
               std::map<std::string, std::vector<int>>& done) {
    if (!m_selected.count(service)) {
      return;
    }
    for (const auto& container : m_observed.containers_of(service)) {
      if (!applies(container)) {
        continue;
      }
      auto op = operation(kind, service, container, after);
      op.signal = m_options.signal;
      op.remove_volumes = m_options.remove_volumes;
      op.cause = "requested";
      done[service].push_back(m_plan.add(std::move(op)));
    }
  }

  const DependencyGraph& m_graph;
  const ObservedState& m_observed;
  const LifecycleOptions& m_options;
  std::set<std::string> m_selected;
  Plan m_plan;
};

bool is_up(const engine::ContainerSummary& c) { return health::is_up(state_of(c)); }
bool is_down(const engine::ContainerSummary& c) { return !is_up(c); }
bool is_running(const engine::ContainerSummary& c) {
  return state_of(c) == ContainerState::running;
}
bool is_paused(const engine::ContainerSummary& c) { return state_of(c) == ContainerState::paused; }
bool any(const engine::ContainerSummary&) { return true; }

}  // namespace

Plan plan_lifecycle(Lifecycle command, const compose::Project& project,
                    const DependencyGraph& graph, const ObservedState& observed,
                    const LifecycleOptions& options) {
  (void)project;
  LifecyclePlanner planner(graph, observed, options);
  std::map<std::string, std::vector<int>> first;
  std::map<std::string, std::vector<int>> second;
  switch (command) {
    case Lifecycle::start: planner.forward(is_down, OperationKind::start_container, {}, first); break;
    case Lifecycle::stop: planner.backward(is_up, OperationKind::stop_container, first); break;
    case Lifecycle::restart:
      planner.backward(is_up, OperationKind::stop_container, first);
      planner.forward(any, OperationKind::start_container, planner.all(first), second);
      break;
    case Lifecycle::kill: planner.backward(is_up, OperationKind::kill_container, first); break;
    case Lifecycle::remove:
      if (options.stop_first) {
        planner.backward(is_up, OperationKind::stop_container, first);
        planner.forward(any, OperationKind::remove_container, planner.all(first), second);
      } else {
        planner.backward(is_down, OperationKind::remove_container, first);
      }
      break;
    case Lifecycle::pause: planner.backward(is_running, OperationKind::pause_container, first); break;
    case Lifecycle::unpause:
      planner.forward(is_paused, OperationKind::unpause_container, {}, first);
      break;
  }
  return planner.take();
}

bool run_lifecycle(Lifecycle command, engine::Engine& engine, const compose::Project& project,
                   const DependencyGraph& graph, const LifecycleOptions& options,
                   Progress& progress) {
  for (const auto& name : options.services) {
    if (!project.find_service(name)) {
      progress.error("Service", name, "no such service: \"" + name + "\"");
      return false;
    }
  }
  auto observed = observe(engine, project.name);
  if (!observed) {
    progress.error("Project", project.name, observed.error().message);
    return false;
  }
  const Plan plan = plan_lifecycle(command, project, graph, *observed, options);
  OperationRunner runner(engine, project, progress, options.timeout);
  Executor executor(options.parallel);
  auto report = executor.run(
      plan, [&](const Operation& op) { return runner.perform(op); },
      [&](const Operation& op, const std::string& reason) { runner.skipped(op, reason); });
  return report.ok();
}

}  // namespace berth::scheduler
