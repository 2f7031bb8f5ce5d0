#include "scheduler/dependency_waits.h"

namespace berth::scheduler {

bool has_awaits(const Plan& plan) {
  for (const auto& op : plan.operations()) {
    if (op.kind == OperationKind::await_container) {
      return true;
    }
  }
  return false;
}

std::chrono::steady_clock::time_point wait_deadline(const compose::Service& service,
                                                    health::Goal goal, int wait_timeout) {
  const auto now = std::chrono::steady_clock::now();
  if (wait_timeout > 0) {
    return now + std::chrono::seconds(wait_timeout);
  }
  if (goal == health::Goal::completed_successfully) {
    return now + std::chrono::minutes(10);
  }
  return now + health::health_wait_bound(service);
}

OperationRunner::Await await_with(health::HealthMonitor& monitor, const compose::Project& project,
                                  int wait_timeout) {
  return [&monitor, &project, wait_timeout](const Operation& op, const std::string& id) {
    const auto goal = op.condition == AwaitCondition::healthy
                          ? health::Goal::healthy
                          : health::Goal::completed_successfully;
    return monitor.await(id, goal,
                         wait_deadline(*project.find_service(op.service), goal, wait_timeout));
  };
}

}  // namespace berth::scheduler
