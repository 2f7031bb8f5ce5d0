#include "scheduler/plan.h"

namespace berth::scheduler {

std::string to_string(OperationKind kind) {
  switch (kind) {
    case OperationKind::create_network: return "CreateNetwork";
    case OperationKind::create_volume: return "CreateVolume";
    case OperationKind::create_container: return "CreateContainer";
    case OperationKind::start_container: return "StartContainer";
    case OperationKind::stop_container: return "StopContainer";
    case OperationKind::kill_container: return "KillContainer";
    case OperationKind::remove_container: return "RemoveContainer";
    case OperationKind::rename_container: return "RenameContainer";
    case OperationKind::pause_container: return "PauseContainer";
    case OperationKind::unpause_container: return "UnpauseContainer";
    case OperationKind::restart_container: return "RestartContainer";
    case OperationKind::remove_network: return "RemoveNetwork";
    case OperationKind::remove_volume: return "RemoveVolume";
    case OperationKind::remove_image: return "RemoveImage";
    case OperationKind::await_container: return "AwaitContainer";
    case OperationKind::reload_container: return "ReloadContainer";
    case OperationKind::remove_late_containers: return "RemoveLateContainers";
    case OperationKind::create_service: return "CreateService";
    case OperationKind::update_service: return "UpdateService";
    case OperationKind::remove_service: return "RemoveService";
    case OperationKind::await_service: return "AwaitService";
  }
  return "Unknown";
}

int Plan::add(Operation operation) {
  operation.id = static_cast<int>(m_operations.size()) + 1;
  m_operations.push_back(std::move(operation));
  return m_operations.back().id;
}

namespace {

std::string subject(const Operation& op) {
  switch (op.kind) {
    case OperationKind::create_network:
    case OperationKind::remove_network: return "network:" + op.name;
    case OperationKind::create_volume:
    case OperationKind::remove_volume: return "volume:" + op.name;
    case OperationKind::remove_image: return "image:" + op.name;
    case OperationKind::remove_late_containers: return "project:" + op.name;
    case OperationKind::create_service:
    case OperationKind::update_service:
    case OperationKind::remove_service:
    case OperationKind::await_service: return "swarm-service:" + op.name;
    default: return "service:" + op.service + ":" + std::to_string(op.number);
  }
}

}  // namespace

std::string Plan::to_string() const {
  std::string text;
  for (const auto& op : m_operations) {
    std::string after;
    for (int id : op.after) {
      after += (after.empty() ? "" : " ") + std::string(op.only_after_failure ? "!" : "") +
               std::to_string(id);
    }
    for (int id : op.after_settled) {
      after += (after.empty() ? "~" : " ~") + std::to_string(id);
    }
    text += "[" + after + "] -> #" + std::to_string(op.id) + " " + subject(op) + ", " +
            scheduler::to_string(op.kind) + ", " + op.cause + "\n";
  }
  return text;
}

}  // namespace berth::scheduler
