#include "scheduler/lifecycle/down.h"

#include <set>

#include "health/container_state.h"
#include "scheduler/container_naming.h"
#include "scheduler/converge/reconcile.h"
#include "scheduler/labels.h"
#include "scheduler/observed_state.h"
#include "scheduler/operation_runner.h"
#include "scheduler/plan_run.h"

namespace berth::scheduler {

namespace {

class DownPlanner {
 public:
  DownPlanner(const compose::Project& project, const DependencyGraph& graph,
              const ObservedState& observed, const DownOptions& options)
      : m_project(project), m_graph(graph), m_observed(observed), m_options(options) {}

  DownPlan containers_only() {
    plan_services();
    plan_others();
    return std::move(m_out);
  }

  DownPlan plan() {
    plan_services();
    plan_others();
    // Networks go strictly after every container removal has returned, and
    // after a second look for containers the observation did not see.
    Operation late;
    late.kind = OperationKind::remove_late_containers;
    late.name = m_project.name;
    late.cause = "containers created after the observation (an interrupted create)";
    late.after = m_removals;
    late.runs_after_failure = true;
    const int swept = m_out.plan.add(std::move(late));
    // A running orphan keeps its endpoint: its network could not go, and
    // after 5 s of retries the failure would blame the engine.
    std::vector<int> networks;
    if (m_running_orphans.empty()) {
      networks = plan_networks(swept);
    } else {
      m_out.networks_kept_for = m_running_orphans;
    }
    if (m_options.remove_volumes) {
      plan_volumes(networks.empty() ? std::vector<int>{swept} : networks);
    }
    if (!m_options.remove_images.empty()) {
      plan_images(swept);
    }
    return std::move(m_out);
  }

 private:
  // Dependents first: a service's containers stop once its dependents' are removed.
  void plan_services() {
    std::map<std::string, std::vector<int>> removed;
    for (const auto& service : m_graph.stop_order()) {
      std::vector<int> after;
      for (const auto& dependent : m_graph.dependents_of(service)) {
        after.insert(after.end(), removed[dependent].begin(), removed[dependent].end());
      }
      for (const auto& container : m_observed.containers_of(service)) {
        removed[service].push_back(plan_container(container, service, after, "down"));
      }
    }
  }

  // One-off containers always; containers of services no longer in the file
  // with --remove-orphans, else only named in a warning.
  void plan_others() {
    for (const auto& container : m_observed.containers) {
      const auto service = container.service;
      if (m_project.find_service(service) && !container.one_off) {
        continue;
      }
      if (container.one_off) {
        plan_container(container, service, {}, "one-off container of the project");
      } else if (m_options.remove_orphans) {
        plan_container(container, service, {}, "orphan: its service is not in the file");
      } else {
        m_out.orphans.push_back(container.name);
        if (container.is_up()) {
          m_running_orphans.push_back(container.name);
        }
      }
    }
  }

  // As compose v2: every container is stopped before its removal (one seen
  // stopped may have been restarted by its policy since), and removed with
  // force, so a container that started meanwhile cannot fail `down`.
  int plan_container(const ObservedContainer& container, const std::string& service,
                     const std::vector<int>& after, const std::string& cause) {
    const bool running = container.is_up();
    Operation stop;
    stop.kind = OperationKind::stop_container;
    stop.service = service;
    stop.number = container.number;
    stop.name = container.name;
    stop.container_id = container.id;
    stop.cause = cause;
    stop.after = after;
    stop.silent = !running;
    stop.hooks = running && !container.one_off;
    stop.in_turn = true;
    stop.runs_after_failure = true;
    Operation remove = stop;
    remove.kind = OperationKind::remove_container;
    remove.silent = false;
    // Removals run side by side: the stop before each one has released the
    // container's network endpoint, so a removal is no exit the engine can
    // miscount (moby/moby#43286 is about exits; OperationRunner::in_turn).
    remove.in_turn = false;
    remove.force = true;
    remove.remove_volumes = m_options.remove_volumes;
    remove.runs_after_failure = false;  // a container that would not stop is reported once
    remove.after = {m_out.plan.add(std::move(stop))};
    const int id = m_out.plan.add(std::move(remove));
    m_removals.push_back(id);
    return id;
  }

  std::vector<int> plan_networks(int after) {
    std::vector<int> ids;
    for (const auto& network : m_observed.networks) {
      const auto* decl = m_project.find_network(labels::value_of(network.labels, labels::k_network));
      if (!decl || decl->external || decl->name != network.name) {
        continue;  // only networks this project declares and owns
      }
      Operation op;
      op.kind = OperationKind::remove_network;
      op.name = network.name;
      op.network_id = network.id;  // two networks may share a name
      op.cause = "down";
      op.after = {after};
      op.runs_after_failure = true;
      ids.push_back(m_out.plan.add(std::move(op)));
    }
    return ids;
  }

