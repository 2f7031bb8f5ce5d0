#pragma once
// Executor: carries out a Plan on a thread pool, each operation as soon as the
// operations it waits for have succeeded, at most `parallel` at once. It holds
// no decision logic: what an operation does is the caller's `perform`.
// A failed operation skips everything that waits on it, directly or not;
// unrelated branches run to the end.

#include <functional>
#include <string>
#include <vector>

#include "engine/result.h"
#include "scheduler/interruption.h"
#include "scheduler/plan.h"

namespace berth::scheduler {

struct OperationOutcome {
  enum class State { done, failed, skipped };
  int id = 0;
  State state = State::done;
  std::string message;  // failed: the error; skipped: which upstream operation failed
};

struct ExecutionReport {
  std::vector<OperationOutcome> outcomes;  // one per operation, in id order
  bool ok() const;
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

  ExecutionReport run(const Plan& plan, const Perform& perform, const Skipped& skipped = {});

 private:
  int m_parallel;
  const Interruption* m_interruption;
};

}  // namespace berth::scheduler
