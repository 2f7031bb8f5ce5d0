#include "scheduler/converge/reload_plan.h"

#include <algorithm>

namespace berth::scheduler {

namespace {

bool links_to(const compose::Service& dependent, const std::string& service) {
  return std::any_of(dependent.links.begin(), dependent.links.end(),
                     [&](const compose::Link& link) { return link.service == service; });
}

}  // namespace

std::vector<ReloadTarget> reload_targets(const compose::Project& project,
                                         const ObservedState& observed,
                                         const std::string& service, const KeptDependent& kept) {
  std::vector<ReloadTarget> targets;
  for (const auto& dependent : project.services) {
    if (!dependent.berth_reload || !links_to(dependent, service)) {
      continue;
    }
    for (const auto& container : observed.containers_of(dependent.name)) {
      if (container.is_up() && kept(dependent, container)) {
        targets.push_back({dependent.name, container.number, container.name, container.id,
                           dependent.berth_reload->drain_ns});
      }
    }
  }
  return targets;
}

int64_t longest_drain(const std::vector<ReloadTarget>& targets) {
  int64_t longest = 0;
  for (const auto& target : targets) {
    longest = std::max(longest, target.drain_ns);
  }
  return longest;
}

std::vector<int> add_reloads(const std::function<int(Operation)>& add,
                             const std::vector<ReloadTarget>& targets,
                             const RotationChange& change, const std::string& cause,
                             const std::vector<int>& after) {
  std::vector<int> ids;
  for (const auto& target : targets) {
    Operation op;
    op.kind = OperationKind::reload_container;
    op.service = target.service;
    op.number = target.number;
    op.name = target.name;
    op.container_id = target.id;
    op.leaving = change.leaving;
    op.joining = change.joining;
    op.cause = cause;
    op.after = after;
    ids.push_back(add(std::move(op)));
  }
  return ids;
}

}  // namespace berth::scheduler
