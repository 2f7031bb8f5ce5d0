#include "scheduler/lifecycle/lifecycle.h"

#include <algorithm>
#include <map>
#include <set>

#include "health/container_state.h"
#include "health/health_monitor.h"
#include "health/supervisor.h"
#include "scheduler/container_naming.h"
#include "scheduler/container_operation.h"
#include "scheduler/converge/dependent_reload.h"
#include "scheduler/converge/reload_plan.h"
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

  // restart: a service whose running dependents reload (x-berth-reload) and
  // are not restarted with it goes one container at a time, out of their
  // rotation, so they always have the others to send requests to.
  void find_rolling_restarts() {
    auto kept = [this](const compose::Service& dependent, const ObservedContainer&) {
      return !m_selected.count(dependent.name);
    };
    for (const auto& name : m_selected) {
      auto targets = reload_targets(m_project, m_observed, name, kept);
      if (!targets.empty()) {
        m_rolling[name] = std::move(targets);
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

  // kill --remove-orphans: the containers of services the file no longer
  // has (not one-offs), as compose v2 kills them, in no particular order.
  void orphans(const std::function<bool(const ObservedContainer&)>& applies, OperationKind kind) {
    for (const auto& container : m_observed.containers) {
      if (container.one_off || m_project.find_service(container.service) ||
          !applies(container)) {
        continue;
      }
      auto op = operation_on(kind, container, {});
      op.signal = m_options.signal;
      op.cause = "orphan: its service is not in the file";
      m_plan.add(std::move(op));
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
    if (m_rolling.count(service)) {
      if (kind == OperationKind::start_container) {
        add_rolling(service, with_awaits(service, after), done);
      }
      return;  // its stops are part of its rolling restart
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

  std::vector<int> with_awaits(const std::string& service, std::vector<int> after) {
    const auto awaits = awaits_for(service);
    after.insert(after.end(), awaits.begin(), awaits.end());
    return after;
  }

  // Per running container: leave the rotation, drain, stop, start, be ready,
  // join again; then the next one.
  void add_rolling(const std::string& service, std::vector<int> after,
                   std::map<std::string, std::vector<int>>& done) {
    const auto& targets = m_rolling.at(service);
    auto add = [this, &service, &done](Operation op) {
      const int id = m_plan.add(std::move(op));
      done[service].push_back(id);
      return id;
    };
    for (const auto& container : m_observed.containers_of(service)) {
      if (!is_up(container)) {
        m_start_of[container.id] = add(requested(OperationKind::start_container, container, after));
        continue;
      }
      auto left = add_reloads(m_plan_add(), targets, {{container.id}, {}},
                              container.name + " leaves the rotation", after);
      Operation stop = requested(OperationKind::stop_container, container, left);
      stop.delay_ns = longest_drain(targets);
      const int stopped = add(std::move(stop));
      const int started = add(requested(OperationKind::start_container, container, {stopped}));
      m_start_of[container.id] = started;
      Operation await = requested(OperationKind::await_container, container, {started});
      await.condition = compose::DependencyCondition::service_started;  // healthy if checked
      await.cause = "x-berth-reload: ready before it joins the rotation again";
      after = add_reloads(m_plan_add(), targets, {{}, {container.id}},
                          container.name + " joins the rotation", {add(std::move(await))});
    }
  }

  std::function<int(Operation)> m_plan_add() {
    return [this](Operation op) { return m_plan.add(std::move(op)); };
  }

  Operation requested(OperationKind kind, const ObservedContainer& container,
                      std::vector<int> after) const {
    Operation op = operation_on(kind, container, std::move(after));
    op.cause = "requested";
    return op;
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
  std::map<std::string, std::vector<ReloadTarget>> m_rolling;  // service -> its reloading dependents
  Plan m_plan;
};


}  // namespace

Plan plan_lifecycle(Lifecycle command, const compose::Project& project,
                    const DependencyGraph& graph, const ObservedState& observed,
                    const LifecycleOptions& options) {
  LifecyclePlanner planner(project, graph, observed, options);
  if (command == Lifecycle::restart && !options.services.empty() && !options.no_deps) {
    planner.add_restart_followers();
  }
  std::map<std::string, std::vector<int>> first;
  std::map<std::string, std::vector<int>> second;
  switch (command) {
    case Lifecycle::start: planner.forward(is_down, OperationKind::start_container, {}, first); break;
    case Lifecycle::stop: planner.backward(is_up, OperationKind::stop_container, first); break;
    case Lifecycle::restart:
      planner.find_rolling_restarts();
      planner.backward(is_up, OperationKind::stop_container, first);
      planner.forward(any, OperationKind::start_container, planner.all(first), second);
      break;
    case Lifecycle::kill:
      planner.backward(is_up, OperationKind::kill_container, first);
      if (options.include_orphans) {
        planner.orphans(is_up, OperationKind::kill_container);
      }
      break;
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
  const bool wait = command == Lifecycle::start && options.wait;
  if (wait && !has_awaits(plan)) {
    if (auto started = monitor.start(); !started) {
      progress.warning("engine events unavailable (" + started.error().message +
                       "); waiting by inspection");
    }
  }
  OperationRunner runner(engine, project, progress, options.timeout, {},
                         await_with(monitor, project, options.wait_timeout));
  DependentReload reload(engine, project);
  runner.on_reload([&reload](const Operation& op, const std::string& id) {
    return reload.reload(op, id);
  });
  PlanRun how;
  how.parallel = options.parallel;
  how.dry_run = options.dry_run;
  if (!run_plan(plan, runner, progress, how).ok()) {
    return false;
  }
  if (!wait || options.dry_run) {
    return true;
  }
  // start --wait: every selected service with a container, started now or before.
  std::vector<std::string> waited;
  for (const auto& name : options.services.empty() ? graph.start_order() : options.services) {
    if (!observed->containers_of(name).empty()) {
      waited.push_back(name);
    }
  }
  return wait_until_ready(engine, monitor, project, waited, options.wait_timeout, progress);
}

}  // namespace berth::scheduler
