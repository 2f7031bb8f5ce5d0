#include "health/health_check.h"

namespace berth::health {

bool has_health_check(const compose::Service& service,
                      const std::vector<std::string>& image_test) {
  if (service.berth_health) {
    return true;
  }
  std::vector<std::string> test;
  if (service.options.healthcheck) {
    test = service.options.healthcheck->test;
  }
  if (test.empty()) {  // only intervals written, or no healthcheck: the image's test
    test = image_test;
  }
  return !test.empty() && test[0] != "NONE";
}

}  // namespace berth::health
