#pragma once
// Whether a service has a health check at all: berth's own probe
// (x-berth-health), the file's healthcheck, or else its image's HEALTHCHECK,
// unless the file disables it (test NONE).

#include <string>
#include <vector>

#include "health/health_spec.h"

namespace berth::health {

// `image_test`: the image's Config.Healthcheck.Test, when known.
bool has_health_check(const ServiceHealthSpec& service,
                      const std::vector<std::string>& image_test = {});

}  // namespace berth::health
