#pragma once
// An operation on one container the observation saw: the planners' common
// start, before each adds its cause, waits and flags.

#include <utility>
#include <vector>

#include "scheduler/observed_container.h"
#include "scheduler/plan.h"

namespace berth::scheduler {

inline Operation operation_on(OperationKind kind, const ObservedContainer& container,
                              std::vector<int> after = {}) {
  Operation op;
  op.kind = kind;
  op.service = container.service;
  op.number = container.number;
  op.name = container.name;
  op.container_id = container.id;
  op.after = std::move(after);
  return op;
}

}  // namespace berth::scheduler
