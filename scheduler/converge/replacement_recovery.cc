#include "scheduler/converge/replacement_recovery.h"

#include <map>
#include <set>

#include "scheduler/container_naming.h"
#include "scheduler/container_operation.h"

namespace berth::scheduler {

namespace {

bool done(const ExecutionReport& report, int id) {
  return report.outcomes.at(id - 1).state == OperationOutcome::State::done;
}

Operation on_leftover(OperationKind kind, const ObservedContainer& container,
                      const std::string& proper) {
  Operation op = operation_on(kind, container);
  op.hooks = false;
  op.cause = "left under a temporary name by an interrupted recreate of " + proper;
  return op;
}

void add_removal(Plan& plan, const ObservedContainer& container, const std::string& proper) {
  std::vector<int> after;
  if (container.is_up()) {
    after.push_back(plan.add(on_leftover(OperationKind::stop_container, container, proper)));
  }
  Operation remove = on_leftover(OperationKind::remove_container, container, proper);
  remove.cause = proper + " is kept; this leftover of an interrupted recreate goes";
  remove.after = after;
  plan.add(std::move(remove));
}

}  // namespace

Plan plan_name_repairs(const ObservedState& observed) {
  std::set<std::string> held;  // proper names in use
  std::map<std::string, std::vector<const ObservedContainer*>> leftovers;
  for (const auto& container : observed.containers) {
    if (auto proper = name_after_replacement(container.name)) {
      leftovers[*proper].push_back(&container);
    } else {
      held.insert(container.name);
    }
  }
  Plan plan;
  for (const auto& [proper, containers] : leftovers) {
    const ObservedContainer* keeper = nullptr;
    if (!held.count(proper)) {
      keeper = containers.front();
      for (const auto* container : containers) {
        if (container->is_up() && !keeper->is_up()) {
          keeper = container;
        }
      }
    }
    for (const auto* container : containers) {
      if (container != keeper) {
        add_removal(plan, *container, proper);
        continue;
      }
      Operation rename = on_leftover(OperationKind::rename_container, *container, proper);
      rename.display_name = container->name;
      rename.name = proper;  // the name it takes
      plan.add(std::move(rename));
    }
  }
  return plan;
}

Plan plan_unused_replacement_removal(const Plan& plan, const ExecutionReport& report) {
  Plan removal;
  for (const auto& create : plan.operations()) {
    if (create.kind != OperationKind::create_container || create.replaces.empty() ||
        !done(report, create.id)) {
      continue;
    }
    bool stopped = false;  // the old container's stop ran: the unit went on
    bool cleaned = false;  // a failed start-first replacement's removal ran
    for (const auto& op : plan.operations()) {
      stopped = stopped || (op.kind == OperationKind::stop_container &&
                            op.container_id == create.replaces && done(report, op.id));
      cleaned = cleaned || (op.kind == OperationKind::remove_container && op.only_after_failure &&
                            op.name == create.name && done(report, op.id));
    }
    if (stopped || cleaned) {
      continue;
    }
    Operation remove;
    remove.kind = OperationKind::remove_container;
    remove.service = create.service;
    remove.number = create.number;  // the runner knows the ID it made for this slot
    remove.name = create.name;
    remove.display_name = create.display_name;
    remove.force = true;  // a start-first replacement runs, never having served
    remove.cause = "replacement not used: its predecessor was never stopped";
    removal.add(std::move(remove));
  }
  return removal;
}

}  // namespace berth::scheduler
