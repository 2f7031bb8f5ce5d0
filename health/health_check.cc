#include "health/health_check.h"

namespace berth::health {

bool has_health_check(const ServiceHealthSpec& service,
                      const std::vector<std::string>& image_test) {
  if (service.probe) {
    return true;
  }
  std::vector<std::string> test;
  if (service.healthcheck) {
    test = service.healthcheck->test;
  }
  if (test.empty()) {  // only intervals written, or no healthcheck: the image's test
    test = image_test;
  }
  return !test.empty() && test[0] != "NONE";
}

}  // namespace berth::health
