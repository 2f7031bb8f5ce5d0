#include "scheduler/converge/start_first.h"

namespace berth::scheduler {

namespace {

std::string seconds_text(int64_t ns) {
  const int64_t tenths = ns / 100'000'000;
  return std::to_string(tenths / 10) + (tenths % 10 ? "." + std::to_string(tenths % 10) : "") +
         "s";
}

std::string failure_action_text(RolloutPolicy::OnFailure on_failure) {
  switch (on_failure) {
    case RolloutPolicy::OnFailure::pause: return "pause";
    case RolloutPolicy::OnFailure::proceed: return "continue";
    case RolloutPolicy::OnFailure::rollback: return "rollback";
  }
  return "";
}

Operation step(OperationKind kind, const std::string& service, const Replacement& r,
               std::string cause, std::vector<int> after) {
  Operation op;
  op.kind = kind;
  op.service = service;
  op.number = r.number;
  op.name = r.temporary;
  op.display_name = r.name;
  op.cause = std::move(cause);
  op.after = std::move(after);
  return op;
}

// The ids of one kind of step, for every replacement of a batch.
struct Batch {
  std::vector<size_t> members;  // indexes into the replacements
};

std::vector<Batch> batches_of(size_t count, int parallelism) {
  const size_t size = parallelism <= 0 ? count : static_cast<size_t>(parallelism);
  std::vector<Batch> batches;
  for (size_t i = 0; i < count; ++i) {
    if (i % size == 0) {
      batches.emplace_back();
    }
    batches.back().members.push_back(i);
  }
  return batches;
}

// Per replacement: what the rollout made for it.
struct Made {
  int await = 0;
  int renamed = 0;
  int cleaned = 0;
};

class Rollout {
 public:
  Rollout(const std::string& service, const std::vector<Replacement>& replacements,
          const RolloutPolicy& policy, const RolloutSteps& steps)
      : m_service(service), m_replacements(replacements), m_policy(policy), m_steps(steps),
        m_made(replacements.size()) {}

  std::vector<int> run() {
    const auto batches = batches_of(m_replacements.size(), m_policy.parallelism);
    const bool rollback = m_policy.on_failure == RolloutPolicy::OnFailure::rollback;
    for (size_t b = 0; b < batches.size(); ++b) {
      const Batch* previous = b == 0 ? nullptr : &batches[b - 1];
      for (size_t i : batches[b].members) {
        start_new(i, previous);
      }
      if (!rollback) {
        for (size_t i : batches[b].members) {
          retire_old(i, {m_made[i].await});
        }
      }
    }
    if (rollback) {
      // The old containers go only once every replacement is ready.
      std::vector<int> all;
      for (const auto& made : m_made) {
        all.push_back(made.await);
      }
      for (size_t i = 0; i < m_replacements.size(); ++i) {
        retire_old(i, all);
      }
    }
    std::vector<int> renamed;
    for (const auto& made : m_made) {
      renamed.push_back(made.renamed);
    }
    return renamed;
  }

 private:
  // Creates, starts and waits for replacement `i`, after the batch before.
  void start_new(size_t i, const Batch* previous) {
    const auto& r = m_replacements[i];
    Operation create = step(OperationKind::create_container, m_service, r,
                            r.cause + " (start-first)", m_steps.prerequisites);
    create.replaces = r.old_id;
    if (previous) {
      gate(create, *previous);
      create.delay_ns = m_policy.delay_ns;
    }
    const int created = m_steps.add(std::move(create));
    std::vector<int> start_after{created};
    start_after.insert(start_after.end(), m_steps.awaits.begin(), m_steps.awaits.end());
    const int started =
        m_steps.add(step(OperationKind::start_container, m_service, r, r.cause, start_after));
    Operation await = step(OperationKind::await_container, m_service, r, "", {started});
    await.replaces = r.old_id;
    if (m_policy.health_checked) {
      await.condition = compose::DependencyCondition::service_healthy;
      await.cause = "start-first: the replacement must be healthy before " + r.name + " stops";
    } else {
      await.condition = compose::DependencyCondition::service_started;
      await.monitor_ns = m_policy.monitor_ns;
      await.cause = "start-first: the replacement must keep running for " +
                    seconds_text(m_policy.monitor_ns) + " before " + r.name + " stops";
    }
    m_made[i].await = m_steps.add(std::move(await));
  }

