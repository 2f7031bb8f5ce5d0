#include "scheduler/converge/container_name_check.h"

#include <algorithm>
#include <map>

#include "compose/config_error.h"
#include "compose/field_reader.h"

namespace berth::scheduler {

void check_container_names(const compose::Project& project,
                           const std::vector<std::string>& services) {
  std::vector<compose::Diagnostic> problems;
  std::map<std::string, const compose::Service*> first_with;
  for (const compose::Service& service : project.services) {
    const bool starting =
        std::find(services.begin(), services.end(), service.name) != services.end();
    if (!starting || service.container_name.empty()) {
      continue;
    }
    auto [found, inserted] = first_with.emplace(service.container_name, &service);
    if (!inserted) {
      problems.push_back({service.container_name_pos,
                          "services " + compose::in_quotes(found->second->name) + " and " +
                              compose::in_quotes(service.name) + " have the same container_name " +
                              compose::in_quotes(service.container_name) +
                              "; one engine holds one container of a name"});
    }
  }
  if (!problems.empty()) {
    throw compose::ConfigError(std::move(problems));
  }
}

}  // namespace berth::scheduler
