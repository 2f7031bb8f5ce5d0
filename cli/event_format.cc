#include "cli/event_format.h"

#include <cstdio>
#include <ctime>
#include <map>
#include <nlohmann/json.hpp>

#include "scheduler/labels.h"

namespace berth::cli {

namespace {

// Local time with microseconds, `separator` between date and time (python's
// str() and isoformat() of a datetime, microseconds always written).
std::string local_time(int64_t time_nano, char separator) {
  const std::time_t seconds = static_cast<std::time_t>(time_nano / 1000000000);
  const long micros = static_cast<long>((time_nano % 1000000000) / 1000);
  std::tm parts{};
  localtime_r(&seconds, &parts);
  char date[32];
  std::strftime(date, sizeof date, "%Y-%m-%d", &parts);
  char clock[32];
  std::strftime(clock, sizeof clock, "%H:%M:%S", &parts);
  char text[96];
  std::snprintf(text, sizeof text, "%s%c%s.%06ld", date, separator, clock, micros);
  return text;
}

// The engine's attributes are the container's labels plus the event's own
// (name, image, exitCode, signal...); compose 1.29.2 leaves its own labels out.
std::map<std::string, std::string> shown_attributes(const engine::Event& event) {
  std::map<std::string, std::string> shown;
  for (const auto& [key, value] : event.attributes) {
    if (!key.starts_with(scheduler::labels::k_prefix)) {
      shown[key] = value;
    }
  }
  return shown;
}

// A JSON string as python's json.dumps writes it (non-ASCII escaped).
std::string quoted(const std::string& text) {
  return nlohmann::json(text).dump(-1, ' ', /*ensure_ascii=*/true);
}

}  // namespace

std::string event_line(const engine::Event& event) {
  std::string attributes;
  for (const auto& [key, value] : shown_attributes(event)) {
    attributes += (attributes.empty() ? "" : ", ") + key + "=" + value;
  }
  return local_time(event.time_nano, ' ') + " " + event.type + " " + event.action + " " + event.id +
         " (" + attributes + ")";
}

std::string event_json(const engine::Event& event) {
  // Written by hand for python's key order and ", "/": " separators, so the
  // lines are byte for byte those of `docker-compose events --json`.
  std::string attributes;
  for (const auto& [key, value] : shown_attributes(event)) {
    attributes += (attributes.empty() ? "" : ", ") + quoted(key) + ": " + quoted(value);
  }
  return "{\"time\": " + quoted(local_time(event.time_nano, 'T')) +
         ", \"type\": " + quoted(event.type) + ", \"action\": " + quoted(event.action) +
         ", \"id\": " + quoted(event.id) + ", \"service\": " +
         quoted(scheduler::labels::value_of(event.attributes, scheduler::labels::k_service)) +
         ", \"attributes\": {" + attributes + "}}";
}

}  // namespace berth::cli
