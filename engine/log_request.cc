#include "engine/log_request.h"

#include <nlohmann/json.hpp>

#include "engine/json_mapping.h"

namespace berth::engine {

std::string logs_query(const LogOptions& options) {
  std::string query = "stdout=1&stderr=1";
  query += options.follow ? "&follow=1" : "&follow=0";
  query += "&tail=" + url_encode(options.tail.empty() ? "all" : options.tail);
  if (!options.since.empty()) {
    query += "&since=" + url_encode(options.since);
  }
  if (!options.until.empty()) {
    query += "&until=" + url_encode(options.until);
  }
  query += options.timestamps ? "&timestamps=1" : "&timestamps=0";
  return query;
}

Result<bool> parse_container_tty(const std::string& body) {
  const auto json = nlohmann::json::parse(body, nullptr, false);
  if (json.is_discarded() || !json.is_object()) {
    return Error{ErrorCode::server, 200, "the engine's container inspection is not JSON"};
  }
  const auto config = json.find("Config");
  if (config == json.end() || !config->is_object()) {
    return false;
  }
  const auto tty = config->find("Tty");
  return tty != config->end() && tty->is_boolean() && tty->get<bool>();
}

}  // namespace berth::engine
