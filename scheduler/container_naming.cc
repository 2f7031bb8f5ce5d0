#include "scheduler/container_naming.h"

#include <charconv>

namespace berth::scheduler {

std::string container_name(const std::string& project, const std::string& service, int number) {
  return project + "-" + service + "-" + std::to_string(number);
}

std::string container_name_without_project(const std::string& project,
                                           const std::string& container) {
  const std::string prefix = project + "-";
  if (container.rfind(prefix, 0) == 0) {
    return container.substr(prefix.size());
  }
  return container;
}

std::string temporary_name(const std::string& old_id, const std::string& name) {
  return old_id.substr(0, 12) + "_" + name;
}

std::optional<std::string> name_after_replacement(const std::string& name) {
  constexpr size_t k_prefix = 12;
  if (name.size() <= k_prefix + 1 || name[k_prefix] != '_') {
    return std::nullopt;
  }
  for (size_t i = 0; i < k_prefix; ++i) {
    const char c = name[i];
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      return std::nullopt;
    }
  }
  return name.substr(k_prefix + 1);
}

std::string default_network_name(const std::string& project) { return project + "_default"; }

std::optional<int> parse_container_number(const std::string& label_value) {
  int number = 0;
  const char* first = label_value.data();
  const char* last = first + label_value.size();
  auto [end, error] = std::from_chars(first, last, number);
  if (error != std::errc() || end != last || number < 1) {
    return std::nullopt;
  }
  return number;
}

}  // namespace berth::scheduler
