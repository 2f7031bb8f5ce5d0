#include "scheduler/converge/reconcile.h"

#include <algorithm>
#include <set>

#include "compose/config_error.h"
#include "health/container_state.h"
#include "scheduler/container_naming.h"
#include "scheduler/converge/reload_plan.h"
#include "scheduler/converge/start_first.h"
#include "scheduler/dependency_awaits.h"

namespace berth::scheduler {

namespace {

std::string quoted(const std::string& text) { return "\"" + text + "\""; }

Operation make_op(OperationKind kind, const std::string& service, int number,
                  const std::string& name, const std::string& container_id,
                  const std::string& replaces, const std::string& cause, std::vector<int> after) {
  Operation op;
  op.kind = kind;
  op.service = service;
  op.number = number;
  op.name = name;
  op.container_id = container_id;
  op.replaces = replaces;
  op.cause = cause;
  op.after = std::move(after);
  return op;
}

// A step shown as part of its replacement's "Recreate", not on its own.
Operation silent(Operation op) {
  op.silent = true;
  return op;
}

// Marks the step of a unit that must not be cut in half by an interruption.
Operation finishing(Operation op) {
  op.finish_when_interrupted = true;
  return op;
}

class Reconciler {
 public:
  Reconciler(const compose::Project& project, const DependencyGraph& graph,
             const ObservedState& observed, const DesiredState& desired,
             const ReconcileOptions& options)
      : m_project(project),
        m_graph(graph),
        m_observed(observed),
        m_desired(desired),
        m_options(options),
        m_selected(options.services.begin(), options.services.end()) {
    for (const auto& root : options.roots) {
      for (const auto& dependency : graph.with_dependencies({root})) {
        if (dependency != root) {
          m_dependencies_of_roots.insert(dependency);
        }
      }
    }
  }

  Reconciliation run() {
    for (const auto& name : m_options.services) {
      check_scale(*m_project.find_service(name));
    }
    if (!m_out.errors.empty()) {
      return std::move(m_out);
    }
    plan_infrastructure();
    for (const auto& name : m_graph.start_order()) {
      const auto& service = *m_project.find_service(name);
      if (m_selected.count(name)) {
        plan_service(service);
      } else if (auto changed = changed_link(service); !changed.empty()) {
        plan_follower(service, changed);
      }
    }
    plan_orphans();
    return std::move(m_out);
  }

 private:
  void check_scale(const compose::Service& service) {
    const int scale = desired_scale(service, m_options);
    if (scale <= 1) {
      return;
    }
    // At the service in the project file: that is where it is mended.
    auto at_service = [&](std::string message) {
      return compose::format_diagnostic({service.pos, std::move(message)});
    };
    if (!service.container_name.empty()) {
      m_out.errors.push_back(at_service("service " + quoted(service.name) +
                                        " has container_name " + quoted(service.container_name) +
                                        " and cannot run " + std::to_string(scale) +
                                        " containers"));
    }
    for (const auto& port : service.ports) {
      if (port.host_start != 0) {
        m_out.errors.push_back(at_service("service " + quoted(service.name) +
                                          " publishes host port " +
                                          std::to_string(port.host_start) + " and cannot run " +
                                          std::to_string(scale) +
                                          " containers (only one can bind it)"));
        break;
      }
    }
  }

  void plan_infrastructure() {
    for (const auto& network : m_desired.missing_networks) {
      m_infra.push_back(m_out.plan.add(
          make_op(OperationKind::create_network, "", 0, network, "", "", "not found", {})));
    }
    for (const auto& volume : m_desired.missing_volumes) {
      m_infra.push_back(m_out.plan.add(
          make_op(OperationKind::create_volume, "", 0, volume, "", "", "not found", {})));
    }
  }

