#pragma once
// When a swarm service counts as ready for its dependents (`berth deploy`):
// every task it wants is running. Swarm reports a task with a health check
// "starting" until the check passes, so "running" means healthy there; that
// also holds on a multi-node swarm, where berth cannot inspect other nodes'
// containers.

#include <chrono>
#include <string>
#include <vector>

#include "compose/dependency_condition.h"
#include "engine/engine.h"

namespace berth::scheduler {

enum class SwarmVerdict { waiting, ready, failed };

// What one look at a service and its tasks says; `why` explains a failure
// (the task's error), or what is still awaited.
struct SwarmJudgement {
  SwarmVerdict verdict = SwarmVerdict::waiting;
  std::string why;
};

// Pure. A replicated service is ready with `replicas` running tasks (none
// shut down meanwhile by a rolling update still in progress), a global one
// when every task meant to run does (service_started and service_healthy
// alike); service_completed_successfully wants as many tasks complete. It
// has failed when its update paused or rolled back, when a task failed and
// the restart policy will not start another (`restarts` false), or
// after `k_rejections_to_fail` tasks were rejected (a missing image, a
// placement no node satisfies: swarm would retry for ever).
inline constexpr int k_rejections_to_fail = 3;
SwarmJudgement judge_service(const engine::ServiceSummary& service,
                             const std::vector<engine::TaskSummary>& tasks,
                             compose::DependencyCondition goal, bool restarts);

// Asks the engine every `poll` until judge_service() says ready (ok) or
// failed, or `deadline` passes (an Error of code timeout saying what is
// still awaited). Tasks that had already failed when the wait began are left
// out: they are an earlier deploy's.
engine::Status wait_for_service(engine::Engine& engine, const std::string& service_id,
                                compose::DependencyCondition goal, bool restarts,
                                std::chrono::steady_clock::time_point deadline,
                                std::chrono::milliseconds poll);

}  // namespace berth::scheduler
