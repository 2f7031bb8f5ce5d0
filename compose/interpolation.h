#pragma once
// Internal to compose: variable interpolation in project files, as the
// compose spec defines it: "$VAR", "${VAR}", "${VAR:-default}",
// "${VAR-default}", "${VAR:?message}", "${VAR?message}", "${VAR:+alt}",
// "${VAR+alt}", nesting inside the braces ("${A:-${B}}") and "$$" for "$".
// It runs on the YAML tree before any parser reads it, so every key sees
// the final text.

#include <map>
#include <string>
#include <vector>

#include "compose/config_error.h"
#include "compose/yaml_tree.h"

namespace berth::compose {

struct InterpolationResult {
  std::string text;   // the interpolated text; meaningless when `error` is set
  std::string error;  // empty on success, else the message (without position)
  // Variables used without a default that are not set, in order of first use;
  // each stands for an empty string.
  std::vector<std::string> unset;
};

// What a "$" followed by neither "$", "{" nor a name means ("$(date)",
// "$2a$14$..." in a bcrypt hash, a "$" at the end): an error in
// docker-compose 1.29.2, which fig v1 files follow; the "$" itself in compose
// v2, which files with `services:` follow.
enum class DollarRule { lone_dollar_is_error, lone_dollar_is_literal };

// Interpolates one string. Pure: `variables` is the only source of values.
InterpolationResult interpolate(const std::string& text,
                                const std::map<std::string, std::string>& variables,
                                DollarRule rule = DollarRule::lone_dollar_is_error);

// Interpolates every scalar value of `root` in place; mapping keys and the
// values of top-level "x-*" extensions (which berth never reads) are left
// alone, as docker-compose 1.29.2 leaves them. A scalar keeps `quoted`, so an
// unquoted "${PORT}" that becomes "8080" still reads as a number would.
// Failures go to `diagnostics`, positioned at the scalar, and leave it
// unchanged; each unset variable adds one warning to `warnings` (once per name,
// also across calls).
void interpolate_tree(YamlNode& root, const std::string& file,
                      const std::map<std::string, std::string>& variables,
                      std::vector<Diagnostic>& diagnostics, std::vector<std::string>& warnings,
                      DollarRule rule = DollarRule::lone_dollar_is_error);

// interpolate_tree() for a whole project file, before it is merged or parsed:
// throws ConfigError with every failure, since parsing uninterpolated text
// would only add confusing errors.
void interpolate_file(YamlNode& root, const std::string& file,
                      const std::map<std::string, std::string>& variables,
                      std::vector<std::string>& warnings, DollarRule rule);

// The warning for a variable that `unset` named, in compose's words.
std::string unset_variable_warning(const std::string& name);

}  // namespace berth::compose
