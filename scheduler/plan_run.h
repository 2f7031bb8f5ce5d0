#pragma once
// run_plan: the one way a verb changes the engine once it has a plan. The
// plan is reported first (Progress::planned: --dry-run prints it, --progress
// json writes it); with dry_run that is all. Otherwise the Executor carries it
// out, the runner performing each operation, and every finished, failed or
// skipped operation is reported (Progress::finished).

#include "scheduler/executor.h"
#include "scheduler/interruption.h"
#include "scheduler/operation_runner.h"
#include "scheduler/plan.h"
#include "scheduler/progress.h"

namespace berth::scheduler {

struct PlanRun {
  int parallel = 64;                        // operations at once
  const Interruption* interruption = nullptr;  // see Executor
  bool dry_run = false;                     // report the plan, carry nothing out
};

// A dry run's report has no outcomes, so it is ok().
ExecutionReport run_plan(const Plan& plan, OperationRunner& runner, Progress& progress,
                         const PlanRun& how);

}  // namespace berth::scheduler
