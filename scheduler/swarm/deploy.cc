#include "scheduler/swarm/deploy.h"

#include <algorithm>
#include <map>
#include <optional>

#include "compose/config_error.h"
#include "compose/profiles.h"
#include "scheduler/plan_run.h"
#include "scheduler/swarm/deploy_plan.h"
#include "scheduler/swarm/swarm_actions.h"
#include "scheduler/swarm/swarm_spec.h"

namespace berth::scheduler {

namespace {

engine::Status require_manager(engine::Engine& engine) {
  auto swarm = engine.swarm_info();
  if (!swarm) {
    return swarm.error();
  }
  if (swarm->local_node_state != "active") {
    return engine::Error{engine::ErrorCode::bad_request, 0,
                         "the engine is not part of a swarm (its swarm state is \"" +
                             swarm->local_node_state +
                             "\"): run `docker swarm init`, or point DOCKER_HOST at a manager"};
  }
  if (!swarm->control_available) {
    return engine::Error{engine::ErrorCode::bad_request, 0,
                         "the engine is a swarm worker, not a manager: point DOCKER_HOST at a "
                         "manager (`docker node ls` there lists them)"};
  }
  return engine::Done{};
}

// The checks that need the engine but change nothing: external networks exist.
bool check_external_networks(const std::vector<const compose::NetworkDecl*>& networks,
                             const std::vector<engine::NetworkSummary>& existing,
                             Progress& progress) {
  bool ok = true;
  for (const compose::NetworkDecl* network : networks) {
    bool found = std::any_of(existing.begin(), existing.end(), [&](const auto& summary) {
      return summary.name == network->name || summary.id == network->name;
    });
    if (network->external && !found) {
      progress.error("Network", network->name,
                     "external network not found; create it with `docker network create "
                     "--driver overlay --attachable " +
                         network->name + "`");
      ok = false;
    }
  }
  return ok;
}

// The one look at the engine before planning: the stack's services, the
// networks, and the images of linked services (for their ports and env).
std::optional<SwarmObservation> observe_swarm(engine::Engine& engine,
                                              const compose::Project& project,
                                              Progress& progress) {
  SwarmObservation observed;
  auto services = engine.list_services(stack_filter(project));
  if (!services) {
    progress.error("Stack", project.name, services.error().message);
    return std::nullopt;
  }
  observed.services = std::move(services.value());
  auto networks = engine.list_networks({});
  if (!networks) {
    progress.error("Stack", project.name, networks.error().message);
    return std::nullopt;
  }
  observed.networks = std::move(networks.value());
  for (const compose::Service& service : project.services) {
    for (const compose::Link& link : service.links) {
      const compose::Service* target = project.find_service(link.service);
      if (target == nullptr || observed.images.count(target->image) != 0) {
        continue;
      }
      // The manager may not hold the image (it runs elsewhere).
      if (auto inspected = engine.inspect_image(target->image)) {
        observed.images.emplace(target->image, std::move(inspected.value()));
      }
    }
  }
  return observed;
}

}  // namespace

bool deploy(engine::Engine& engine, const compose::Project& project, const DependencyGraph& graph,
            const DeployOptions& options, Progress& progress) {
  std::vector<std::string> active =
      compose::active_services(project, project.enabled_profiles, {});
  std::vector<compose::Diagnostic> problems = swarm_incompatibilities(project, active);
  if (!problems.empty()) {
    throw compose::ConfigError(std::move(problems));
  }
  if (auto manager = require_manager(engine); !manager) {
    progress.error("Stack", project.name, manager.error().message);
    return false;
  }
  for (const std::string& warning : swarm_warnings(project, active)) {
    progress.warning(warning);
  }
  std::optional<SwarmObservation> observed = observe_swarm(engine, project, progress);
  if (!observed ||
      !check_external_networks(stack_networks(project, active), observed->networks, progress)) {
    return false;
  }
  DeployPlanOptions planning_options;
  planning_options.prune = options.prune;
  planning_options.detach = options.detach;
  planning_options.wait = options.wait;
  DeployPlanning planning = plan_deploy(project, graph, active, *observed, planning_options);
  for (const std::string& name : planning.unchanged) {
    progress.step("Service", name, "Unchanged");
  }
  SwarmWaits waits{options.wait_timeout, options.poll_interval};
  SwarmActions actions(engine, project, *observed, waits, progress);
  OperationRunner runner(engine, project, progress, -1);
  runner.on_swarm([&actions](const Operation& op) { return actions.perform(op); });
  PlanRun how;
  how.dry_run = options.dry_run;
  return run_plan(planning.plan, runner, progress, how).ok();
}

bool undeploy(engine::Engine& engine, const compose::Project& project, Progress& progress,
              bool dry_run) {
  if (auto manager = require_manager(engine); !manager) {
    progress.error("Stack", project.name, manager.error().message);
    return false;
  }
  SwarmObservation observed;
  auto services = engine.list_services(stack_filter(project));
  auto networks = engine.list_networks(stack_filter(project));
  if (!services || !networks) {
    progress.error("Stack", project.name,
                   (!services ? services.error() : networks.error()).message);
    return false;
  }
  observed.services = std::move(services.value());
  observed.networks = std::move(networks.value());
  SwarmActions actions(engine, project, observed, {}, progress);
  OperationRunner runner(engine, project, progress, -1);
  runner.on_swarm([&actions](const Operation& op) { return actions.perform(op); });
  PlanRun how;
  how.dry_run = dry_run;
  return run_plan(plan_undeploy(project, observed), runner, progress, how).ok();
}

engine::Result<std::vector<SwarmServiceStatus>> swarm_services(engine::Engine& engine,
                                                                const compose::Project& project) {
  if (auto manager = require_manager(engine); !manager) {
    return manager.error();
  }
  auto services = engine.list_services(stack_filter(project));
  if (!services) {
    return services.error();
  }
  std::vector<SwarmServiceStatus> rows;
  std::string prefix = project.name + "_";
  for (const engine::ServiceSummary& service : *services) {
    auto tasks = engine.list_tasks(service.id);
    if (!tasks) {
      return tasks.error();
    }
    SwarmServiceStatus row;
    row.name = service.name;
    row.service = service.name.rfind(prefix, 0) == 0 ? service.name.substr(prefix.size())
                                                     : service.name;
    row.mode = service.global ? "global" : "replicated";
    int wanted_running = 0;
    for (const engine::TaskSummary& task : *tasks) {
      if (task.desired_state == "running") {
        ++wanted_running;
        row.running += task.state == "running" ? 1 : 0;
      }
    }
    row.desired = service.global ? wanted_running : static_cast<int>(service.replicas);
    row.image = service.image;
    for (const engine::ServicePort& port : service.ports) {
      row.ports.push_back("*:" + std::to_string(port.published_port) + "->" +
                          std::to_string(port.target_port) + "/" + port.protocol);
    }
    rows.push_back(std::move(row));
  }
  std::sort(rows.begin(), rows.end(),
            [](const auto& a, const auto& b) { return a.name < b.name; });
  return rows;
}

}  // namespace berth::scheduler
