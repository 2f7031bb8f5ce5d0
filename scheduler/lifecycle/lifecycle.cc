#include "scheduler/lifecycle/lifecycle.h"

#include <algorithm>
#include <map>
#include <set>

#include "health/container_state.h"
#include "health/health_monitor.h"
#include "health/supervisor.h"
#include "scheduler/container_naming.h"
#include "scheduler/container_operation.h"
#include "scheduler/dependency_awaits.h"
#include "scheduler/dependency_waits.h"
#include "scheduler/health_specs.h"
#include "scheduler/plan_run.h"
#include "scheduler/labels.h"
#include "scheduler/operation_runner.h"

namespace berth::scheduler {

namespace {

using health::ContainerState;

bool is_up(const ObservedContainer& c) { return c.is_up(); }
bool is_down(const ObservedContainer& c) { return !c.is_up(); }
bool is_running(const ObservedContainer& c) { return c.run_state == ContainerState::running; }
bool is_paused(const ObservedContainer& c) { return c.run_state == ContainerState::paused; }
bool any(const ObservedContainer&) { return true; }

class LifecyclePlanner {
 public:
  LifecyclePlanner(const compose::Project& project, const DependencyGraph& graph,
                   const ObservedState& observed, const LifecycleOptions& options)
      : m_project(project), m_graph(graph), m_observed(observed), m_options(options) {
    for (const auto& name : options.services.empty() ? graph.services() : options.services) {
      m_selected.insert(name);
    }
  }

  // restart: the services that declared `restart: true` on a restarted one
  // are restarted with it, after it.
  void add_restart_followers() {
    const auto order = m_graph.start_order();
    const auto monitored = monitored_project(m_project);
    for (const auto& name : std::set<std::string>(m_selected)) {
      for (const auto& follower : health::restart_followers(monitored, name, order)) {
        m_selected.insert(follower.service);
      }
    }
  }

  // Stops (and kills, removals, pauses): a service after its dependents.
  void backward(const std::function<bool(const ObservedContainer&)>& applies,
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
  void forward(const std::function<bool(const ObservedContainer&)>& applies,
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
               const std::function<bool(const ObservedContainer&)>& applies,
               OperationKind kind, const std::vector<int>& after,
               std::map<std::string, std::vector<int>>& done) {
    if (!m_selected.count(service)) {
      return;
    }
    std::vector<int> gated = after;
    bool awaited = false;
    for (const auto& container : m_observed.containers_of(service)) {
      if (!applies(container)) {
        continue;
      }
      if (kind == OperationKind::start_container && !awaited) {
        awaited = true;
        const auto awaits = awaits_for(service);
        gated.insert(gated.end(), awaits.begin(), awaits.end());
      }
      auto op = operation_on(kind, container, gated);
      op.signal = m_options.signal;
      op.remove_volumes = m_options.remove_volumes;
      op.cause = "requested";
      const int id = m_plan.add(std::move(op));
      if (kind == OperationKind::start_container) {
        m_start_of[container.id] = id;
      }
      done[service].push_back(id);
    }
  }

  // Starts gated on depends_on conditions wait for each container of the
  // dependency that this plan starts or that runs already, as in `up`.
  std::vector<int> awaits_for(const std::string& service) {
    const auto* found = m_project.find_service(service);
    if (!found) {
      return {};
    }
    auto candidates = [this](const std::string& dependency) {
      std::vector<AwaitCandidate> waited;
      if (!m_selected.count(dependency)) {
        return waited;
      }
      for (const auto& container : m_observed.containers_of(dependency)) {
        auto started = m_start_of.find(container.id);
        if (started == m_start_of.end() && !is_up(container)) {
          continue;  // neither running nor started here: nothing to wait for
        }
        waited.push_back({container.number, container.name, container.id,
                          started == m_start_of.end() ? 0 : started->second});
      }
      return waited;
    };
    return add_dependency_awaits(m_plan, *found, candidates);
  }

  const compose::Project& m_project;
  const DependencyGraph& m_graph;
  const ObservedState& m_observed;
  const LifecycleOptions& m_options;
  std::set<std::string> m_selected;
  std::map<std::string, int> m_start_of;  // container ID -> its start operation
  Plan m_plan;
};


}  // namespace

Plan plan_lifecycle(Lifecycle command, const compose::Project& project,
                    const DependencyGraph& graph, const ObservedState& observed,
                    const LifecycleOptions& options) {
  LifecyclePlanner planner(project, graph, observed, options);
  if (command == Lifecycle::restart && !options.services.empty()) {
    planner.add_restart_followers();
  }
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
  // Subscribed before the first start, so no health or exit event is missed.
  health::HealthMonitor monitor(engine, monitored_project(project));
  if (has_awaits(plan)) {
    if (auto started = monitor.start(); !started) {
      progress.warning("engine events unavailable (" + started.error().message +
                       "); waiting by inspection");
    }
  }
  OperationRunner runner(engine, project, progress, options.timeout, {},
                         await_with(monitor, project, 0));
  PlanRun how;
  how.parallel = options.parallel;
  how.dry_run = options.dry_run;
  return run_plan(plan, runner, progress, how).ok();
}

}  // namespace berth::scheduler
