#include "scheduler/dependency_waits.h"

#include <chrono>
#include <mutex>
#include <set>
#include <thread>

#include "scheduler/health_specs.h"
#include "scheduler/observed_state.h"

namespace {

// How long a container without a health check must stay running for
// `up --wait` to count it ready.
constexpr std::chrono::milliseconds k_running_settle{500};

}  // namespace

namespace berth::scheduler {

bool has_awaits(const Plan& plan) {
  for (const auto& op : plan.operations()) {
    if (op.kind == OperationKind::await_container) {
      return true;
    }
  }
  return false;
}

health::Goal goal_for(compose::DependencyCondition condition) {
  switch (condition) {
    case compose::DependencyCondition::service_healthy:
      return health::Goal::healthy;
    case compose::DependencyCondition::service_completed_successfully:
      return health::Goal::completed_successfully;
    case compose::DependencyCondition::service_started:
      return health::Goal::ready;
  }
  return health::Goal::ready;
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
  return now + health::health_wait_bound(service_health_spec(service));
}

OperationRunner::Await await_with(health::HealthMonitor& monitor, const compose::Project& project,
                                  int wait_timeout) {
  return [&monitor, &project, wait_timeout](const Operation& op, const std::string& id) {
    const auto goal = goal_for(op.condition);
    auto reached =
        monitor.await(id, goal, wait_deadline(*project.find_service(op.service), goal, wait_timeout));
    if (!reached || op.monitor_ns <= 0) {
      return reached;
    }
    return monitor.hold(id, goal, std::chrono::nanoseconds(op.monitor_ns));
  };
}

// --wait: every container of the services brought up must be running, and
// healthy where it has a health check. All are waited for at once.
bool wait_until_ready(engine::Engine& engine, health::HealthMonitor& monitor,
                      const compose::Project& project, const std::vector<std::string>& services,
                      int wait_timeout, Progress& progress) {
  auto observed = observe(engine, project.name);
  if (!observed) {
    progress.error("Project", project.name, observed.error().message);
    return false;
  }
  // A one-shot dependency (service_completed_successfully) is ready once it
  // has exited with 0, as its dependents saw it.
  std::set<std::string> one_shot;
  for (const auto& name : services) {
    for (const auto& dependency : project.find_service(name)->depends_on) {
      if (dependency.condition == compose::DependencyCondition::service_completed_successfully) {
        one_shot.insert(dependency.service);
      }
    }
  }
  std::vector<std::thread> waiters;
  std::mutex mutex;
  bool ok = true;
  for (const auto& name : services) {
    const auto& service = *project.find_service(name);
    const auto goal =
        one_shot.count(name) ? health::Goal::completed_successfully : health::Goal::ready;
    for (const auto& container : observed->containers_of(name)) {
      waiters.emplace_back([&, container, goal] {
        const auto deadline = wait_deadline(service, goal, wait_timeout);
        progress.step("Container", container.name, "Waiting");
        auto status = monitor.await(container.id, goal, deadline);
        const bool checked = !monitor.record(container.id).health.empty();
        if (status && goal == health::Goal::ready && !checked) {
          // Without a health check, "ready" is "running"; one that exits at
          // once may still look running just after its start: look again.
          std::this_thread::sleep_for(k_running_settle);
          status = monitor.await(container.id, goal, deadline);
        }
        if (status) {
          progress.step("Container", container.name,
                        goal == health::Goal::completed_successfully ? "Exited"
                        : checked                                    ? "Healthy"
                                                                     : "Running");
          return;
        }
        progress.error("Container", container.name,
                       "service \"" + service.name + "\": " + status.error().message);
        std::lock_guard lock(mutex);
        ok = false;
      });
    }
  }
  for (auto& waiter : waiters) {
    waiter.join();
  }
  return ok;
}

}  // namespace berth::scheduler
