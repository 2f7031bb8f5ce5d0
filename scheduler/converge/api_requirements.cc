#include "scheduler/converge/api_requirements.h"

#include <cstdlib>

#include "compose/config_error.h"
#include "engine/docker_engine.h"
#include "scheduler/network_plan.h"

namespace berth::scheduler {

namespace {

constexpr const char* k_endpoint_mac_api = "1.44";

struct ApiVersion {
  int major = 0;
  int minor = 0;
  bool operator<(const ApiVersion& other) const {
    return major != other.major ? major < other.major : minor < other.minor;
  }
};

ApiVersion parse_version(const std::string& text) {
  const auto dot = text.find('.');
  return {std::atoi(text.substr(0, dot).c_str()),
          dot == std::string::npos ? 0 : std::atoi(text.substr(dot + 1).c_str())};
}

std::string message(const std::string& version) {
  return "needs engine API " + version + "; berth speaks " + std::string(engine::k_api_version);
}

// mac_address of a network the container is connected to after creation.
void check_endpoint_macs(const compose::Project& project, const compose::Service& service,
                         std::vector<compose::Diagnostic>& problems) {
  const auto attachments = attachments_of(project, service);
  const std::string first = attachments.empty() || attachments[0].config == nullptr
                                ? std::string()
                                : attachments[0].config->key;
  for (size_t i = 1; i < attachments.size(); ++i) {
    const compose::ServiceNetwork* config = attachments[i].config;
    if (config != nullptr && !config->mac_address.empty()) {
      problems.push_back({config->mac_address_pos,
                          message(k_endpoint_mac_api) + " (it sets the MAC address on network \"" +
                              first + "\" only, the one the container is created on)"});
    }
  }
}

}  // namespace

bool is_newer_api(const std::string& version) {
  return parse_version(std::string(engine::k_api_version)) < parse_version(version);
}

void check_api_requirements(const compose::Project& project,
                            const std::vector<std::string>& services) {
  std::vector<compose::Diagnostic> problems;
  auto add = [&](const std::vector<compose::ApiRequirement>& requirements) {
    for (const auto& requirement : requirements) {
      if (is_newer_api(requirement.version)) {
        problems.push_back({requirement.pos, message(requirement.version)});
      }
    }
  };
  add(project.api_requirements);
  for (const auto& name : services) {
    if (const compose::Service* service = project.find_service(name)) {
      add(service->api_requirements);
      check_endpoint_macs(project, *service, problems);
    }
  }
  if (!problems.empty()) {
    throw compose::ConfigError(std::move(problems));
  }
}

}  // namespace berth::scheduler
