#include "scheduler/swarm/deploy.h"

#include <algorithm>
#include <map>
#include <set>
#include <thread>

#include "compose/config_error.h"
#include "compose/profiles.h"
#include "scheduler/images/image_transfer.h"
#include "scheduler/swarm/swarm_readiness.h"
#include "scheduler/swarm/swarm_spec.h"

namespace berth::scheduler {

namespace {

// How long undeploy waits for the stack's tasks to let go of its networks.
constexpr std::chrono::seconds k_network_release_bound{60};
constexpr std::chrono::milliseconds k_release_poll{250};

engine::LabelFilter stack_filter(const compose::Project& project) {
  return {std::string(k_stack_namespace) + "=" + project.name};
}

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

// The networks the services join, each once, in the order first joined.
std::vector<const compose::NetworkDecl*> networks_of(const compose::Project& project,
                                                     const std::vector<std::string>& services) {
  std::vector<const compose::NetworkDecl*> networks;
  for (const std::string& name : services) {
    for (const compose::ServiceNetwork& joined : project.find_service(name)->networks) {
      const compose::NetworkDecl* decl = project.find_network(joined.key);
      if (decl != nullptr && std::find(networks.begin(), networks.end(), decl) == networks.end()) {
        networks.push_back(decl);
      }
    }
  }
  return networks;
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

bool create_networks(engine::Engine& engine, const compose::Project& project,
                     const std::vector<const compose::NetworkDecl*>& networks,
                     const std::vector<engine::NetworkSummary>& existing, Progress& progress) {
  for (const compose::NetworkDecl* network : networks) {
    bool found = std::any_of(existing.begin(), existing.end(),
                             [&](const auto& summary) { return summary.name == network->name; });
    if (network->external || found) {
      continue;
    }
    progress.step("Network", network->name, "Creating");
    auto created = engine.create_network(swarm_network_create(project, *network));
    if (!created) {
      progress.error("Network", network->name, created.error().message);
      return false;
    }
    progress.step("Network", network->name, "Created");
  }
  return true;
}

// The goal each dependency of `service` must reach before it is created:
// depends_on's condition, and "running" for a link.
std::map<std::string, SwarmGoal> gates_of(const compose::Service& service) {
  std::map<std::string, SwarmGoal> gates;
  for (const compose::Link& link : service.links) {
    gates.emplace(link.service, SwarmGoal::running);
  }
  for (const compose::Dependency& dependency : service.depends_on) {
    bool completed =
        dependency.condition == compose::DependencyCondition::service_completed_successfully;
    gates[dependency.service] = completed ? SwarmGoal::completed : SwarmGoal::running;
  }
  return gates;
}

bool restarts(const engine::ServiceSpec& spec) {
  return !spec.restart_policy || spec.restart_policy->condition != "none";
}

class Deployment {
 public:
  Deployment(engine::Engine& engine, const compose::Project& project, const DeployOptions& options,
             Progress& progress)
      : m_engine(engine), m_project(project), m_options(options), m_progress(progress) {}

  bool load_existing() {
    auto services = m_engine.list_services(stack_filter(m_project));
    if (!services) {
      m_progress.error("Stack", m_project.name, services.error().message);
      return false;
    }
    for (engine::ServiceSummary& summary : services.value()) {
      m_existing.emplace(summary.name, std::move(summary));
    }
    return load_networks();
  }

  // Again after creating networks: a link variable needs their IDs.
  bool load_networks() {
    auto networks = m_engine.list_networks({});
    if (!networks) {
      m_progress.error("Stack", m_project.name, networks.error().message);
      return false;
    }
    m_networks = std::move(networks.value());
    return true;
  }

  const std::vector<engine::NetworkSummary>& networks() const { return m_networks; }

  // Creates or updates `name` after its gates are passed.
  bool deploy_service(const std::string& name, const std::vector<std::string>& active) {
    const compose::Service& service = *m_project.find_service(name);
    std::map<std::string, LinkedContainer> linked;
    for (const auto& [dependency, goal] : gates_of(service)) {
      if (std::find(active.begin(), active.end(), dependency) == active.end()) {
        continue;
      }
      if (!m_options.detach && !await(dependency, goal)) {
        m_progress.error("Service", swarm_service_name(m_project, name),
                         "not deployed: its dependency \"" + dependency + "\" is not ready");
        return false;
      }
    }
    for (const compose::Link& link : service.links) {
      linked.emplace(link.service, link_target(link.service, service));
    }
    engine::ServiceSpec spec = swarm_service_spec(m_project, service, linked);
    m_specs[name] = spec;
    return apply(spec);
  }

  // Every deployed service ready (--wait).
  bool await_all(const std::vector<std::string>& active) {
    bool ok = true;
    for (const std::string& name : active) {
      ok = await(name, SwarmGoal::running) && ok;
    }
    return ok;
  }

  bool prune(const std::vector<std::string>& active) {
    bool ok = true;
    for (const auto& [swarm_name, summary] : m_existing) {
      bool wanted = std::any_of(active.begin(), active.end(), [&](const std::string& name) {
        return swarm_service_name(m_project, name) == swarm_name;
      });
      if (wanted) {
        continue;
      }
      m_progress.step("Service", swarm_name, "Removing");
      auto removed = m_engine.remove_service(summary.id);
      if (!removed && removed.error().code != engine::ErrorCode::not_found) {
        m_progress.error("Service", swarm_name, removed.error().message);
        ok = false;
        continue;
      }
      m_progress.step("Service", swarm_name, "Removed");
    }
    return ok;
  }

 private:
  bool apply(const engine::ServiceSpec& spec) {
    std::string auth;
    if (auto found = registry_auth_for(spec.image, m_progress)) {
      auth = *found;
    }
    auto existing = m_existing.find(spec.name);
    if (existing == m_existing.end()) {
      m_progress.step("Service", spec.name, "Creating");
      auto created = m_engine.create_service(spec, auth);
      if (!created) {
        m_progress.error("Service", spec.name, created.error().message);
        return false;
      }
      m_ids[spec.name] = *created;
      m_progress.step("Service", spec.name, "Created");
      return true;
    }
    m_ids[spec.name] = existing->second.id;
    const auto& labels = existing->second.labels;
    auto hash = labels.find(k_deploy_hash);
    if (hash != labels.end() && hash->second == spec.labels.at(k_deploy_hash)) {
      m_progress.step("Service", spec.name, "Unchanged");
      return true;
    }
    m_progress.step("Service", spec.name, "Updating");
    auto updated = m_engine.update_service(existing->second.id, existing->second.version, spec, auth);
    if (!updated) {
      m_progress.error("Service", spec.name, updated.error().message);
      return false;
    }
    m_progress.step("Service", spec.name, "Updated");
    return true;
  }

  // Waits for `name` (already deployed in this run) to reach `goal`, once.
  bool await(const std::string& name, SwarmGoal goal) {
    auto done = m_ready.find(name);
    if (done != m_ready.end()) {
      return done->second;
    }
    std::string swarm_name = swarm_service_name(m_project, name);
    auto id = m_ids.find(swarm_name);
    if (id == m_ids.end()) {
      return false;  // it failed to deploy; that was reported
    }
    m_progress.step("Service", swarm_name, "Waiting");
    auto deadline = std::chrono::steady_clock::now() + m_options.wait_timeout;
    auto spec = m_specs.find(name);
    bool may_restart = spec == m_specs.end() || restarts(spec->second);
    auto status =
        wait_for_service(m_engine, id->second, goal, may_restart, deadline, m_options.poll_interval);
    if (!status) {
      m_progress.error("Service", swarm_name, status.error().message);
    } else {
      m_progress.step("Service", swarm_name, goal == SwarmGoal::completed ? "Completed" : "Ready");
    }
    m_ready[name] = status.ok();
    return status.ok();
  }

  // What a link from `dependent` to `target` points at: the target's
  // virtual IP on a network both join, else its name (dnsrr services have
  // no virtual IP; the name resolves on every network it joins).
  LinkedContainer link_target(const std::string& target, const compose::Service& dependent) {
    const compose::Service& service = *m_project.find_service(target);
    // The manager may not hold the image (it runs elsewhere): then only the
    // file's ports count. Once per image, however many services link to it.
    auto image = m_images.find(service.image);
    if (image == m_images.end()) {
      engine::ImageDetails details;
      if (auto inspected = m_engine.inspect_image(service.image)) {
        details = *inspected;
      }
      image = m_images.emplace(service.image, std::move(details)).first;
    }
    LinkedContainer linked =
        link_target_of(service, image->second.exposed_ports, image->second.env);
    linked.name = swarm_service_name(m_project, target);
    linked.ip = target;
    auto id = m_ids.find(linked.name);
    if (id == m_ids.end()) {
      return linked;
    }
    auto summary = m_engine.inspect_service(id->second);
    if (!summary) {
      return linked;
    }
    std::set<std::string> shared;
    for (const compose::ServiceNetwork& joined : dependent.networks) {
      if (const compose::NetworkDecl* decl = m_project.find_network(joined.key)) {
        shared.insert(decl->name);
      }
    }
    for (const engine::ServiceVirtualIp& vip : summary->virtual_ips) {
      for (const engine::NetworkSummary& network : m_networks) {
        if (network.id == vip.network_id && shared.count(network.name) != 0) {
          linked.ip = vip.address.substr(0, vip.address.find('/'));
          return linked;
        }
      }
    }
    return linked;
  }

  engine::Engine& m_engine;
  const compose::Project& m_project;
  const DeployOptions& m_options;
  Progress& m_progress;
  std::map<std::string, engine::ServiceSummary> m_existing;  // by swarm name
  std::vector<engine::NetworkSummary> m_networks;
  std::map<std::string, std::string> m_ids;               // swarm name -> ID
  std::map<std::string, engine::ServiceSpec> m_specs;     // project name -> spec sent
  std::map<std::string, bool> m_ready;                    // project name -> awaited result
  std::map<std::string, engine::ImageDetails> m_images;   // reference -> inspected (or empty)
};

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
  Deployment deployment(engine, project, options, progress);
  if (!deployment.load_existing()) {
    return false;
  }
  std::vector<const compose::NetworkDecl*> networks = networks_of(project, active);
  if (!check_external_networks(networks, deployment.networks(), progress) ||
      !create_networks(engine, project, networks, deployment.networks(), progress) ||
      !deployment.load_networks()) {
    return false;
  }
  bool ok = true;
  for (const std::string& name : graph.start_order()) {
    if (std::find(active.begin(), active.end(), name) == active.end()) {
      continue;
    }
    if (!deployment.deploy_service(name, active)) {
      ok = false;
      break;  // its dependents would wait for it in vain
    }
  }
  if (ok && options.prune) {
    ok = deployment.prune(active);
  }
  if (ok && options.wait) {
    ok = deployment.await_all(active);
  }
  return ok;
}

namespace {

bool remove_stack_networks(engine::Engine& engine, const compose::Project& project,
                           Progress& progress) {
  auto networks = engine.list_networks(stack_filter(project));
  if (!networks) {
    progress.error("Stack", project.name, networks.error().message);
    return false;
  }
  bool ok = true;
  auto deadline = std::chrono::steady_clock::now() + k_network_release_bound;
  for (const engine::NetworkSummary& network : *networks) {
    progress.step("Network", network.name, "Removing");
    while (true) {
      auto removed = engine.remove_network(network.id);
      if (removed || removed.error().code == engine::ErrorCode::not_found) {
        progress.step("Network", network.name, "Removed");
        break;
      }
      // A task still shutting down holds its endpoint for a moment.
      if (std::chrono::steady_clock::now() + k_release_poll > deadline) {
        progress.error("Network", network.name, removed.error().message);
        ok = false;
        break;
      }
      std::this_thread::sleep_for(k_release_poll);
    }
  }
  return ok;
}

// The stack's containers on this node go some time after their service.
void await_containers_gone(engine::Engine& engine, const compose::Project& project) {
  auto deadline = std::chrono::steady_clock::now() + k_network_release_bound;
  while (std::chrono::steady_clock::now() < deadline) {
    auto containers = engine.list_containers(stack_filter(project), true);
    if (!containers || containers->empty()) {
      return;
    }
    std::this_thread::sleep_for(k_release_poll);
  }
}

}  // namespace

bool undeploy(engine::Engine& engine, const compose::Project& project, Progress& progress) {
  if (auto manager = require_manager(engine); !manager) {
    progress.error("Stack", project.name, manager.error().message);
    return false;
  }
  auto services = engine.list_services(stack_filter(project));
  if (!services) {
    progress.error("Stack", project.name, services.error().message);
    return false;
  }
  bool ok = true;
  for (const engine::ServiceSummary& service : *services) {
    progress.step("Service", service.name, "Removing");
    auto removed = engine.remove_service(service.id);
    if (!removed && removed.error().code != engine::ErrorCode::not_found) {
      progress.error("Service", service.name, removed.error().message);
      ok = false;
      continue;
    }
    progress.step("Service", service.name, "Removed");
  }
  await_containers_gone(engine, project);
  return remove_stack_networks(engine, project, progress) && ok;
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