  void plan_volumes(const std::vector<int>& after) {
    for (const auto& volume : m_observed.volumes) {
      const auto* decl = m_project.find_volume(labels::value_of(volume.labels, labels::k_volume));
      if (!decl || decl->external || decl->name != volume.name) {
        continue;  // only volumes this project declares and owns; never external ones
      }
      Operation op;
      op.kind = OperationKind::remove_volume;
      op.name = volume.name;
      op.cause = "down -v";
      op.after = after;
      op.runs_after_failure = true;
      m_out.plan.add(std::move(op));
    }
  }

  // After every container is gone: an image in use cannot be removed.
  void plan_images(int after) {
    for (const auto& reference : images_to_remove(m_project, m_options.remove_images)) {
      if (!m_observed.images.count(reference)) {
        continue;  // not on the engine
      }
      Operation op;
      op.kind = OperationKind::remove_image;
      op.name = reference;
      op.cause = "down --rmi " + m_options.remove_images;
      op.after = {after};
      op.runs_after_failure = true;
      m_out.plan.add(std::move(op));
    }
  }

  const compose::Project& m_project;
  const DependencyGraph& m_graph;
  const ObservedState& m_observed;
  const DownOptions& m_options;
  std::vector<int> m_removals;
  std::vector<std::string> m_running_orphans;
  DownPlan m_out;
};

// The second look: containers that were not in the first observation (a
// create an interrupted berth had sent, finished by the engine after it):
// left attached, they would keep the network busy. A few passes, each its
// own observation and plan; then the network removal says what is left.
engine::Status remove_late_containers(engine::Engine& engine, const compose::Project& project,
                                      const DependencyGraph& graph, const ObservedState& first,
                                      const DownOptions& options, Progress& progress) {
  std::set<std::string> seen;
  for (const auto& container : first.containers) {
    seen.insert(container.id);
  }
  for (int pass = 0; pass < 3; ++pass) {
    auto again = observe(engine, project.name);
    if (!again) {
      return engine::Done{};  // the network removal will tell
    }
    ObservedState late;
    for (const auto& container : again->containers) {
      const bool removable = options.remove_orphans || container.one_off ||
                             project.find_service(container.service);
      if (seen.insert(container.id).second && removable) {
        late.containers.push_back(container);
      }
    }
    if (late.containers.empty()) {
      break;
    }
    DownPlan removal = DownPlanner(project, graph, late, options).containers_only();
    OperationRunner runner(engine, project, progress, options.timeout_seconds);
    auto report = run_plan(removal.plan, runner, progress, {});
    if (!report.ok()) {
      return engine::Error{engine::ErrorCode::conflict, 0, "a late container was not removed"};
    }
  }
  return engine::Done{};
}

}  // namespace

std::set<std::string> images_to_remove(const compose::Project& project, const std::string& mode) {
  std::set<std::string> references;
  for (const auto& service : project.services) {
    // As compose v2: "local" are the images built without a name of their own.
    const bool default_name = service.build && (service.image == project.name + "-" + service.name ||
                                                service.image == project.name + "_" + service.name);
    if (!service.image.empty() && (mode == "all" || default_name)) {
      references.insert(service.image);
    }
  }
  return references;
}

DownPlan plan_down(const compose::Project& project, const DependencyGraph& graph,
                   const ObservedState& observed, const DownOptions& options) {
  return DownPlanner(project, graph, observed, options).plan();
}

bool down(engine::Engine& engine, const compose::Project& project, const DependencyGraph& graph,
          const DownOptions& options, Progress& progress) {
  ImageQuery images;
  if (!options.remove_images.empty()) {
    images.references = images_to_remove(project, options.remove_images);
  }
  auto observed = observe(engine, project.name, images);
  if (!observed) {
    progress.error("Project", project.name, observed.error().message);
    return false;
  }
  DownPlan plan = plan_down(project, graph, *observed, options);
  if (!plan.orphans.empty()) {
    progress.warning(orphans_warning(plan.orphans));
  }
  if (!plan.networks_kept_for.empty()) {
    std::string names;
    for (const auto& name : plan.networks_kept_for) {
      names += (names.empty() ? "" : ", ") + name;
    }
    progress.warning("the project's networks are kept: orphan containers still run on them (" +
                     names + ")");
  }
  OperationRunner runner(engine, project, progress, options.timeout_seconds);
  runner.on_late_containers([&](const Operation&) {
    return remove_late_containers(engine, project, graph, *observed, options, progress);
  });
  PlanRun how;
  how.dry_run = options.dry_run;
  return run_plan(plan.plan, runner, progress, how).ok();
}

}  // namespace berth::scheduler
