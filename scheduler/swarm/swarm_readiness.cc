#include "scheduler/swarm/swarm_readiness.h"

#include <set>
#include <thread>

namespace berth::scheduler {

namespace {

bool failed_state(const std::string& state) {
  return state == "failed" || state == "rejected" || state == "orphaned";
}

std::string task_error(const engine::TaskSummary& task) {
  std::string text = task.error.empty() ? task.message : task.error;
  return "task " + std::to_string(task.slot) + " " + task.state + (text.empty() ? "" : ": " + text);
}

}  // namespace

SwarmJudgement judge_service(const engine::ServiceSummary& service,
                             const std::vector<engine::TaskSummary>& tasks,
                             compose::DependencyCondition goal, bool restarts) {
  const std::string& update = service.update_state;
  if (update == "paused" || update == "rollback_paused" || update == "rollback_completed") {
    return {SwarmVerdict::failed, "its update " + (update == "rollback_completed"
                                                       ? std::string("was rolled back")
                                                       : std::string("paused")) +
                                      (service.update_message.empty()
                                           ? ""
                                           : ": " + service.update_message)};
  }
  int running = 0;
  int wanted_running = 0;
  int complete = 0;
  int rejected = 0;
  const engine::TaskSummary* last_failure = nullptr;
  for (const engine::TaskSummary& task : tasks) {
    if (task.desired_state == "running") {
      ++wanted_running;
      running += task.state == "running" ? 1 : 0;
    }
    complete += task.state == "complete" ? 1 : 0;
    if (failed_state(task.state)) {
      rejected += task.state == "rejected" ? 1 : 0;
      last_failure = &task;
    }
  }
  if (last_failure != nullptr && (rejected >= k_rejections_to_fail || !restarts)) {
    return {SwarmVerdict::failed, task_error(*last_failure)};
  }
  int wanted = service.global ? wanted_running : static_cast<int>(service.replicas);
  if (goal == compose::DependencyCondition::service_completed_successfully) {
    if (complete >= wanted) {
      return {SwarmVerdict::ready, ""};
    }
    return {SwarmVerdict::waiting, std::to_string(complete) + "/" + std::to_string(wanted) +
                                       " tasks complete"};
  }
  bool updating = update == "updating" || update == "rollback_started";
  bool all_running = service.global ? (wanted > 0 && running == wanted) : running >= wanted;
  if (all_running && !updating) {
    return {SwarmVerdict::ready, ""};
  }
  std::string why = std::to_string(running) + "/" + std::to_string(wanted) + " tasks running";
  if (last_failure != nullptr) {
    why += "; last failure: " + task_error(*last_failure);
  }
  return {SwarmVerdict::waiting, why + (updating ? ", update in progress" : "")};
}

engine::Status wait_for_service(engine::Engine& engine, const std::string& service_id,
                                compose::DependencyCondition goal, bool restarts,
                                std::chrono::steady_clock::time_point deadline,
                                std::chrono::milliseconds poll) {
  // Swarm keeps a few ended tasks per slot: those that had failed before the
  // wait began (an earlier deploy's missing image, say) are history, not news.
  std::set<std::string> failed_before;
  bool first = true;
  while (true) {
    auto service = engine.inspect_service(service_id);
    if (!service) {
      return service.error();
    }
    auto listed = engine.list_tasks(service_id);
    if (!listed) {
      return listed.error();
    }
    std::vector<engine::TaskSummary> tasks;
    for (const engine::TaskSummary& task : *listed) {
      if (first && failed_state(task.state)) {
        failed_before.insert(task.id);
      }
      if (failed_before.count(task.id) == 0) {
        tasks.push_back(task);
      }
    }
    first = false;
    SwarmJudgement judgement = judge_service(*service, tasks, goal, restarts);
    if (judgement.verdict == SwarmVerdict::ready) {
      return engine::Done{};
    }
    if (judgement.verdict == SwarmVerdict::failed) {
      return engine::Error{engine::ErrorCode::server, 0, judgement.why};
    }
    if (std::chrono::steady_clock::now() + poll > deadline) {
      return engine::Error{engine::ErrorCode::timeout, 0,
                           "not ready in time (" + judgement.why + ")"};
    }
    std::this_thread::sleep_for(poll);
  }
}

}  // namespace berth::scheduler
