#include "scheduler/executor.h"

#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <condition_variable>
#include <mutex>

namespace berth::scheduler {

bool ExecutionReport::ok() const {
  for (const auto& outcome : outcomes) {
    if (outcome.state != OperationOutcome::State::done) {
      return false;
    }
  }
  return true;
}

std::vector<OperationOutcome> ExecutionReport::failures() const {
  std::vector<OperationOutcome> out;
  for (const auto& outcome : outcomes) {
    if (outcome.state != OperationOutcome::State::done) {
      out.push_back(outcome);
    }
  }
  return out;
}

namespace {

// The shared bookkeeping of one run; every member is guarded by `mutex`.
struct RunState {
  std::mutex mutex;
  std::condition_variable finished;
  std::vector<int> waiting_on;              // per operation: how many predecessors are unfinished
  std::vector<std::vector<int>> followers;  // per operation: who waits on it
  std::vector<OperationOutcome> outcomes;
  std::vector<bool> settled;
  size_t settled_count = 0;
};

}  // namespace

ExecutionReport Executor::run(const Plan& plan, const Perform& perform, const Skipped& skipped) {
  const auto& ops = plan.operations();
  RunState state;
  state.waiting_on.resize(ops.size());
  state.followers.resize(ops.size());
  state.outcomes.resize(ops.size());
  state.settled.resize(ops.size(), false);
  for (const auto& op : ops) {
    state.outcomes[op.id - 1].id = op.id;
    state.waiting_on[op.id - 1] = static_cast<int>(op.after.size());
    for (int before : op.after) {
      state.followers[before - 1].push_back(op.id);
    }
  }
  boost::asio::thread_pool pool(static_cast<size_t>(m_parallel));
  std::function<void(int)> launch;

  std::function<void(int, const std::string&)> skip;
  // After `id` failed or was skipped (lock held): a follower that runs after
  // failures counts it as finished, the others are skipped.
  auto release_or_skip = [&](int id, const std::string& reason) {
    for (int follower : state.followers[id - 1]) {
      if (!ops[follower - 1].runs_after_failure) {
        skip(follower, reason);
      } else if (--state.waiting_on[follower - 1] == 0 && !state.settled[follower - 1]) {
        launch(follower);
      }
    }
  };

  // Marks `id` and everything downstream of it skipped (lock held).
  skip = [&](int id, const std::string& reason) {
    if (state.settled[id - 1]) {
      return;
    }
    state.settled[id - 1] = true;
    ++state.settled_count;
    state.outcomes[id - 1].state = OperationOutcome::State::skipped;
    state.outcomes[id - 1].message = reason;
    if (skipped) {
      skipped(ops[id - 1], reason);
    }
    release_or_skip(id, reason);
  };

  auto finish = [&](int id, const engine::Status& status) {
    std::lock_guard lock(state.mutex);
    state.settled[id - 1] = true;
    ++state.settled_count;
    if (status.ok()) {
      for (int follower : state.followers[id - 1]) {
        if (--state.waiting_on[follower - 1] == 0 && !state.settled[follower - 1]) {
          launch(follower);
        }
      }
    } else {
      state.outcomes[id - 1].state = OperationOutcome::State::failed;
      state.outcomes[id - 1].message = status.error().message;
      const auto& op = ops[id - 1];
      const bool swarm_service = op.kind == OperationKind::create_service ||
                                 op.kind == OperationKind::update_service ||
                                 op.kind == OperationKind::await_service;
      const std::string reason =
          op.kind == OperationKind::await_container
              ? "not started: dependency \"" + op.service + "\" " + status.error().message
          : swarm_service ? "its dependency \"" + op.service + "\" is not ready"
                          : "skipped: " + op.name + " failed";
      release_or_skip(id, reason);
    }
    state.finished.notify_all();
  };

  launch = [&](int id) {
    boost::asio::post(pool, [&, id] {
      if (m_interruption && m_interruption->requested() && !ops[id - 1].finish_when_interrupted) {
        std::lock_guard lock(state.mutex);
        skip(id, "not done: interrupted");
        state.finished.notify_all();
        return;
      }
      finish(id, perform(ops[id - 1]));
    });
  };

  {
    std::unique_lock lock(state.mutex);
    for (const auto& op : ops) {
      if (op.after.empty()) {
        launch(op.id);
      }
    }
    state.finished.wait(lock, [&] { return state.settled_count == ops.size(); });
  }
  pool.join();
  return {std::move(state.outcomes)};
}

}  // namespace berth::scheduler
