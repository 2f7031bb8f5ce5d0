#pragma once
// Private to the engine module: the lenient readers the answer parsers share.
// An absent, null or mistyped field reads as its type's default, because the
// engine leaves fields out or sends null depending on its version and state.

#include <algorithm>
#include <cstdint>
#include <exception>
#include <map>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "engine/result.h"

namespace berth::engine::json_readers {

using nlohmann::json;

inline const json* field(const json& object, std::string_view key) {
  if (!object.is_object()) {
    return nullptr;
  }
  const auto found = object.find(key);
  if (found == object.end() || found->is_null()) {
    return nullptr;
  }
  return &*found;
}

inline const json& object_at(const json& object, std::string_view key) {
  static const json k_empty = json::object();
  const json* value = field(object, key);
  return value != nullptr && value->is_object() ? *value : k_empty;
}

inline std::string string_at(const json& object, std::string_view key) {
  const json* value = field(object, key);
  return value != nullptr && value->is_string() ? value->get<std::string>() : std::string();
}

inline std::int64_t integer_at(const json& object, std::string_view key) {
  const json* value = field(object, key);
  return value != nullptr && value->is_number_integer() ? value->get<std::int64_t>() : 0;
}

inline bool bool_at(const json& object, std::string_view key) {
  const json* value = field(object, key);
  return value != nullptr && value->is_boolean() && value->get<bool>();
}

inline std::vector<std::string> strings_at(const json& object, std::string_view key) {
  std::vector<std::string> result;
  const json* value = field(object, key);
  if (value != nullptr && value->is_array()) {
    for (const auto& item : *value) {
      if (item.is_string()) {
        result.push_back(item.get<std::string>());
      }
    }
  }
  return result;
}

inline std::map<std::string, std::string> string_map_at(const json& object, std::string_view key) {
  std::map<std::string, std::string> result;
  for (const auto& [name, value] : object_at(object, key).items()) {
    result[name] = value.is_string() ? value.get<std::string>() : std::string();
  }
  return result;
}

// {"80/tcp": {}, ...} -> {"80/tcp", ...}
inline std::vector<std::string> keys_at(const json& object, std::string_view key) {
  std::vector<std::string> result;
  for (const auto& [name, value] : object_at(object, key).items()) {
    result.push_back(name);
  }
  return result;
}

inline Error unparsable(const std::string& why) {
  return Error{ErrorCode::transport, 0, "unparsable answer from the engine: " + why};
}

// Far deeper than any answer of the engine (a container's inspection nests
// 5 levels). Copying or dumping a value recurses once per level, so a body
// nested some thousands deep would overflow the stack.
inline constexpr int k_max_json_depth = 256;

// The deepest nesting of arrays and objects in `body`, counted outside
// strings; stops counting once past `limit`.
inline int json_depth(const std::string& body, int limit) {
  int depth = 0;
  int deepest = 0;
  bool in_string = false;
  for (size_t i = 0; i < body.size() && deepest <= limit; ++i) {
    const char c = body[i];
    if (in_string) {
      i += c == '\\' ? 1 : 0;
      in_string = c != '"';
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return deepest;
}

// Parses `body`, checks its top-level kind and maps it with `convert`; no
// exception leaves, whatever the engine sent. A body nested deeper than
// k_max_json_depth is unparsable. The depth is checked before parsing, not
// with a parser callback: nlohmann's callback parser looks through an
// object's members each time one of them ends, quadratic for a container
// exposing 65535 ports (ExposedPorts holds 65535 empty objects).
template <class Convert>
auto parse_body(const std::string& body, json::value_t expected, Convert convert)
    -> Result<decltype(convert(json()))> {
  try {
    if (json_depth(body, k_max_json_depth) > k_max_json_depth) {
      return unparsable("nested deeper than " + std::to_string(k_max_json_depth) + " levels");
    }
    const json document = json::parse(body);
    if (document.type() != expected) {
      return unparsable("expected a JSON " + std::string(json(expected).type_name()) + ", got " +
                        document.type_name());
    }
    return convert(document);
  } catch (const std::exception& error) {
    return unparsable(error.what());
  }
}

}  // namespace berth::engine::json_readers
