#pragma once
// The condition a `depends_on` entry waits for before its service starts.
// One type for the whole program: compose parses and prints it, scheduler's
// await operations carry it. Its own header, so a plan need not include the
// whole project model.

#include <string>

namespace berth::compose {

enum class DependencyCondition { service_started, service_healthy, service_completed_successfully };

// The project file's spelling: "service_healthy", ...
inline std::string to_string(DependencyCondition condition) {
  switch (condition) {
    case DependencyCondition::service_started:
      return "service_started";
    case DependencyCondition::service_healthy:
      return "service_healthy";
    case DependencyCondition::service_completed_successfully:
      return "service_completed_successfully";
  }
  return "service_started";
}

}  // namespace berth::compose
