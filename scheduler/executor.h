#pragma once
// Executor: carries out a Plan on a thread pool, each operation as soon as the
// operations it waits for have succeeded, at most `parallel` at once. It holds
// no decision logic: what an operation does is the caller's `perform`.
// A failed operation skips everything that waits on it, directly or not;
// unrelated branches run to the end. Exceptions, each the operation's own:
// runs_after_failure, only_after_failure, after_settled, delay_ns (plan.h).

#include <functional>
#include <string>
#include <vector>

#include "engine/result.h"
#include "scheduler/interruption.h"
#include "scheduler/plan.h"

namespace berth::scheduler {

struct OperationOutcome {
  // not_needed: an only_after_failure operation whose predecessors all succeeded.
  enum class State { done, failed, skipped, not_needed };
  int id = 0;
  State state = State::done;
  std::string message;  // failed: the error; skipped: which upstream operation failed
};

struct ExecutionReport {
  std::vector<OperationOutcome> outcomes;  // one per operation, in id order
  bool ok() const;  // every operation done or not needed
  std::vector<OperationOutcome> failures() const;  // failed and skipped ones
};

class Executor {
 public:
  using Perform = std::function<engine::Status(const Operation&)>;
  // Called once per skipped operation, with the reason.
  using Skipped = std::function<void(const Operation&, const std::string& reason)>;

  // With `interruption`: once it is requested, operations not yet begun are
  // skipped ("interrupted"); those in flight finish, and so do the operations
  // marked finish_when_interrupted (the rest of a recreate already begun).
  explicit Executor(int parallel, const Interruption* interruption = nullptr)
      : m_parallel(parallel < 1 ? 1 : parallel), m_interruption(interruption) {}

  // Called once per operation found not needed (Operation::only_after_failure).
  using NotNeeded = std::function<void(const Operation&)>;

  ExecutionReport run(const Plan& plan, const Perform& perform, const Skipped& skipped = {},
                      const NotNeeded& not_needed = {});

 private:
  int m_parallel;
  const Interruption* m_interruption;
};

}  // namespace berth::scheduler
