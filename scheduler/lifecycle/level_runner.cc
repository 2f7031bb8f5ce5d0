#include "scheduler/lifecycle/level_runner.h"

#include <future>

namespace berth::scheduler {

bool run_by_levels(const std::vector<std::vector<std::string>>& levels,
                   const std::function<bool(const std::string&)>& work) {
  bool all_ok = true;
  for (const auto& level : levels) {
    std::vector<std::future<bool>> running;
    running.reserve(level.size());
    for (const auto& service : level) {
      running.push_back(std::async(std::launch::async, [&work, &service] { return work(service); }));
    }
    for (auto& result : running) {
      all_ok = result.get() && all_ok;
    }
  }
  return all_ok;
}

}  // namespace berth::scheduler
