#pragma once
// Writes a JSON value as block-style YAML: what `berth config` prints. Our own
// writer because yaml-cpp's Emitter took 60% of `config` on large files.
// Strings stay plain where YAML reads them back as the same string, and are
// double-quoted (JSON escapes, valid YAML) otherwise.

#include <nlohmann/json.hpp>
#include <string>

namespace berth::compose {

std::string to_yaml(const nlohmann::json& value);

// True when `text` written plain would read back as something else (a number,
// a boolean, null, or different text).
bool needs_quotes(const std::string& text);

}  // namespace berth::compose
