// When a swarm service counts as ready, waiting or failed for `berth deploy`.

#include "scheduler/swarm/swarm_readiness.h"

#include <gtest/gtest.h>

namespace berth::scheduler {
namespace {

constexpr auto k_started = compose::DependencyCondition::service_started;
constexpr auto k_completed = compose::DependencyCondition::service_completed_successfully;

engine::TaskSummary task(int slot, const std::string& desired, const std::string& state,
                         const std::string& error = "") {
  engine::TaskSummary summary;
  summary.slot = slot;
  summary.desired_state = desired;
  summary.state = state;
  summary.error = error;
  return summary;
}

engine::ServiceSummary replicated(uint64_t replicas) {
  engine::ServiceSummary service;
  service.replicas = replicas;
  return service;
}

TEST(SwarmReadiness, ReplicatedIsReadyWithEveryReplicaRunning) {
  auto service = replicated(2);
  EXPECT_EQ(judge_service(service, {task(1, "running", "running"), task(2, "running", "starting")},
                          k_started, true)
                .verdict,
            SwarmVerdict::waiting);
  SwarmJudgement waiting = judge_service(service, {task(1, "running", "running")},
                                         k_started, true);
  EXPECT_EQ(waiting.why, "1/2 tasks running");
  EXPECT_EQ(judge_service(service, {task(1, "running", "running"), task(2, "running", "running"),
                                    task(2, "shutdown", "shutdown")},
                          k_started, true)
                .verdict,
            SwarmVerdict::ready);
  EXPECT_EQ(judge_service(replicated(0), {}, k_started, true).verdict,
            SwarmVerdict::ready);
}

TEST(SwarmReadiness, AnUpdateInProgressIsNotReadyAndAPausedOneFailed) {
  auto service = replicated(1);
  service.update_state = "updating";
  EXPECT_EQ(judge_service(service, {task(1, "running", "running")}, k_started, true)
                .verdict,
            SwarmVerdict::waiting);
  service.update_state = "completed";
  EXPECT_EQ(judge_service(service, {task(1, "running", "running")}, k_started, true)
                .verdict,
            SwarmVerdict::ready);
  service.update_state = "paused";
  service.update_message = "update paused due to failure";
  SwarmJudgement paused =
      judge_service(service, {task(1, "running", "running")}, k_started, true);
  EXPECT_EQ(paused.verdict, SwarmVerdict::failed);
  EXPECT_EQ(paused.why, "its update paused: update paused due to failure");
}

TEST(SwarmReadiness, GlobalWantsEveryTaskMeantToRun) {
  engine::ServiceSummary service;
  service.global = true;
  EXPECT_EQ(judge_service(service, {}, k_started, true).verdict, SwarmVerdict::waiting);
  EXPECT_EQ(judge_service(service, {task(0, "running", "running"), task(0, "running", "preparing")},
                          k_started, true)
                .verdict,
            SwarmVerdict::waiting);
  EXPECT_EQ(judge_service(service, {task(0, "running", "running")}, k_started, true)
                .verdict,
            SwarmVerdict::ready);
}

TEST(SwarmReadiness, FailuresEndTheWaitOnlyWhenSwarmWillNotRecover) {
  auto service = replicated(1);
  std::vector<engine::TaskSummary> one_failure = {
      task(1, "shutdown", "failed", "task: non-zero exit (1)"), task(1, "running", "starting")};
  EXPECT_EQ(judge_service(service, one_failure, k_started, true).verdict,
            SwarmVerdict::waiting);
  SwarmJudgement no_restart = judge_service(service, one_failure, k_started, false);
  EXPECT_EQ(no_restart.verdict, SwarmVerdict::failed);
  EXPECT_EQ(no_restart.why, "task 1 failed: task: non-zero exit (1)");
  std::vector<engine::TaskSummary> rejected;
  for (int i = 0; i < k_rejections_to_fail; ++i) {
    rejected.push_back(task(1, "shutdown", "rejected", "No such image: nowhere/none"));
  }
  SwarmJudgement gave_up = judge_service(service, rejected, k_started, true);
  EXPECT_EQ(gave_up.verdict, SwarmVerdict::failed);
  EXPECT_EQ(gave_up.why, "task 1 rejected: No such image: nowhere/none");
}

TEST(SwarmReadiness, CompletedWantsEveryReplicaComplete) {
  auto service = replicated(2);
  EXPECT_EQ(judge_service(service, {task(1, "shutdown", "complete"), task(2, "running", "running")},
                          k_completed, false)
                .verdict,
            SwarmVerdict::waiting);
  EXPECT_EQ(judge_service(service,
                          {task(1, "shutdown", "complete"), task(2, "shutdown", "complete")},
                          k_completed, false)
                .verdict,
            SwarmVerdict::ready);
}

}  // namespace
}  // namespace berth::scheduler
