#pragma once
// Private to the engine module: the JSON of GET /events, both ways. Pure
// functions, tested without an engine.

#include <chrono>
#include <string>

#include "engine/result.h"
#include "engine/types.h"

namespace berth::engine {

// One line of the stream, {"Type": ..., "Action": ..., "Actor": {...}, ...}.
// Lenient like the other parsers; Error (transport) only when the line is not
// a JSON object.
Result<Event> parse_event(const std::string& line);

// The query of GET /events: "filters=<url-encoded {"label":[...],"type":[...]}>"
// (empty lists left out) and "since=<seconds.nanoseconds>" of `since`.
std::string events_query(const EventFilter& filter, std::chrono::system_clock::time_point since);

}  // namespace berth::engine
