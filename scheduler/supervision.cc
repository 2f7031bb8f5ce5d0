#include "scheduler/supervision.h"

#include <chrono>
#include <map>
#include <memory>
#include <utility>
#include <vector>

#include "health/container_state.h"
#include "health/health_monitor.h"
#include "scheduler/dependency_waits.h"
#include "scheduler/health_specs.h"
#include "scheduler/operation_runner.h"
#include "scheduler/plan_run.h"
#include "scheduler/progress.h"

namespace berth::scheduler {

namespace {

Operation container_op(OperationKind kind, const std::string& service, int number,
                       const std::string& name, const std::string& id, std::string cause,
                       std::vector<int> after) {
  Operation op;
  op.kind = kind;
  op.service = service;
  op.number = number;
  op.name = name;
  op.container_id = id;
  op.cause = std::move(cause);
  op.after = std::move(after);
  return op;
}

// The supervisor's log lines for a heal plan's progress: the same lines
// `berth supervise` printed before heals were plans, which scripts and
// tests look for ("restarted p-db-1", "p-db-1 is healthy again", ...).
class HealLog : public Progress {
 public:
  HealLog(Supervision::Log log, std::string healed)
      : m_log(std::move(log)), m_healed(std::move(healed)) {}

  void planned(const Plan& plan) override {
    for (const auto& op : plan.operations()) {
      if (op.kind == OperationKind::restart_container && op.name != m_healed) {
        m_follower_cause[op.name] = op.cause;
      }
    }
  }
  void step(const std::string&, const std::string& name, const std::string& status) override {
    auto follower = m_follower_cause.find(name);
    if (status == "Restarting" && follower != m_follower_cause.end()) {
      m_log("restarting " + name + " (" + follower->second + ")");
    }
  }
  void warning(const std::string& message) override { m_log(message); }
  void error(const std::string&, const std::string&, const std::string&) override {}
  void finished(const Operation& op, const OperationOutcome& outcome) override {
    const bool failed = outcome.state == OperationOutcome::State::failed;
    if (outcome.state == OperationOutcome::State::skipped) {
      return;
    }
    if (op.kind == OperationKind::restart_container) {
      if (failed) {
        m_log(op.name + ": restart failed: " + outcome.message);
      } else if (op.name == m_healed) {
        m_log("restarted " + op.name);
      }
    } else if (op.kind == OperationKind::await_container && op.name == m_healed) {
      m_log(failed ? op.name + " did not recover: " + outcome.message
                   : op.name + " is healthy again");
    }
  }

 private:
  Supervision::Log m_log;
  std::string m_healed;
  std::map<std::string, std::string> m_follower_cause;  // written before the run only
};

}  // namespace

Plan plan_heal(const health::HealRequest& request, bool known_service,
               const ObservedState& observed) {
  Plan plan;
  int number = 0;
  for (const auto& container : observed.containers) {
    if (container.id == request.container_id) {
      number = container.number;
    }
  }
  const int restarted =
      plan.add(container_op(OperationKind::restart_container, request.service, number, request.name,
                            request.container_id, request.why, {}));
  if (!known_service) {
    return plan;  // a container of no service in the file: nothing to wait for, no followers
  }
  Operation recovered =
      container_op(OperationKind::await_container, request.service, number, request.name,
                   request.container_id, "restarted by supervision", {restarted});
  recovered.condition = compose::DependencyCondition::service_healthy;
  int previous = plan.add(std::move(recovered));
  for (const auto& follower : request.followers) {
    for (const auto& container : observed.containers_of(follower.service)) {
      if (!container.is_up()) {
        continue;  // only what runs is restarted, as `docker restart` of the running ones
      }
      const int restart = plan.add(container_op(
          OperationKind::restart_container, follower.service, container.number, container.name,
          container.id, "depends on \"" + follower.because_of + "\" with restart: true",
          {previous}));
      // Its own followers restart only once it is ready again: running, and
      // healthy if it has a check of any kind (file, image or probe).
      Operation ready = container_op(OperationKind::await_container, follower.service,
                                     container.number, container.name, container.id,
                                     "restarted after \"" + follower.because_of + "\"", {restart});
      ready.condition = compose::DependencyCondition::service_started;
      ready.required = false;
      previous = plan.add(std::move(ready));
    }
  }
  return plan;
}

Supervision::Supervision(engine::Engine& engine, const compose::Project& project,
                         health::SupervisorOptions options, Log log)
    : m_engine(engine),
      m_project(project),
      m_stop_timeout(options.stop_timeout),
      m_log(log),
      m_supervisor(engine, monitored_project(project), std::move(options), log,
                   [this](const health::HealRequest& request) { heal(request); }) {}

void Supervision::heal(const health::HealRequest& request) {
  auto observed = observe(m_engine, m_project.name);
  if (!observed) {
    // The container itself is restarted all the same; its followers cannot be found.
    m_log("cannot list the containers of project \"" + m_project.name +
          "\": " + observed.error().message);
  }
  const Plan plan = plan_heal(request, m_project.find_service(request.service) != nullptr,
                              observed ? *observed : ObservedState{});
  // Marked for the whole heal, so an exit seen meanwhile is not an ending.
  std::vector<std::unique_ptr<health::Supervisor::RestartMark>> marks;
  for (const auto& op : plan.operations()) {
    if (op.kind == OperationKind::restart_container) {
      marks.push_back(std::make_unique<health::Supervisor::RestartMark>(m_supervisor, op.name));
    }
  }
  // service_healthy: the healed container; service_started: a follower, ready again.
  auto await = [this](const Operation& op, const std::string& id) {
    const auto goal = goal_for(op.condition);
    return m_supervisor.monitor().await(
        id, goal, wait_deadline(*m_project.find_service(op.service), goal, 0));
  };
  if (m_planned) {
    m_planned(plan);
  }
  HealLog progress(m_log, request.name);
  OperationRunner runner(m_engine, m_project, progress, m_stop_timeout, {}, await);
  run_plan(plan, runner, progress, {});
}

}  // namespace berth::scheduler
