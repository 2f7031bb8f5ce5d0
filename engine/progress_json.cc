#include "engine/progress_json.h"

#include <exception>
#include <nlohmann/json.hpp>
#include <string>

#include "engine/json_readers.h"

namespace berth::engine {
namespace {

using namespace json_readers;

Error invalid(const std::string& why) {
  return Error{ErrorCode::bad_request, 0, "invalid progress message from the engine: " + why};
}

std::string error_of(const json& document) {
  std::string message = string_at(object_at(document, "errorDetail"), "message");
  if (message.empty()) {
    message = string_at(document, "error");
  }
  if (message.empty() && field(document, "errorDetail") != nullptr) {
    message = "the engine reported an error without a message";
  }
  return message;
}

}  // namespace

Result<ProgressMessage> parse_progress_line(std::string_view line) {
  json document;
  try {
    document = json::parse(line);
  } catch (const std::exception& error) {
    return invalid(error.what());
  }
  if (!document.is_object()) {
    return invalid(std::string("expected a JSON object, got ") + document.type_name());
  }
  ProgressMessage message;
  message.stream = string_at(document, "stream");
  message.id = string_at(document, "id");
  message.status = string_at(document, "status");
  message.progress = string_at(document, "progress");
  const json& detail = object_at(document, "progressDetail");
  message.current = integer_at(detail, "current");
  message.total = integer_at(detail, "total");
  message.aux_id = string_at(object_at(document, "aux"), "ID");
  message.error = error_of(document);
  return message;
}

}  // namespace berth::engine
