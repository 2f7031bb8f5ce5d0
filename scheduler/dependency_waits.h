#pragma once
// What `up`, `start` and `restart` share for depends_on conditions: how long
// a wait may last, and the OperationRunner's await that asks the HealthMonitor.

#include <chrono>

#include "compose/model.h"
#include "health/container_record.h"
#include "health/health_monitor.h"
#include "scheduler/operation_runner.h"
#include "scheduler/plan.h"

namespace berth::scheduler {

bool has_awaits(const Plan& plan);

// `wait_timeout` seconds when > 0; else for health the check's own bound
// (health_wait_bound), for completion 10 minutes.
std::chrono::steady_clock::time_point wait_deadline(const compose::Service& service,
                                                    health::Goal goal, int wait_timeout);

OperationRunner::Await await_with(health::HealthMonitor& monitor, const compose::Project& project,
                                  int wait_timeout);

}  // namespace berth::scheduler
