#include "scheduler/executor.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>

namespace berth::scheduler {
namespace {

Operation op(const std::string& name, std::vector<int> after = {}) {
  Operation o;
  o.kind = OperationKind::start_container;
  o.name = name;
  o.after = std::move(after);
  return o;
}

TEST(Executor, RunsEachOperationAfterItsPredecessors) {
  Plan plan;
  plan.add(op("a"));
  plan.add(op("b", {1}));
  plan.add(op("c", {1}));
  plan.add(op("d", {2, 3}));
  std::mutex mutex;
  std::vector<std::string> order;
  Executor executor(4);
  auto report = executor.run(plan, [&](const Operation& o) -> engine::Status {
    std::lock_guard lock(mutex);
    order.push_back(o.name);
    return engine::Done{};
  });
  EXPECT_TRUE(report.ok());
  ASSERT_EQ(order.size(), 4u);
  EXPECT_EQ(order.front(), "a");
  EXPECT_EQ(order.back(), "d");
}

TEST(Executor, IndependentOperationsRunConcurrentlyUpToTheBound) {
  Plan plan;
  for (int i = 0; i < 6; ++i) {
    plan.add(op("x" + std::to_string(i)));
  }
  std::atomic<int> running{0};
  std::atomic<int> peak{0};
  Executor executor(3);
  executor.run(plan, [&](const Operation&) -> engine::Status {
    int now = ++running;
    int seen = peak.load();
    while (now > seen && !peak.compare_exchange_weak(seen, now)) {
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    --running;
    return engine::Done{};
  });
  EXPECT_EQ(peak.load(), 3);
}

TEST(Executor, FailureSkipsDependentsAndLetsOtherBranchesFinish) {
  Plan plan;
  plan.add(op("db"));
  plan.add(op("web", {1}));
  plan.add(op("proxy", {2}));
  plan.add(op("cache"));
  std::vector<std::string> skipped;
  Executor executor(2);
  auto report = executor.run(
      plan,
      [&](const Operation& o) -> engine::Status {
        if (o.name == "db") {
          return engine::Error{engine::ErrorCode::server, 500, "boom"};
        }
        return engine::Done{};
      },
      [&](const Operation& o, const std::string&) { skipped.push_back(o.name); });
  EXPECT_FALSE(report.ok());
  EXPECT_EQ(report.outcomes[0].state, OperationOutcome::State::failed);
  EXPECT_EQ(report.outcomes[0].message, "boom");
  EXPECT_EQ(report.outcomes[1].state, OperationOutcome::State::skipped);
  EXPECT_EQ(report.outcomes[1].message, "skipped: db failed");
  EXPECT_EQ(report.outcomes[2].state, OperationOutcome::State::skipped);
  EXPECT_EQ(report.outcomes[3].state, OperationOutcome::State::done);
  EXPECT_EQ(skipped.size(), 2u);
}

// The removal of a failed start-first replacement: it runs only after a
// failure; otherwise it is not needed and counts as done for its followers.
TEST(Executor, OnlyAfterFailureRunsOnFailureAndIsOtherwiseNotNeeded) {
  for (const bool fail : {false, true}) {
    Plan plan;
    plan.add(op("await"));
    Operation clean = op("clean", {1});
    clean.only_after_failure = true;
    plan.add(clean);
    plan.add(op("next", {2}));
    std::vector<std::string> ran;
    std::vector<std::string> not_needed;
    Executor executor(1);
    auto report = executor.run(
        plan,
        [&](const Operation& o) -> engine::Status {
          ran.push_back(o.name);
          if (fail && o.name == "await") {
            return engine::Error{engine::ErrorCode::conflict, 0, "is unhealthy"};
          }
          return engine::Done{};
        },
        {}, [&](const Operation& o) { not_needed.push_back(o.name); });
    if (fail) {
      EXPECT_EQ(ran, (std::vector<std::string>{"await", "clean", "next"}));
      EXPECT_EQ(report.outcomes[1].state, OperationOutcome::State::done);
      EXPECT_TRUE(not_needed.empty());
      EXPECT_FALSE(report.ok());
    } else {
      EXPECT_EQ(ran, (std::vector<std::string>{"await", "next"}));
      EXPECT_EQ(report.outcomes[1].state, OperationOutcome::State::not_needed);
      EXPECT_EQ(not_needed, (std::vector<std::string>{"clean"}));
      EXPECT_TRUE(report.ok());
    }
  }
}

// after_settled: the next batch of a rollout with failure_action: continue.
TEST(Executor, AfterSettledWaitsForAnOutcomeNotForSuccess) {
  Plan plan;
  plan.add(op("first"));
  plan.add(op("its follower", {1}));
  Operation next = op("next batch");
  next.after_settled = {2};
  plan.add(next);
  std::vector<std::string> ran;
  Executor executor(1);
  auto report = executor.run(plan, [&](const Operation& o) -> engine::Status {
    ran.push_back(o.name);
    if (o.name == "first") {
      return engine::Error{engine::ErrorCode::conflict, 0, "is unhealthy"};
    }
    return engine::Done{};
  });
  EXPECT_EQ(ran, (std::vector<std::string>{"first", "next batch"}));
  EXPECT_EQ(report.outcomes[1].state, OperationOutcome::State::skipped);
  EXPECT_EQ(report.outcomes[2].state, OperationOutcome::State::done);
}

TEST(Executor, DelayedOperationBeginsThatLongAfterItMay) {
  Plan plan;
  plan.add(op("a"));
  Operation later = op("b", {1});
  later.delay_ns = 200'000'000;
  plan.add(later);
  std::chrono::steady_clock::time_point a_done;
  std::chrono::steady_clock::time_point b_begun;
  Executor executor(2);
  executor.run(plan, [&](const Operation& o) -> engine::Status {
    (o.name == "a" ? a_done : b_begun) = std::chrono::steady_clock::now();
    return engine::Done{};
  });
  EXPECT_GE(b_begun - a_done, std::chrono::milliseconds(190));
}

TEST(Executor, EmptyPlanFinishesAtOnce) {
  Plan plan;
  Executor executor(2);
  EXPECT_TRUE(executor.run(plan, [](const Operation&) -> engine::Status { return engine::Done{}; })
                  .ok());
}

}  // namespace
}  // namespace berth::scheduler

namespace berth::scheduler {
namespace {

// Ctrl+C while "a" runs: "a" finishes (an engine call is not cut in half),
// nothing after it begins, and the report says why.
TEST(ExecutorInterruption, OperationsInFlightFinishAndNothingNewBegins) {
  Plan plan;
  plan.add(op("a"));
  plan.add(op("b", {1}));
  plan.add(op("c", {2}));
  Interruption interruption;
  std::vector<std::string> performed;
  Executor executor(4, &interruption);
  auto report = executor.run(plan, [&](const Operation& o) -> engine::Status {
    performed.push_back(o.name);
    interruption.interrupt();
    return engine::Done{};
  });
  EXPECT_EQ(performed, std::vector<std::string>{"a"});
  ASSERT_EQ(report.outcomes.size(), 3u);
  EXPECT_EQ(report.outcomes[0].state, OperationOutcome::State::done);
  EXPECT_EQ(report.outcomes[1].state, OperationOutcome::State::skipped);
  EXPECT_EQ(report.outcomes[1].message, "not done: interrupted");
  EXPECT_EQ(report.outcomes[2].state, OperationOutcome::State::skipped);
  EXPECT_FALSE(report.ok());
}

TEST(Interruption, RunsItsActionsOnceAndAtOnceWhenAlreadyInterrupted) {
  Interruption interruption;
  int calls = 0;
  {
    InterruptAction action(&interruption, [&] { ++calls; });
    interruption.interrupt();
    interruption.interrupt();
  }
  EXPECT_EQ(calls, 1);
  EXPECT_TRUE(interruption.requested());
  InterruptAction late(&interruption, [&] { ++calls; });
  EXPECT_EQ(calls, 2);
  InterruptAction none(nullptr, [&] { ++calls; });  // no Interruption: nothing happens
  EXPECT_EQ(calls, 2);
}

}  // namespace
}  // namespace berth::scheduler
