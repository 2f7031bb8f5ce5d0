#pragma once
// Runs work over groups of services: the members of one group concurrently,
// the groups one after another. A first, simple executor: the DAG executor
// that starts each service as soon as its own dependencies are done replaces it.

#include <functional>
#include <string>
#include <vector>

namespace berth::scheduler {

// Calls `work` for every service, concurrently within a level; returns true
// when every call returned true.
bool run_by_levels(const std::vector<std::vector<std::string>>& levels,
                   const std::function<bool(const std::string&)>& work);

}  // namespace berth::scheduler
