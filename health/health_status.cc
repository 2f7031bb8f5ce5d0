#include "health/health_status.h"

namespace berth::health {

std::string to_string(HealthStatus status) {
  switch (status) {
    case HealthStatus::starting:
      return "starting";
    case HealthStatus::healthy:
      return "healthy";
    case HealthStatus::unhealthy:
      return "unhealthy";
  }
  return "starting";
}

}  // namespace berth::health
