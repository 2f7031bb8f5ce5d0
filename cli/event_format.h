#pragma once
// How `berth events` prints one container event: docker-compose 1.29.2's line
// or its JSON object.

#include <string>

#include "engine/types.h"

namespace berth::cli {

// "2026-11-28 00:00:00.000000 container start <id> (image=..., name=...)",
// the time in the local time zone, the attributes (but compose's labels)
// sorted.
std::string event_line(const engine::Event& event);

// {"time": "2026-11-28T00:00:00.000000", "type": "container", "action": ...,
//  "id": ..., "service": ..., "attributes": {"image": ..., "name": ...}},
// in that order and spacing, as compose 1.29.2's json.dumps.
std::string event_json(const engine::Event& event);

}  // namespace berth::cli
