#include "health/container_state.h"

#include <array>
#include <utility>

namespace berth::health {

namespace {

constexpr std::array<std::pair<const char*, ContainerState>, 7> k_names = {{
    {"created", ContainerState::created},
    {"running", ContainerState::running},
    {"paused", ContainerState::paused},
    {"restarting", ContainerState::restarting},
    {"removing", ContainerState::removing},
    {"exited", ContainerState::exited},
    {"dead", ContainerState::dead},
}};

}  // namespace

ContainerState parse_container_state(const std::string& text) {
  for (const auto& [name, state] : k_names) {
    if (text == name) {
      return state;
    }
  }
  return ContainerState::unknown;
}

std::string to_string(ContainerState state) {
  for (const auto& [name, value] : k_names) {
    if (value == state) {
      return name;
    }
  }
  return "unknown";
}

bool is_up(ContainerState state) {
  return state == ContainerState::running || state == ContainerState::paused ||
         state == ContainerState::restarting;
}

}  // namespace berth::health
