#pragma once
// Internal to compose: the tree stage between reading the project's files and
// parsing them: the files laid over each other in order (merge.h), then
// `extends` resolved (extends.h). What comes out reads as one project file
// whose nodes still name the file each was written in.

#include <string>
#include <vector>

#include "compose/extends.h"
#include "compose/field_reader.h"
#include "compose/yaml_tree.h"

namespace berth::compose {

// One project file, read and interpolated on its own.
struct FileTree {
  std::string path;          // absolute
  std::string display_name;  // for messages
  YamlNode root;             // a mapping
};

// The trees of `files` (at least one) merged in order, `extends` resolved.
// `project_directory` is the directory relative paths in the project's
// services resolve against; `extends_files` reads the files `extends` names.
// Problems go to `reader`: files mixing fig v1 and the services format, and
// everything resolve_extends() reports.
YamlNode combine_project_files(const std::vector<FileTree>& files,
                               const std::string& project_directory,
                               ExtendsFiles& extends_files, FieldReader& reader);

}  // namespace berth::compose
