#include "scheduler/swarm/swarm_actions.h"

#include <thread>

#include "scheduler/images/image_transfer.h"
#include "scheduler/swarm/swarm_readiness.h"
#include "scheduler/swarm/swarm_spec.h"

namespace berth::scheduler {

namespace {

// How long undeploy waits for the stack's tasks to let go of its networks.
constexpr std::chrono::seconds k_network_release_bound{60};
constexpr std::chrono::milliseconds k_release_poll{250};

bool restarts(const engine::ServiceSpec& spec) {
  return !spec.restart_policy || spec.restart_policy->condition != "none";
}

}  // namespace

engine::LabelFilter stack_filter(const compose::Project& project) {
  return {std::string(labels::k_stack_namespace) + "=" + project.name};
}

engine::Status SwarmActions::perform(const Operation& op) {
  switch (op.kind) {
    case OperationKind::create_network: return create_network(op);
    case OperationKind::remove_network: return remove_network(op);
    case OperationKind::create_service:
    case OperationKind::update_service: return apply(op);
    case OperationKind::remove_service: return remove_service(op);
    case OperationKind::await_service: return await(op);
    default: break;
  }
  return engine::Error{engine::ErrorCode::bad_request, 0, "not a swarm operation"};
}

engine::Status SwarmActions::create_network(const Operation& op) {
  for (const compose::NetworkDecl& network : m_project.networks) {
    if (network.name == op.name) {
      auto created = m_engine.create_network(swarm_network_create(m_project, network));
      return created ? engine::Status(engine::Done{}) : engine::Status(created.error());
    }
  }
  return engine::Error{engine::ErrorCode::not_found, 0, "network not declared in the project"};
}

// The stack's containers on this node go some time after their service, and
// hold their network endpoints until then.
void SwarmActions::await_containers_gone() {
  auto deadline = std::chrono::steady_clock::now() + k_network_release_bound;
  while (std::chrono::steady_clock::now() < deadline) {
    auto containers = m_engine.list_containers(stack_filter(m_project), true);
    if (!containers || containers->empty()) {
      return;
    }
    std::this_thread::sleep_for(k_release_poll);
  }
}

engine::Status SwarmActions::remove_network(const Operation& op) {
  std::call_once(m_containers_gone, [this] { await_containers_gone(); });
  auto deadline = std::chrono::steady_clock::now() + k_network_release_bound;
  while (true) {
    auto removed = engine::gone_is_done(
        m_engine.remove_network(op.network_id.empty() ? op.name : op.network_id));
    if (removed) {
      return removed;
    }
    // A task still shutting down holds its endpoint for a moment.
    if (std::chrono::steady_clock::now() + k_release_poll > deadline) {
      return removed;
    }
    std::this_thread::sleep_for(k_release_poll);
  }
}

engine::Status SwarmActions::remove_service(const Operation& op) {
  return engine::gone_is_done(m_engine.remove_service(op.service_id));
}

engine::Status SwarmActions::apply(const Operation& op) {
  engine::ServiceSpec spec = spec_to_send(op);
  std::string auth;
  if (auto found = registry_auth_for(spec.image, m_progress)) {
    auth = *found;
  }
  if (op.kind == OperationKind::update_service) {
    return m_engine.update_service(op.service_id, op.service_version, spec, auth);
  }
  auto created = m_engine.create_service(spec, auth);
  if (!created) {
    return created.error();
  }
  std::lock_guard lock(m_mutex);
  m_created[spec.name] = *created;
  return engine::Done{};
}

// The planned spec, but with link addresses as they are now: a linked
// service's virtual IP exists only once that service does.
engine::ServiceSpec SwarmActions::spec_to_send(const Operation& op) {
  const compose::Service& service = *m_project.find_service(op.service);
  if (service.links.empty()) {
    return *op.service_spec;
  }
  SwarmObservation now;
  now.images = m_observed.images;
  auto networks = m_engine.list_networks({});
  now.networks = networks ? std::move(networks.value()) : m_observed.networks;
  for (const compose::Link& link : service.links) {
    std::string id = id_of(swarm_service_name(m_project, link.service));
    if (id.empty()) {
      continue;
    }
    if (auto summary = m_engine.inspect_service(id)) {
      now.services.push_back(std::move(summary.value()));
    }
  }
  return swarm_service_spec(m_project, service, linked_services(m_project, service, now));
}

engine::Status SwarmActions::await(const Operation& op) {
  std::string id = op.service_id.empty() ? id_of(op.name) : op.service_id;
  if (id.empty()) {
    return engine::Error{engine::ErrorCode::not_found, 0, "not deployed"};
  }
  auto deadline = std::chrono::steady_clock::now() + m_waits.timeout;
  bool may_restart = op.service_spec == nullptr || restarts(*op.service_spec);
  return wait_for_service(m_engine, id, op.condition, may_restart, deadline,
                          m_waits.poll_interval);
}

// A service's ID: made by this plan, else as observed.
std::string SwarmActions::id_of(const std::string& swarm_name) {
  {
    std::lock_guard lock(m_mutex);
    auto created = m_created.find(swarm_name);
    if (created != m_created.end()) {
      return created->second;
    }
  }
  for (const engine::ServiceSummary& summary : m_observed.services) {
    if (summary.name == swarm_name) {
      return summary.id;
    }
  }
  return "";
}

}  // namespace berth::scheduler
