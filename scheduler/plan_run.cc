#include "scheduler/plan_run.h"

namespace berth::scheduler {

ExecutionReport run_plan(const Plan& plan, OperationRunner& runner, Progress& progress,
                         const PlanRun& how) {
  progress.planned(plan);
  if (how.dry_run || plan.empty()) {
    return {};
  }
  Executor executor(how.parallel, how.interruption);
  return executor.run(
      plan,
      [&](const Operation& op) {
        auto status = runner.perform(op);
        OperationOutcome outcome;
        outcome.id = op.id;
        if (!status) {
          outcome.state = OperationOutcome::State::failed;
          outcome.message = status.error().message;
        }
        progress.finished(op, outcome);
        return status;
      },
      [&](const Operation& op, const std::string& reason) {
        runner.skipped(op, reason);
        progress.finished(op, {op.id, OperationOutcome::State::skipped, reason});
      },
      [&](const Operation& op) {
        progress.finished(op, {op.id, OperationOutcome::State::not_needed, ""});
      });
}

}  // namespace berth::scheduler
