#include "scheduler/lifecycle/wait_exit.h"

#include <chrono>
#include <thread>

#include "scheduler/observed_state.h"

namespace berth::scheduler {

namespace {

// The engine's wait has no natural end; a day bounds a forgotten terminal.
constexpr auto k_longest_wait = std::chrono::hours(24);

}  // namespace

engine::Result<int> wait_for_exit(engine::Engine& engine, const compose::Project& project,
                                  const std::vector<std::string>& services, Progress& progress) {
  auto observed = observe(engine, project.name);
  if (!observed) {
    return observed.error();
  }
  std::vector<engine::ContainerSummary> containers;
  for (const auto& name : services) {
    if (!project.find_service(name)) {
      return engine::Error{engine::ErrorCode::not_found, 0, "no such service: \"" + name + "\""};
    }
    auto found = observed->containers_of(name);
    if (found.empty()) {
      return engine::Error{engine::ErrorCode::not_found, 0,
                           "service \"" + name + "\" has no container"};
    }
    containers.insert(containers.end(), found.begin(), found.end());
  }
  // All at once: each wait is one engine request that returns on exit.
  std::vector<engine::Result<int>> results(containers.size(), engine::Result<int>(0));
  std::vector<std::thread> waiters;
  for (size_t i = 0; i < containers.size(); ++i) {
    waiters.emplace_back([&, i] {
      results[i] = engine.wait_container(
          containers[i].id, std::chrono::duration_cast<std::chrono::milliseconds>(k_longest_wait));
      if (results[i]) {
        progress.step("Container", containers[i].name,
                      "Exited (" + std::to_string(*results[i]) + ")");
      }
    });
  }
  for (auto& waiter : waiters) {
    waiter.join();
  }
  int exit_code = 0;
  for (size_t i = 0; i < containers.size(); ++i) {
    if (!results[i]) {
      return engine::Error{results[i].error().code, 0,
                           containers[i].name + ": " + results[i].error().message};
    }
    if (exit_code == 0) {
      exit_code = *results[i];
    }
  }
  return exit_code;
}

}  // namespace berth::scheduler
