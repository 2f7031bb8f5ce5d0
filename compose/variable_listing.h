#pragma once
// `config --variables` and `config --environment`: which variables the
// project files use, how (required, with a default, with an alternate
// value), and what each is now; and the variables interpolation reads.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "compose/loader.h"

namespace berth::compose {

struct VariableUse {
  std::string name;
  bool required = false;       // ${NAME?message} or ${NAME:?message}
  std::string default_value;   // ${NAME-default} or ${NAME:-default}
  std::string alternate;       // ${NAME+alternate} or ${NAME:+alternate}
  std::optional<std::string> value;  // now, from the shell over the env file; nullopt: unset
};

// Pure: the variables `text` (one scalar) refers to, nested ones included,
// in order of appearance; "$$" is no reference.
std::vector<VariableUse> variables_in(const std::string& text);

// Every variable the project files refer to (in any value, as compose v2
// lists them), once each, sorted by name, with its value. Throws ConfigError
// when a file cannot be read or parsed.
std::vector<VariableUse> variables_used(const LoadOptions& options);

// The variables interpolation reads: the shell's environment over the env
// file's (`.env` or --env-file).
std::map<std::string, std::string> interpolation_environment(const LoadOptions& options);

}  // namespace berth::compose