  // What a service's first operations wait for: the project's networks and
  // volumes, and everything done for the services it depends on.
  std::vector<int> prerequisites(const compose::Service& service) const {
    std::vector<int> after = m_infra;
    for (const auto& dependency : m_graph.dependencies_of(service.name)) {
      auto it = m_done.find(dependency);
      if (it != m_done.end()) {
        after.insert(after.end(), it->second.begin(), it->second.end());
      }
    }
    return after;
  }

  // The first service this one links to whose containers change in this plan.
  std::string changed_link(const compose::Service& service) const {
    for (const auto& link : service.links) {
      if (m_changed.count(link.service)) {
        return link.service;
      }
    }
    return "";
  }

  std::string name_for(const compose::Service& service, int number) const {
    return service.container_name.empty() ? container_name(m_project.name, service.name, number)
                                          : service.container_name;
  }

  int add(Operation op) {
    const std::string service = op.service;
    int id = m_out.plan.add(std::move(op));
    m_done[service].push_back(id);
    return id;
  }

  // Records a container that is or will be running, for the services that
  // wait on it. `start` is its start operation; 0 when it runs already.
  void started(const compose::Service& service, int number, const std::string& name,
               const std::string& container_id, int start) {
    m_started[service.name].push_back({number, name, container_id, start});
  }

  std::vector<int> with(std::vector<int> ids, const std::vector<int>& more) const {
    ids.insert(ids.end(), more.begin(), more.end());
    return ids;
  }

  // The await operations a service's starts wait for: one per container of
  // each dependency it needs healthy or completed. Made once per service, when
  // it first has something to start. A dependency that was not asked for is
  // waited for only where this plan starts it (recreated because of a link):
  // a container it merely finds running is someone else's business.
  const std::vector<int>& awaits_for(const compose::Service& service) {
    auto known = m_awaits.find(service.name);
    if (known != m_awaits.end()) {
      return known->second;
    }
    auto candidates = [this](const std::string& dependency) {
      const bool selected = m_selected.count(dependency) > 0;
      std::vector<AwaitCandidate> found;
      for (const auto& container : m_started[dependency]) {
        if (selected || container.start) {
          found.push_back(container);
        }
      }
      return found;
    };
    return m_awaits[service.name] = add_dependency_awaits(m_out.plan, service, candidates);
  }

  void plan_create(const compose::Service& service, int number, const std::string& cause) {
    const std::string name = name_for(service, number);
    int created = add(make_op(OperationKind::create_container, service.name, number, name, "", "",
                              cause, prerequisites(service)));
    if (!m_options.no_start) {
      const int start = add(make_op(OperationKind::start_container, service.name, number, name, "",
                                    "", cause, with({created}, awaits_for(service))));
      started(service, number, name, "", start);
      join(service, number, name, start);
    }
    m_changed.insert(service.name);
  }

  // x-berth-reload: the running dependents that learn of `service`'s new and
  // departing containers by a reload, not by being recreated. Worked out
  // when the service's changes are planned, before its dependents'.
  const std::vector<ReloadTarget>& targets_of(const compose::Service& service) {
    auto known = m_targets.find(service.name);
    if (known != m_targets.end()) {
      return known->second;
    }
    std::vector<ReloadTarget> targets;
    if (!m_options.no_start) {
      auto kept = [this](const compose::Service& dependent, const ObservedContainer& container) {
        return !m_selected.count(dependent.name) || own_recreate_cause(dependent, container).empty();
      };
      targets = reload_targets(m_project, m_observed, service.name, kept);
    }
    for (const auto& target : targets) {
      m_reloaded.insert(target.id);
    }
    return m_targets[service.name] = std::move(targets);
  }

  std::vector<int> reloads(const compose::Service& service, const std::vector<std::string>& leaving,
                           const std::string& cause, const std::vector<int>& after) {
    return add_reloads([this](Operation op) { return add(std::move(op)); }, targets_of(service),
                       {leaving, {}}, cause, after);
  }

