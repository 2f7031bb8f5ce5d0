#pragma once
// What `up`, `start` and `restart` share for depends_on conditions: how long
// a wait may last, the OperationRunner's await that asks the HealthMonitor,
// and `up --wait`.

#include <chrono>
#include <string>
#include <vector>

#include "compose/model.h"
#include "health/container_record.h"
#include "health/health_monitor.h"
#include "scheduler/operation_runner.h"
#include "scheduler/plan.h"
#include "scheduler/progress.h"

namespace berth::scheduler {

bool has_awaits(const Plan& plan);

// What an await_container operation's condition asks of the HealthMonitor:
// healthy, exited 0, or (service_started, supervision's followers) ready:
// running, and healthy if it has a check.
health::Goal goal_for(compose::DependencyCondition condition);

// `wait_timeout` seconds when > 0; else for health the check's own bound
// (health_wait_bound), for completion 10 minutes.
std::chrono::steady_clock::time_point wait_deadline(const compose::Service& service,
                                                    health::Goal goal, int wait_timeout);

// `up --wait`: every container of `services` must be running, and healthy
// where it has a check (a one-shot service_completed_successfully dependency:
// exited 0). All are waited for at once; each failure is reported.
bool wait_until_ready(engine::Engine& engine, health::HealthMonitor& monitor,
                      const compose::Project& project, const std::vector<std::string>& services,
                      int wait_timeout, Progress& progress);

OperationRunner::Await await_with(health::HealthMonitor& monitor, const compose::Project& project,
                                  int wait_timeout);

}  // namespace berth::scheduler
