#include "scheduler/api_requirements.h"

#include <cstdlib>
#include <utility>

#include "compose/config_error.h"

namespace berth::scheduler {

namespace {

// "1.43" -> {1, 43}; a missing part is 0.
std::pair<int, int> version_of(const std::string& text) {
  const auto dot = text.find('.');
  const int major = std::atoi(text.substr(0, dot).c_str());
  const int minor = dot == std::string::npos ? 0 : std::atoi(text.substr(dot + 1).c_str());
  return {major, minor};
}

}  // namespace

std::vector<std::string> unmet_api_requirements(const compose::Project& project,
                                                const std::vector<std::string>& services,
                                                const std::string& api) {
  std::vector<std::string> lines;
  for (const auto& name : services) {
    const compose::Service* service = project.find_service(name);
    if (service == nullptr) {
      continue;
    }
    for (const compose::ApiRequirement& requirement : service->api_requirements) {
      if (version_of(requirement.version) > version_of(api)) {
        lines.push_back(
            compose::format_diagnostic({requirement.pos, "needs engine API " + requirement.version +
                                                             "; berth speaks " + api}));
      }
    }
  }
  return lines;
}

bool check_api_requirements(const compose::Project& project,
                            const std::vector<std::string>& services, Progress& progress) {
  const auto lines = unmet_api_requirements(project, services);
  for (const auto& line : lines) {
    // The line names its place in the file; no "Service web:" before it.
    progress.error("Service", "", line);
  }
  return lines.empty();
}

}  // namespace berth::scheduler