  // A new container of `service`, once ready, joins its dependents' rotation.
  void join(const compose::Service& service, int number, const std::string& name, int start) {
    if (targets_of(service).empty()) {
      return;
    }
    Operation await = make_op(OperationKind::await_container, service.name, number, name, "", "",
                              "x-berth-reload: ready before it joins the rotation", {start});
    if (!m_desired.health_checked.count(service.name)) {
      await.condition = compose::DependencyCondition::service_started;
    }
    reloads(service, {}, name + " joins the rotation", {add(std::move(await))});
  }

  // Before `old` stops, it leaves its dependents' rotation; returns what its
  // stop waits for, and sets the stop's drain.
  std::vector<int> leave(const compose::Service& service, const ObservedContainer& old,
                         std::vector<int> after, int64_t& drain_ns) {
    if (!old.is_up() || targets_of(service).empty()) {
      return after;
    }
    drain_ns = longest_drain(targets_of(service));
    return reloads(service, {old.id}, old.name + " leaves the rotation", after);
  }

  void plan_recreate(const compose::Service& service, const ObservedContainer& old,
                     const std::string& cause) {
    const int number = old.number;
    const std::string name = name_for(service, number);
    // The replacement is made first, under a temporary name, so a failed
    // create leaves the old container running.
    const std::string temporary = temporary_name(old.id, name);
    Operation create = make_op(OperationKind::create_container, service.name, number, temporary, "",
                               old.id, cause, prerequisites(service));
    create.display_name = name;
    int created = add(std::move(create));
    // The old container keeps running until its replacement may start.
    const std::vector<int> awaits = m_options.no_start ? std::vector<int>{} : awaits_for(service);
    // Once the old container is stopping, the rest is one unit that a
    // Ctrl+C lets finish: the service never ends with fewer containers running.
    int64_t drain_ns = 0;
    Operation stop = silent(make_op(OperationKind::stop_container, service.name, number, old.name,
                                    old.id, "", "replaced",
                                    leave(service, old, with({created}, awaits), drain_ns)));
    stop.delay_ns = drain_ns;
    int stopped = add(std::move(stop));
    int removed = add(silent(finishing(make_op(OperationKind::remove_container, service.name,
                                               number, old.name, old.id, "", "replaced",
                                               {stopped}))));
    int renamed = add(silent(finishing(make_op(OperationKind::rename_container, service.name,
                                               number, name, "", "",
                                               "takes its predecessor's name", {removed}))));
    if (!m_options.no_start) {
      const int start = add(finishing(make_op(OperationKind::start_container, service.name, number,
                                              name, "", "", cause, with({renamed}, awaits))));
      started(service, number, name, "", start);
      join(service, number, name, start);
    }
    m_changed.insert(service.name);
  }

  void plan_removal(const ObservedContainer& container, const std::string& service,
                    const std::string& cause) {
    std::vector<int> after;
    if (container.is_up()) {
      int64_t drain_ns = 0;
      const auto* known = m_project.find_service(service);
      Operation stop = make_op(OperationKind::stop_container, service, container.number,
                               container.name, container.id, "", cause,
                               known ? leave(*known, container, {}, drain_ns) : std::vector<int>{});
      stop.delay_ns = drain_ns;
      after.push_back(add(std::move(stop)));
    }
    add(make_op(OperationKind::remove_container, service, container.number, container.name,
                container.id, "", cause, after));
    m_changed.insert(service);
  }

  // Why a kept container must be replaced; empty when it need not be. A
  // dependent that reloads learns of a changed link without a replacement.
  std::string recreate_cause(const compose::Service& service, const ObservedContainer& container) {
    if (auto own = own_recreate_cause(service, container); !own.empty() || m_options.no_recreate) {
      return own;
    }
    if (auto changed = changed_link(service); !changed.empty() && !m_reloaded.count(container.id)) {
      return "linked service " + quoted(changed) + " changed";
    }
    return "";
  }