  // The next batch waits for this one: pause for its success, continue for
  // its end whatever it was, rollback for its replacements to be ready.
  void gate(Operation& create, const Batch& previous) const {
    for (size_t j : previous.members) {
      switch (m_policy.on_failure) {
        case RolloutPolicy::OnFailure::pause:
          create.after.push_back(m_made[j].renamed);
          break;
        case RolloutPolicy::OnFailure::proceed:
          create.after_settled.push_back(m_made[j].renamed);
          create.after_settled.push_back(m_made[j].cleaned);
          break;
        case RolloutPolicy::OnFailure::rollback:
          create.after.push_back(m_made[j].await);
          break;
      }
    }
  }

  // Once `ready` all succeeded: the old container is stopped, removed, and
  // the new one renamed. When one failed: the new one is removed instead.
  void retire_old(size_t i, const std::vector<int>& ready) {
    const auto& r = m_replacements[i];
    // Shown as the replacement's own steps: silent, under the proper name.
    auto under_proper_name = [&](OperationKind kind, std::string cause, std::vector<int> after) {
      Operation op = step(kind, m_service, r, std::move(cause), std::move(after));
      op.name = r.name;
      op.display_name.clear();
      op.silent = true;
      return op;
    };
    // With reloading dependents: the replacement joins their rotation, the
    // old container leaves it and drains, and only then stops.
    std::vector<int> before_stop = ready;
    int64_t drain_ns = 0;
    if (m_steps.reload) {
      auto joined = m_steps.reload({}, "the replacement of " + r.name + " joins the rotation", ready);
      if (!joined.empty()) {
        before_stop = m_steps.reload({r.old_id}, r.name + " leaves the rotation", joined);
        drain_ns = m_steps.drain_ns;
      }
    }
    Operation stop = under_proper_name(OperationKind::stop_container, "replaced", before_stop);
    stop.container_id = r.old_id;
    stop.delay_ns = drain_ns;
    const int stopped = m_steps.add(std::move(stop));
    Operation remove = under_proper_name(OperationKind::remove_container, "replaced", {stopped});
    remove.container_id = r.old_id;
    remove.finish_when_interrupted = true;
    const int removed = m_steps.add(std::move(remove));
    Operation rename = under_proper_name(OperationKind::rename_container,
                                         "takes its predecessor's name", {removed});
    rename.finish_when_interrupted = true;
    m_made[i].renamed = m_steps.add(std::move(rename));
    // A replacement never in service is removed at once (force: it runs).
    Operation clean = step(OperationKind::remove_container, m_service, r,
                           "start-first: not ready, removed; the old container stays (" +
                               failure_action_text(m_policy.on_failure) + ")",
                           ready);
    clean.force = true;
    clean.silent = true;
    clean.only_after_failure = true;
    clean.finish_when_interrupted = true;
    m_made[i].cleaned = m_steps.add(std::move(clean));
  }

  const std::string& m_service;
  const std::vector<Replacement>& m_replacements;
  const RolloutPolicy& m_policy;
  const RolloutSteps& m_steps;
  std::vector<Made> m_made;
};

}  // namespace

std::optional<RolloutPolicy> start_first_policy(const compose::Service& service,
                                                bool health_checked) {
  const auto& update = service.deploy.update_config;
  if (!update || update->order != "start-first") {
    return std::nullopt;
  }
  RolloutPolicy policy;
  policy.parallelism = update->parallelism.value_or(1);
  policy.delay_ns = update->delay_ns.value_or(0);
  policy.monitor_ns = update->monitor_ns.value_or(0) > 0 ? *update->monitor_ns
                                                          : k_default_monitor_ns;
  if (update->failure_action == "continue") {
    policy.on_failure = RolloutPolicy::OnFailure::proceed;
  } else if (update->failure_action == "rollback") {
    policy.on_failure = RolloutPolicy::OnFailure::rollback;
  }
  policy.health_checked = health_checked;
  return policy;
}

std::string start_first_obstacle(const compose::Service& service) {
  for (const auto& port : service.ports) {
    if (port.host_start != 0) {
      return "it publishes host port " + std::to_string(port.host_start);
    }
  }
  for (const auto& network : service.networks) {
    if (!network.ipv4_address.empty() || !network.ipv6_address.empty()) {
      return "it has a fixed address on network \"" + network.key + "\"";
    }
  }
  return "";
}

std::vector<int> plan_start_first(const std::string& service,
                                  const std::vector<Replacement>& replacements,
                                  const RolloutPolicy& policy, const RolloutSteps& steps) {
  return Rollout(service, replacements, policy, steps).run();
}

}  // namespace berth::scheduler
