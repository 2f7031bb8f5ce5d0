#include "engine/event_json.h"

#include <cstdint>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "engine/json_mapping.h"
#include "engine/json_readers.h"

namespace berth::engine {

using namespace json_readers;

Result<Event> parse_event(const std::string& line) {
  return parse_body(line, json::value_t::object, [](const json& document) {
    const json& actor = object_at(document, "Actor");
    return Event{string_at(document, "Type"), string_at(document, "Action"), string_at(actor, "ID"),
                 string_map_at(actor, "Attributes"), integer_at(document, "timeNano")};
  });
}

std::string events_query(const EventFilter& filter, std::chrono::system_clock::time_point since) {
  json filters = json::object();
  if (!filter.labels.empty()) {
    filters["label"] = filter.labels;
  }
  if (!filter.types.empty()) {
    filters["type"] = filter.types;
  }
  const auto nanos =
      std::chrono::duration_cast<std::chrono::nanoseconds>(since.time_since_epoch()).count();
  char timestamp[48];
  std::snprintf(timestamp, sizeof(timestamp), "%lld.%09lld",
                static_cast<long long>(nanos / 1'000'000'000),
                static_cast<long long>(nanos % 1'000'000'000));
  std::string query = "since=" + (filter.since.empty() ? std::string(timestamp) : filter.since);
  if (!filter.until.empty()) {
    query += "&until=" + filter.until;
  }
  if (!filters.empty()) {
    query += "&filters=" + url_encode(filters.dump());
  }
  return query;
}

}  // namespace berth::engine
