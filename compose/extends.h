#pragma once
// Internal to compose: `extends:`, resolved on the YAML tree before any
// parser runs. `extends: NAME` or `extends: {service: NAME, file: PATH}`
// takes the named service (its own `extends` resolved first) and lays the
// extending service over it with merge_service(); the key is then removed.
//
// As docker-compose 1.29.2 does it:
//  - `extends: NAME` in the project's services names a service of the FIRST
//    project file as written there, not as other -f files change it;
//  - `file:` is relative to the directory of the file the `extends` is
//    written in, and relative paths of a service taken from another file
//    (volumes, build, env_file) resolve against that file's directory;
//  - a service with links, volumes_from, depends_on or `network_mode:
//    service:...` cannot be extended at all (compose 1.29.2 refuses; the
//    compose documentation's "never shared" describes newer versions);
//  - a cycle is an error naming it: "extends cycle: web -> base -> web".

#include <string>
#include <vector>

#include "compose/field_reader.h"
#include "compose/yaml_tree.h"

namespace berth::compose {

// Reads the files `extends: {file: ...}` names; abstract so tests can serve
// them from memory.
class ExtendsFiles {
 public:
  virtual ~ExtendsFiles() = default;
  // The tree of the file at `path` (absolute), its nodes naming
  // `display_name`. Throws ConfigError when it cannot be read or parsed.
  virtual const YamlNode& load(const std::string& path, const std::string& display_name) = 0;
};

struct ExtendsContext {
  std::string main_path;       // absolute path of the first project file
  std::string main_directory;  // the project directory
  const YamlNode* main_root = nullptr;  // the first project file's tree, before merging
  bool legacy_format = false;           // fig v1: services at the top level
  ExtendsFiles* files = nullptr;
};

// Resolves `extends` in every service of `services` (the project's merged
// services mapping) in place. Problems go to `reader`, each once; a service
// whose `extends` fails keeps its own keys.
void resolve_extends(YamlNode& services, const ExtendsContext& context, FieldReader& reader);

// How messages name a file an `extends` reads: relative to the project
// directory when inside it, else absolute.
std::string extends_display_name(const std::string& path, const std::string& project_directory);

}  // namespace berth::compose