  // Why a container must be replaced for what it is itself, links aside.
  std::string own_recreate_cause(const compose::Service& service,
                                 const ObservedContainer& container) const {
    if (m_options.no_recreate) {
      return "";
    }
    if (m_options.force_recreate) {
      return "--force-recreate";
    }
    if (m_options.always_recreate_deps && m_dependencies_of_roots.count(service.name)) {
      return "--always-recreate-deps";
    }
    auto desired = m_desired.config_hashes.find(service.name);
    if (desired != m_desired.config_hashes.end() &&
        container.config_hash != desired->second) {
      return "configuration changed";
    }
    return "";
  }

  void plan_service(const compose::Service& service) {
    targets_of(service);
    const int scale = desired_scale(service, m_options);
    auto existing = m_observed.containers_of(service.name);
    // Scaling down removes the highest numbers first.
    for (size_t i = existing.size(); i > static_cast<size_t>(scale); --i) {
      plan_removal(existing[i - 1], service.name, "scale down to " + std::to_string(scale));
    }
    std::set<int> used;
    for (size_t i = 0; i < existing.size() && i < static_cast<size_t>(scale); ++i) {
      const auto& container = existing[i];
      used.insert(container.number);
      keep(service, container);
    }
    roll_out(service);
    // New containers fill the gaps in the numbering first.
    for (int number = 1; static_cast<int>(used.size()) < scale; ++number) {
      if (used.insert(number).second) {
        plan_create(
            service, number,
            existing.empty() ? "no existing container" : "scale up to " + std::to_string(scale));
      }
    }
  }

  void keep(const compose::Service& service, const ObservedContainer& container) {
    if (auto cause = recreate_cause(service, container); !cause.empty()) {
      replace(service, container, cause);
    } else if (!container.is_up() && !m_options.no_start) {
      started(service, container.number, container.name, container.id,
              add(make_op(OperationKind::start_container, service.name, container.number,
                          container.name, container.id, "", "stopped",
                          with(prerequisites(service), awaits_for(service)))));
    } else if (auto changed = restart_dependency(service);
               !changed.empty() && container.is_up() && !m_options.no_start) {
      plan_restart(service, container, "dependency " + quoted(changed) + " changed (restart: true)");
    } else {
      if (container.is_up()) {
        started(service, container.number, container.name, container.id, 0);
      }
      m_out.running.push_back(container.name);
    }
  }

  // The first dependency declared with `restart: true` whose containers
  // change in this plan: the service restarts after it, as compose v2 does.
  std::string restart_dependency(const compose::Service& service) const {
    for (const auto& dependency : service.depends_on) {
      if (dependency.restart && m_changed.count(dependency.service)) {
        return dependency.service;
      }
    }
    return "";
  }

  void plan_restart(const compose::Service& service, const ObservedContainer& container,
                    const std::string& cause) {
    const int number = container.number;
    int stopped = add(make_op(OperationKind::stop_container, service.name, number, container.name,
                              container.id, "", cause,
                              with(prerequisites(service), awaits_for(service))));
    started(service, number, container.name, container.id,
            add(finishing(make_op(OperationKind::start_container, service.name, number,
                                  container.name, container.id, "", cause, {stopped}))));
    m_changed.insert(service.name);
  }

  // A service outside the selection whose linked service changes: its link
  // variables would go stale, so its existing containers are replaced too.
  void plan_follower(const compose::Service& service, const std::string& changed) {
    if (m_options.no_recreate) {
      return;
    }
    targets_of(service);
    for (const auto& container : m_observed.containers_of(service.name)) {
      if (!m_reloaded.count(container.id)) {
        replace(service, container, "linked service " + quoted(changed) + " changed");
      }
    }
    roll_out(service);
  }

