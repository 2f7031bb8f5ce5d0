#pragma once
// The labels berth puts on what it creates. They are docker-compose's, so
// docker tooling recognises berth's containers, and they are the only way berth
// finds its objects again: nothing without the project label is ever touched.

#include <map>
#include <string>
#include <vector>

namespace berth::scheduler::labels {

// The value of label `key`, or "" when it is not set.
inline std::string value_of(const std::map<std::string, std::string>& all, const char* key) {
  auto it = all.find(key);
  return it == all.end() ? std::string() : it->second;
}

// What every label below starts with.
inline constexpr const char* k_prefix = "com.docker.compose.";
inline constexpr const char* k_project = "com.docker.compose.project";
inline constexpr const char* k_service = "com.docker.compose.service";
inline constexpr const char* k_container_number = "com.docker.compose.container-number";
inline constexpr const char* k_oneoff = "com.docker.compose.oneoff";
inline constexpr const char* k_config_hash = "com.docker.compose.config-hash";
inline constexpr const char* k_network = "com.docker.compose.network";
inline constexpr const char* k_volume = "com.docker.compose.volume";
inline constexpr const char* k_working_dir = "com.docker.compose.project.working_dir";
inline constexpr const char* k_config_files = "com.docker.compose.project.config_files";
inline constexpr const char* k_version = "com.docker.compose.version";
// What `berth deploy` puts on a swarm stack's services, networks, containers
// and volumes, as `docker stack deploy` does; a service's k_config_hash is
// the hash of the spec berth sent (without that label), to tell a change.
inline constexpr const char* k_stack_namespace = "com.docker.stack.namespace";
inline constexpr const char* k_stack_image = "com.docker.stack.image";

// The label filter ("key=value", as engine::LabelFilter) that finds what
// belongs to `project`: its containers (one-offs too), networks and volumes.
inline std::vector<std::string> project_filter(const std::string& project) {
  return {std::string(k_project) + "=" + project};
}

// The project's service containers only, one-off (`run`) containers left out.
inline std::vector<std::string> service_containers_filter(const std::string& project) {
  return {std::string(k_project) + "=" + project, std::string(k_oneoff) + "=False"};
}

// The containers of one service of the project, one-offs left out.
inline std::vector<std::string> service_filter(const std::string& project,
                                               const std::string& service) {
  auto filter = service_containers_filter(project);
  filter.push_back(std::string(k_service) + "=" + service);
  return filter;
}

}  // namespace berth::scheduler::labels
