#include "scheduler/dependency_awaits.h"

namespace berth::scheduler {

std::vector<int> add_dependency_awaits(Plan& plan, const compose::Service& service,
                                       const AwaitCandidates& candidates) {
  std::vector<int> awaits;
  for (const auto& dependency : service.depends_on) {
    if (dependency.condition == compose::DependencyCondition::service_started) {
      continue;
    }
    for (const auto& container : candidates(dependency.service)) {
      Operation op;
      op.kind = OperationKind::await_container;
      op.service = dependency.service;
      op.number = container.number;
      op.name = container.name;
      op.container_id = container.container_id;
      op.condition = dependency.condition;
      op.required = dependency.required;
      op.cause = "needed by \"" + service.name + "\": " + compose::to_string(dependency.condition) +
                 (dependency.required ? "" : ", required: false");
      if (container.start) {
        op.after = {container.start};
      }
      awaits.push_back(plan.add(std::move(op)));
    }
  }
  return awaits;
}

}  // namespace berth::scheduler
