#pragma once
// Shared by the compose loader tests: load text as "compose.yaml" in /proj
// and catch the error text.

#include <gtest/gtest.h>

#include <string>

#include "compose/config_error.h"
#include "compose/loader.h"

namespace berth::compose::testing {

inline Project load(const std::string& text, const LoadOptions& options = {}) {
  return load_project_text(text, "compose.yaml", "/proj", options);
}

// The whole what() of the ConfigError that loading throws, or a marker when it loads.
inline std::string load_error(const std::string& text, const LoadOptions& options = {}) {
  try {
    load(text, options);
  } catch (const ConfigError& error) {
    return error.what();
  }
  return "<loaded without error>";
}

}  // namespace berth::compose::testing
