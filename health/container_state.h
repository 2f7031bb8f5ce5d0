#pragma once
// The engine's container states as one enum, so decisions ("start it or leave
// it?") branch on a type rather than on strings. Health states join in later.

#include <string>

namespace berth::health {

enum class ContainerState { created, running, paused, restarting, removing, exited, dead, unknown };

// From the engine's State.Status / list `State` text.
ContainerState parse_container_state(const std::string& text);

std::string to_string(ContainerState state);

// True for the states in which the container's process is alive.
bool is_up(ContainerState state);

}  // namespace berth::health