  // Replaces a container stop-first now, or keeps it for the service's
  // start-first rollout (roll_out) when its update_config asks for one.
  void replace(const compose::Service& service, const ObservedContainer& old,
               const std::string& cause) {
    if (m_options.no_start || !start_first_policy(service, false)) {
      plan_recreate(service, old, cause);
      return;
    }
    if (auto obstacle = start_first_obstacle(service); !obstacle.empty()) {
      if (m_warned_stop_first.insert(service.name).second) {
        m_out.warnings.push_back("service " + quoted(service.name) + " is replaced stop-first: " +
                                 obstacle + ", which its old and new containers cannot share");
      }
      plan_recreate(service, old, cause);
      return;
    }
    const std::string name = name_for(service, old.number);
    m_rollout.push_back({old.number, name, temporary_name(old.id, name), old.id, cause});
  }

  void roll_out(const compose::Service& service) {
    if (m_rollout.empty()) {
      return;
    }
    const auto policy = *start_first_policy(service, m_desired.health_checked.count(service.name));
    RolloutSteps steps;
    steps.add = [this](Operation op) { return add(std::move(op)); };
    steps.prerequisites = prerequisites(service);
    steps.awaits = awaits_for(service);
    if (!targets_of(service).empty()) {
      steps.reload = [this, &service](const std::vector<std::string>& leaving,
                                      const std::string& cause, const std::vector<int>& after) {
        return reloads(service, leaving, cause, after);
      };
      steps.drain_ns = longest_drain(targets_of(service));
    }
    const auto renamed = plan_start_first(service.name, m_rollout, policy, steps);
    for (size_t i = 0; i < m_rollout.size(); ++i) {
      started(service, m_rollout[i].number, m_rollout[i].name, "", renamed[i]);
    }
    m_rollout.clear();
    m_changed.insert(service.name);
  }

  void plan_orphans() {
    std::vector<std::string> orphans;
    for (const auto& container : m_observed.containers) {
      const auto& service = container.service;
      if (m_project.find_service(service) || container.one_off) {
        continue;
      }
      if (m_options.remove_orphans) {
        plan_removal(container, service, "orphan: its service is not in the project");
      } else {
        orphans.push_back(container.name);
      }
    }
    if (!orphans.empty()) {
      m_out.warnings.push_back(orphans_warning(orphans));
    }
  }

  const compose::Project& m_project;
  const DependencyGraph& m_graph;
  const ObservedState& m_observed;
  const DesiredState& m_desired;
  const ReconcileOptions& m_options;
  std::set<std::string> m_selected;
  std::set<std::string> m_dependencies_of_roots;
  Reconciliation m_out;
  std::vector<int> m_infra;
  std::map<std::string, std::vector<int>> m_done;  // service -> its operations
  std::set<std::string> m_changed;                 // services whose containers change
  // service -> its containers this plan starts or finds running
  std::map<std::string, std::vector<AwaitCandidate>> m_started;
  std::map<std::string, std::vector<int>> m_awaits;  // service -> the awaits its starts need
  std::vector<Replacement> m_rollout;  // the service's start-first replacements, in order
  std::set<std::string> m_warned_stop_first;
  std::map<std::string, std::vector<ReloadTarget>> m_targets;  // service -> its reloading dependents
  std::set<std::string> m_reloaded;  // dependents' containers reloaded, not recreated
};

}  // namespace

std::string orphans_warning(const std::vector<std::string>& containers) {
  std::string names;
  for (const auto& name : containers) {
    names += (names.empty() ? "" : ", ") + name;
  }
  return "found orphan containers (" + names +
         ") for this project; remove them with --remove-orphans";
}

int desired_scale(const compose::Service& service, const ReconcileOptions& options) {
  auto forced = options.scale.find(service.name);
  if (forced != options.scale.end()) {
    return forced->second;
  }
  if (service.scale) {
    return *service.scale;
  }
  if (service.deploy.mode == "global") {
    return 1;  // one per node, and this is one node
  }
  if (service.deploy.replicas) {
    return *service.deploy.replicas;
  }
  return 1;
}

Reconciliation reconcile(const compose::Project& project, const DependencyGraph& graph,
                         const ObservedState& observed, const DesiredState& desired,
                         const ReconcileOptions& options) {
  return Reconciler(project, graph, observed, desired, options).run();
}

}  // namespace berth::scheduler
