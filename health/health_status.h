#pragma once
// A container's health as berth's own probes see it, with docker's three
// states, so a berth-probed service gates its dependents like a docker one.

#include <string>

namespace berth::health {

enum class HealthStatus { starting, healthy, unhealthy };

// "starting", "healthy", "unhealthy": docker's spelling.
std::string to_string(HealthStatus status);

}  // namespace berth::health
