#include "scheduler/executor.h"

#include <algorithm>
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace berth::scheduler {

namespace {

bool fine(OperationOutcome::State state) {
  return state == OperationOutcome::State::done || state == OperationOutcome::State::not_needed;
}

}  // namespace

bool ExecutionReport::ok() const {
  for (const auto& outcome : outcomes) {
    if (!fine(outcome.state)) {
      return false;
    }
  }
  return true;
}

std::vector<OperationOutcome> ExecutionReport::failures() const {
  std::vector<OperationOutcome> out;
  for (const auto& outcome : outcomes) {
    if (!fine(outcome.state)) {
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
  std::vector<bool> upstream_failed;        // per operation: a predecessor failed or was skipped
  std::vector<OperationOutcome> outcomes;
  std::vector<bool> settled;
  size_t settled_count = 0;
};

bool waits_settled(const Operation& op, int id) {
  return std::find(op.after_settled.begin(), op.after_settled.end(), id) != op.after_settled.end();
}

// Whether a failed or skipped predecessor `id` lets `op` run all the same.
bool goes_on_after(const Operation& op, int id) {
  return op.runs_after_failure || op.only_after_failure || waits_settled(op, id);
}

// Sleeps `delay_ns`, looking at the interruption every tenth of a second.
void delay(int64_t delay_ns, const Interruption* interruption) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::nanoseconds(delay_ns);
  while (std::chrono::steady_clock::now() < until &&
         !(interruption && interruption->requested())) {
    std::this_thread::sleep_for(
        std::min<std::chrono::steady_clock::duration>(std::chrono::milliseconds(100),
                                                      until - std::chrono::steady_clock::now()));
  }
}

}  // namespace

ExecutionReport Executor::run(const Plan& plan, const Perform& perform, const Skipped& skipped,
                              const NotNeeded& not_needed) {
  const auto& ops = plan.operations();
  RunState state;
  state.waiting_on.resize(ops.size());
  state.followers.resize(ops.size());
  state.upstream_failed.resize(ops.size(), false);
  state.outcomes.resize(ops.size());
  state.settled.resize(ops.size(), false);
  for (const auto& op : ops) {
    state.outcomes[op.id - 1].id = op.id;
    state.waiting_on[op.id - 1] = static_cast<int>(op.after.size() + op.after_settled.size());
    for (int before : op.after) {
      state.followers[before - 1].push_back(op.id);
    }
    for (int before : op.after_settled) {
      state.followers[before - 1].push_back(op.id);
    }
  }
  boost::asio::thread_pool pool(static_cast<size_t>(m_parallel));
  std::function<void(int)> launch;
  std::function<void(int)> release;

  // Every predecessor of `id` has finished (lock held): it runs, or an
  // operation only for failures that none had is settled as not needed.
  auto ready = [&](int id) {
    if (state.settled[id - 1]) {
      return;
    }
    if (ops[id - 1].only_after_failure && !state.upstream_failed[id - 1]) {
      state.settled[id - 1] = true;
      ++state.settled_count;
      state.outcomes[id - 1].state = OperationOutcome::State::not_needed;
      if (not_needed) {
        not_needed(ops[id - 1]);
      }
      release(id);
      return;
    }
    launch(id);
  };

  // After `id` succeeded or was not needed (lock held).
  release = [&](int id) {
    for (int follower : state.followers[id - 1]) {
      if (--state.waiting_on[follower - 1] == 0) {
        ready(follower);
      }
    }
  };

  std::function<void(int, const std::string&)> skip;
  // After `id` failed or was skipped (lock held): a follower that goes on
  // after failures counts it as finished, the others are skipped.
  auto release_or_skip = [&](int id, const std::string& reason) {
    for (int follower : state.followers[id - 1]) {
      if (!goes_on_after(ops[follower - 1], id)) {
        skip(follower, reason);
        continue;
      }
      state.upstream_failed[follower - 1] = true;
      if (--state.waiting_on[follower - 1] == 0) {
        ready(follower);
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
      release(id);
    } else {
      state.outcomes[id - 1].state = OperationOutcome::State::failed;
      state.outcomes[id - 1].message = status.error().message;
      const auto& op = ops[id - 1];
      const bool swarm_service = op.kind == OperationKind::create_service ||
                                 op.kind == OperationKind::update_service ||
                                 op.kind == OperationKind::await_service;
      const std::string shown = op.display_name.empty() ? op.name : op.display_name;
      const std::string reason =
          op.kind == OperationKind::await_container && !op.replaces.empty()
              ? "not replaced: the replacement of " + shown + " failed"
          : op.kind == OperationKind::await_container
              ? "not started: dependency \"" + op.service + "\" " + status.error().message
          : swarm_service ? "its dependency \"" + op.service + "\" is not ready"
                          : "skipped: " + op.name + " failed";
      release_or_skip(id, reason);
    }
    state.finished.notify_all();
  };

  auto interrupted = [&](int id) {
    return m_interruption && m_interruption->requested() &&
           !ops[id - 1].finish_when_interrupted;
  };

  launch = [&](int id) {
    boost::asio::post(pool, [&, id] {
      if (ops[id - 1].delay_ns > 0 && !interrupted(id)) {
        delay(ops[id - 1].delay_ns, m_interruption);
      }
      if (interrupted(id)) {
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
      if (op.after.empty() && op.after_settled.empty()) {
        ready(op.id);
      }
    }
    state.finished.wait(lock, [&] { return state.settled_count == ops.size(); });
  }
  pool.join();
  return {std::move(state.outcomes)};
}

}  // namespace berth::scheduler
