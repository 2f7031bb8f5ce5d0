#pragma once
// Internal to the engine module: writing request bodies with only what is
// set, so the engine's defaults fill the rest (an empty string, list or map,
// false, 0 and nullopt are left out).

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace berth::engine::json_writers {

inline void add_string(nlohmann::json& object, const char* key, const std::string& value) {
  if (!value.empty()) {
    object[key] = value;
  }
}

inline void add_list(nlohmann::json& object, const char* key,
                     const std::vector<std::string>& values) {
  if (!values.empty()) {
    object[key] = values;
  }
}

inline void add_map(nlohmann::json& object, const char* key,
                    const std::map<std::string, std::string>& values) {
  if (!values.empty()) {
    object[key] = values;
  }
}

inline void add_flag(nlohmann::json& object, const char* key, bool value) {
  if (value) {
    object[key] = true;
  }
}

inline void add_number(nlohmann::json& object, const char* key, int64_t value) {
  if (value != 0) {
    object[key] = value;
  }
}

template <class T>
void add_optional(nlohmann::json& object, const char* key, const std::optional<T>& value) {
  if (value) {
    object[key] = *value;
  }
}

inline void add_object(nlohmann::json& object, const char* key, nlohmann::json value) {
  if (!value.empty()) {
    object[key] = std::move(value);
  }
}

}  // namespace berth::engine::json_writers
