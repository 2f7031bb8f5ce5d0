#pragma once
// Supervision of a running project, for `berth supervise` and attached `up`.
// health::Supervisor decides: which container turned unhealthy, when its
// backoff is over, which services follow it (restart: true). Each decision
// comes here as a health::HealRequest, becomes a Plan (plan_heal) and is
// carried out by run_plan with an OperationRunner, as every verb changes the
// engine.

#include <functional>
#include <string>
#include <utility>

#include "compose/model.h"
#include "engine/engine.h"
#include "health/supervisor.h"
#include "scheduler/observed_state.h"
#include "scheduler/plan.h"

namespace berth::scheduler {

// One heal: restart the container; once it is healthy again (when it belongs
// to a service of the project), restart the followers' running containers in
// turn, each awaited ready (running, and healthy if it has a check) before
// the next. A follower's await is not required: one that does not recover is
// reported and the next is restarted all the same.
Plan plan_heal(const health::HealRequest& request, bool known_service,
               const ObservedState& observed);

class Supervision {
 public:
  using Log = health::Supervisor::Log;  // one line per thing done or noticed

  Supervision(engine::Engine& engine, const compose::Project& project,
              health::SupervisorOptions options, Log log);

  // As health::Supervisor's: until stop(); an error only when it cannot watch.
  engine::Status run() { return m_supervisor.run(); }
  void stop() { m_supervisor.stop(); }
  bool restarting(const std::string& name) { return m_supervisor.restarting(name); }

  // Told each heal's plan before it is carried out (tests); set before run().
  void on_plan(std::function<void(const Plan&)> planned) { m_planned = std::move(planned); }

 private:
  void heal(const health::HealRequest& request);

  engine::Engine& m_engine;
  const compose::Project& m_project;
  int m_stop_timeout;
  Log m_log;
  std::function<void(const Plan&)> m_planned;
  // Last: its thread calls heal(), which uses the members above.
  health::Supervisor m_supervisor;
};

}  // namespace berth::scheduler
