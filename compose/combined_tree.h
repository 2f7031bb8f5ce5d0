#pragma once
// Internal to compose: the project's files read and combined (include,
// merge, extends) but not parsed into the model and not interpolated, for
// `config --no-interpolate` (uninterpolated_output.h).

#include <string>

#include "compose/loader.h"
#include "compose/yaml_tree.h"

namespace berth::compose {

struct CombinedTree {
  YamlNode root;             // a mapping, its values as written (`${VAR}` kept)
  std::string project_name;  // -p, COMPOSE_PROJECT_NAME, `name:` or the directory
  std::string directory;     // the project's: where relative paths start
};

// Throws ConfigError when a file cannot be read, parsed or combined.
CombinedTree load_uninterpolated_tree(const LoadOptions& options);

}  // namespace berth::compose
