#pragma once
#include <string>

#include "compose/model.h"

namespace berth::scheduler {

// sha256 over the service's normalised configuration (canonical JSON, keys
// sorted) and the ID of the image it runs. Stored in the config-hash label so
// later runs can tell whether a container still matches its service.
// depends_on is left out: ordering is not part of a container's configuration.
std::string config_hash(const compose::Service& service, const std::string& image_id);

}  // namespace berth::scheduler
