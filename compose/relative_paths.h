#pragma once
// Internal to compose: a service taken from another file, by `extends` or
// `include`, keeps the meaning of its relative paths: they are made absolute
// against that file's directory before it joins the project, whose parsers
// resolve what stays relative against the project directory.

#include <string>

#include "compose/yaml_tree.h"

namespace berth::compose {

// The relative paths of one service's mapping made absolute against `dir`:
// bind mount sources ("./src:/dst", "../x", and long syntax `type: bind`),
// `build` (its context), `env_file` (a path, a list of paths or of
// `{path: ...}`). Named volumes, "~", absolute paths and URLs stay.
void absolutize_service_paths(YamlNode& service, const std::string& dir);

// The `file:` of each declaration in a top-level `secrets:` or `configs:`.
void absolutize_declaration_files(YamlNode& declarations, const std::string& dir);

}  // namespace berth::compose
