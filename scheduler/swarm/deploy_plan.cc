#include "scheduler/swarm/deploy_plan.h"

#include <algorithm>
#include <memory>
#include <set>

#include "scheduler/swarm/swarm_spec.h"

namespace berth::scheduler {

std::vector<const compose::NetworkDecl*> stack_networks(const compose::Project& project,
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

namespace {

// The project's name for a stack's service ("web" for "shop_web"), else the swarm's.
std::string service_of(const compose::Project& project, const std::string& swarm_name) {
  std::string prefix = project.name + "_";
  return swarm_name.rfind(prefix, 0) == 0 ? swarm_name.substr(prefix.size()) : swarm_name;
}

const engine::ServiceSummary* find_service(const SwarmObservation& observed,
                                           const std::string& swarm_name) {
  for (const engine::ServiceSummary& summary : observed.services) {
    if (summary.name == swarm_name) {
      return &summary;
    }
  }
  return nullptr;
}

LinkedContainer linked_service(const compose::Project& project, const std::string& target,
                               const compose::Service& dependent,
                               const SwarmObservation& observed) {
  const compose::Service& service = *project.find_service(target);
  static const engine::ImageDetails k_unknown_image;
  auto image = observed.images.find(service.image);
  const engine::ImageDetails& details =
      image == observed.images.end() ? k_unknown_image : image->second;
  LinkedContainer linked = link_target_of(service, details.exposed_ports, details.env);
  linked.name = swarm_service_name(project, target);
  linked.ip = target;
  const engine::ServiceSummary* summary = find_service(observed, linked.name);
  if (summary == nullptr) {
    return linked;
  }
  std::set<std::string> shared;
  for (const compose::ServiceNetwork& joined : dependent.networks) {
    if (const compose::NetworkDecl* decl = project.find_network(joined.key)) {
      shared.insert(decl->name);
    }
  }
  for (const engine::ServiceVirtualIp& vip : summary->virtual_ips) {
    for (const engine::NetworkSummary& network : observed.networks) {
      if (network.id == vip.network_id && shared.count(network.name) != 0) {
        linked.ip = vip.address.substr(0, vip.address.find('/'));
        return linked;
      }
    }
  }
  return linked;
}

// The condition each dependency of `service` must reach before it is created
// or updated: depends_on's condition, and running for a link.
std::map<std::string, compose::DependencyCondition> gates_of(const compose::Service& service) {
  std::map<std::string, compose::DependencyCondition> gates;
  for (const compose::Link& link : service.links) {
    gates.emplace(link.service, compose::DependencyCondition::service_started);
  }
  for (const compose::Dependency& dependency : service.depends_on) {
    bool completed =
        dependency.condition == compose::DependencyCondition::service_completed_successfully;
    gates[dependency.service] =
        completed ? compose::DependencyCondition::service_completed_successfully : compose::DependencyCondition::service_started;
  }
  return gates;
}

class DeployPlanner {
 public:
  DeployPlanner(const compose::Project& project, const SwarmObservation& observed,
                const DeployPlanOptions& options)
      : m_project(project), m_observed(observed), m_options(options) {}

  void plan_networks(const std::vector<std::string>& active) {
    for (const compose::NetworkDecl* network : stack_networks(m_project, active)) {
      bool found = std::any_of(m_observed.networks.begin(), m_observed.networks.end(),
                               [&](const auto& summary) { return summary.name == network->name; });
      if (network->external || found) {
        continue;
      }
      Operation op;
      op.kind = OperationKind::create_network;
      op.name = network->name;
      op.overlay = true;
      op.cause = "no overlay network " + network->name;
      m_networks[network->name] = m_result.plan.add(std::move(op));
    }
  }

  // A create or update of `name`, or nothing when its spec is unchanged.
  void plan_service(const std::string& name, const std::vector<std::string>& active) {
    const compose::Service& service = *m_project.find_service(name);
    auto spec = std::make_shared<const engine::ServiceSpec>(
        swarm_service_spec(m_project, service, linked_services(m_project, service, m_observed)));
    m_specs[name] = spec;
    Operation op;
    op.service = name;
    op.name = spec->name;
    op.service_spec = spec;
    const engine::ServiceSummary* deployed = find_service(m_observed, spec->name);
    if (deployed == nullptr) {
      op.kind = OperationKind::create_service;
      op.cause = "no service " + spec->name;
    } else {
      auto hash = deployed->labels.find(labels::k_config_hash);
      if (hash != deployed->labels.end() && hash->second == spec->labels.at(labels::k_config_hash)) {
        m_result.unchanged.push_back(spec->name);
        return;
      }
      op.kind = OperationKind::update_service;
      op.service_id = deployed->id;
      op.service_version = deployed->version;
      op.cause = "its spec changed";
    }
    op.after = gates(service, active);
    m_deploys[name] = m_result.plan.add(std::move(op));
  }

  // --prune: the stack's services that are not active, once all else succeeded.
  void plan_prune(const std::vector<std::string>& active) {
    std::vector<int> everything;
    for (const Operation& op : m_result.plan.operations()) {
      everything.push_back(op.id);
    }
    std::vector<const engine::ServiceSummary*> services;
    for (const engine::ServiceSummary& summary : m_observed.services) {
      services.push_back(&summary);
    }
    std::sort(services.begin(), services.end(),
              [](const auto* a, const auto* b) { return a->name < b->name; });
    for (const engine::ServiceSummary* summary : services) {
      bool wanted = std::any_of(active.begin(), active.end(), [&](const std::string& name) {
        return swarm_service_name(m_project, name) == summary->name;
      });
      if (wanted) {
        continue;
      }
      Operation op;
      op.kind = OperationKind::remove_service;
      op.name = summary->name;
      op.service = service_of(m_project, summary->name);
      op.service_id = summary->id;
      op.cause = "not in the project (--prune)";
      op.after = everything;
      m_result.plan.add(std::move(op));
    }
  }

  // The one await_service of `name`, made on first need.
  int await(const std::string& name, compose::DependencyCondition condition, const std::string& cause) {
    auto found = m_awaits.find(name);
    if (found != m_awaits.end()) {
      return found->second;
    }
    Operation op;
    op.kind = OperationKind::await_service;
    op.service = name;
    op.name = swarm_service_name(m_project, name);
    op.condition = condition;
    op.cause = cause;
    auto spec = m_specs.find(name);
    if (spec != m_specs.end()) {
      op.service_spec = spec->second;  // its restart policy tells a failure
    }
    if (const engine::ServiceSummary* deployed = find_service(m_observed, op.name)) {
      op.service_id = deployed->id;
    }
    auto deploy = m_deploys.find(name);
    if (deploy != m_deploys.end()) {
      op.after.push_back(deploy->second);
    }
    return m_awaits[name] = m_result.plan.add(std::move(op));
  }

  DeployPlanning take() { return std::move(m_result); }

 private:
  // What a create or update of `service` waits on: the networks made for
  // it, and each active dependency (ready, or only created with detach).
  std::vector<int> gates(const compose::Service& service, const std::vector<std::string>& active) {
    std::vector<int> after;
    for (const compose::ServiceNetwork& joined : service.networks) {
      const compose::NetworkDecl* decl = m_project.find_network(joined.key);
      auto made = decl == nullptr ? m_networks.end() : m_networks.find(decl->name);
      if (made != m_networks.end() &&
          std::find(after.begin(), after.end(), made->second) == after.end()) {
        after.push_back(made->second);
      }
    }
    for (const auto& [dependency, condition] : gates_of(service)) {
      if (std::find(active.begin(), active.end(), dependency) == active.end()) {
        continue;
      }
      if (!m_options.detach) {
        after.push_back(await(dependency, condition, service.name + " depends on it"));
        continue;
      }
      auto deploy = m_deploys.find(dependency);
      if (deploy != m_deploys.end()) {
        after.push_back(deploy->second);
      }
    }
    std::sort(after.begin(), after.end());
    return after;
  }

  const compose::Project& m_project;
  const SwarmObservation& m_observed;
  const DeployPlanOptions& m_options;
  DeployPlanning m_result;
  std::map<std::string, int> m_networks;  // network name -> its create_network
  std::map<std::string, int> m_deploys;   // service -> its create or update_service
  std::map<std::string, int> m_awaits;    // service -> its await_service
  std::map<std::string, std::shared_ptr<const engine::ServiceSpec>> m_specs;
};

}  // namespace

std::map<std::string, LinkedContainer> linked_services(const compose::Project& project,
                                                       const compose::Service& service,
                                                       const SwarmObservation& observed) {
  std::map<std::string, LinkedContainer> linked;
  for (const compose::Link& link : service.links) {
    linked.emplace(link.service, linked_service(project, link.service, service, observed));
  }
  return linked;
}

DeployPlanning plan_deploy(const compose::Project& project, const DependencyGraph& graph,
                           const std::vector<std::string>& active,
                           const SwarmObservation& observed, const DeployPlanOptions& options) {
  DeployPlanner planner(project, observed, options);
  planner.plan_networks(active);
  std::vector<std::string> order;
  for (const std::string& name : graph.start_order()) {
    if (std::find(active.begin(), active.end(), name) != active.end()) {
      order.push_back(name);
      planner.plan_service(name, active);
    }
  }
  if (options.prune) {
    planner.plan_prune(active);
  }
  if (options.wait) {
    for (const std::string& name : order) {
      planner.await(name, compose::DependencyCondition::service_started, "--wait");
    }
  }
  return planner.take();
}

Plan plan_undeploy(const compose::Project& project, const SwarmObservation& observed) {
  Plan plan;
  std::vector<int> removals;
  for (const engine::ServiceSummary& service : observed.services) {
    Operation op;
    op.kind = OperationKind::remove_service;
    op.name = service.name;
    op.service = service_of(project, service.name);
    op.service_id = service.id;
    op.cause = "undeploy";
    removals.push_back(plan.add(std::move(op)));
  }
  for (const engine::NetworkSummary& network : observed.networks) {
    Operation op;
    op.kind = OperationKind::remove_network;
    op.name = network.name;
    op.network_id = network.id;
    op.overlay = true;
    op.runs_after_failure = true;
    op.cause = "undeploy";
    op.after = removals;
    plan.add(std::move(op));
  }
  return plan;
}

}  // namespace berth::scheduler
