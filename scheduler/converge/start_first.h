#pragma once
// Start-first replacement on one engine (deploy.update_config.order:
// start-first): a changed container's replacement is created and started
// under a temporary name beside it and must become healthy (or, without a
// health check, keep running for `monitor`); only then is the old container
// stopped, after its stop_grace_period, and removed, and the new one takes its
// name and number. Replicas go `parallelism` at a time, `delay` apart;
// `failure_action` says what a replacement that fails does to the rest.
// Pure: it adds operations to a plan, as reconcile() does.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "compose/model.h"
#include "scheduler/plan.h"

namespace berth::scheduler {

// swarm's default monitor: how long a replacement without a health check
// must keep running before it counts as serving.
constexpr int64_t k_default_monitor_ns = 5'000'000'000;

struct RolloutPolicy {
  enum class OnFailure {
    pause,     // the rest of the service's replicas are not replaced (swarm's default)
    proceed,   // `continue`: the next replicas are replaced all the same
    rollback,  // old containers stay until every replacement is ready; else all new ones go
  };
  int parallelism = 1;  // replicas at a time; 0: all at once (as swarm)
  int64_t delay_ns = 0;
  int64_t monitor_ns = k_default_monitor_ns;  // without a health check
  OnFailure on_failure = OnFailure::pause;
  bool health_checked = false;  // a healthcheck (the service's or its image's) or x-berth-health
};

// The service's policy when its update_config says start-first; nullopt
// for stop-first (also when update_config is absent).
std::optional<RolloutPolicy> start_first_policy(const compose::Service& service,
                                                bool health_checked);

// Why the service's old and new containers cannot run side by side (a fixed
// host port, a fixed address); empty when they can.
std::string start_first_obstacle(const compose::Service& service);

// One container to replace.
struct Replacement {
  int number = 0;
  std::string name;       // the name the new container takes (the old one's)
  std::string temporary;  // the new container's name until then
  std::string old_id;
  std::string cause;  // why it is replaced
};

struct RolloutSteps {
  std::function<int(Operation)> add;  // adds to the plan and to the caller's records
  std::vector<int> prerequisites;     // what the creates wait for
  std::vector<int> awaits;            // what the starts wait for (dependencies ready)
  // x-berth-reload: adds the dependents' reloads that take `leaving` out of
  // rotation (none: the ready replacement joins), after `after`; returns
  // their ids, none when no dependent reloads.
  std::function<std::vector<int>(const std::vector<std::string>& leaving,
                                 const std::string& cause, const std::vector<int>& after)>
      reload;
  int64_t drain_ns = 0;  // out of rotation, before an old container stops
};

// Adds the rollout of `service`'s replacements, in the order given; returns
// for each the operation after which it serves under its name (its rename).
std::vector<int> plan_start_first(const std::string& service,
                                  const std::vector<Replacement>& replacements,
                                  const RolloutPolicy& policy, const RolloutSteps& steps);

}  // namespace berth::scheduler
