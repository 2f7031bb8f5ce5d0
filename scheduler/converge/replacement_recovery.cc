#include "scheduler/converge/replacement_recovery.h"

#include <map>
#include <set>

#include "health/container_state.h"
#include "scheduler/container_naming.h"
#include "scheduler/labels.h"

namespace berth::scheduler {

namespace {

bool is_running(const engine::ContainerSummary& container) {
  return health::is_up(health::parse_container_state(container.state));
}

NameRepair repair_of(const engine::ContainerSummary& container, const std::string& proper,
                     NameRepair::Action action) {
  return {action, container.id, container.name, proper, is_running(container)};
}

bool done(const ExecutionReport& report, int id) {
  return report.outcomes.at(id - 1).state == OperationOutcome::State::done;
}

}  // namespace

std::vector<NameRepair> plan_name_repairs(const ObservedState& observed) {
  std::set<std::string> held;  // proper names in use
  std::map<std::string, std::vector<const engine::ContainerSummary*>> leftovers;
  for (const auto& container : observed.containers) {
    if (auto proper = name_after_replacement(container.name)) {
      leftovers[*proper].push_back(&container);
    } else {
      held.insert(container.name);
    }
  }
  std::vector<NameRepair> repairs;
  for (const auto& [proper, containers] : leftovers) {
    const engine::ContainerSummary* keeper = nullptr;
    if (!held.count(proper)) {
      keeper = containers.front();
      for (const auto* container : containers) {
        if (is_running(*container) && !is_running(*keeper)) {
          keeper = container;
        }
      }
    }
    for (const auto* container : containers) {
      repairs.push_back(repair_of(*container, proper,
                                  container == keeper ? NameRepair::Action::rename
                                                      : NameRepair::Action::remove));
    }
  }
  return repairs;
}

bool repair_names(engine::Engine& engine, const std::vector<NameRepair>& repairs,
                  Progress& progress) {
  bool ok = true;
  for (const auto& repair : repairs) {
    engine::Status status = engine::Done{};
    if (repair.action == NameRepair::Action::rename) {
      progress.step("Container", repair.name, "Renaming to " + repair.proper_name);
      status = engine.rename_container(repair.container_id, repair.proper_name);
    } else {
      progress.step("Container", repair.name, "Removing (" + repair.proper_name + " is kept)");
      if (repair.running) {
        status = engine.stop_container(repair.container_id, 10);
      }
      if (status) {
        status = engine.remove_container(repair.container_id, false, false);
      }
    }
    if (!status && status.error().code != engine::ErrorCode::not_found) {
      progress.error("Container", repair.name, status.error().message);
      ok = false;
    }
  }
  return ok;
}

void remove_unused_replacements(engine::Engine& engine, const Plan& plan,
                                const ExecutionReport& report, Progress& progress) {
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
    // force: a start-first replacement runs, never having served.
    auto removed = engine.remove_container(create.name, true, false);
    if (!removed && removed.error().code != engine::ErrorCode::not_found) {
      progress.error("Container", create.name, removed.error().message);
    }
  }
}

}  // namespace berth::scheduler
