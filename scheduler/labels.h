#pragma once
// The labels berth puts on what it creates. They are docker-compose's, so
// docker tooling recognises berth's containers, and they are the only way berth
// finds its objects again: nothing without the project label is ever touched.

#include <map>
#include <string>

namespace berth::scheduler::labels {

// The value of label `key`, or "" when it is not set.
inline std::string value_of(const std::map<std::string, std::string>& all, const char* key) {
  auto it = all.find(key);
  return it == all.end() ? std::string() : it->second;
}

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

}  // namespace berth::scheduler::labels
