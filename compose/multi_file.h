#pragma once
// Internal to compose: the tree stage between reading the project's files and
// parsing them: the files laid over each other in order (merge.h), then
// `extends` resolved (extends.h). `include` (include.h) imports whole
// projects into a file before that. What comes out reads as one project file
// whose nodes still name the file each was written in.

#include <map>
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

// Reads every file the project's files lead to: those `extends` names (with
// the project's variables) and those `include` names (with the variables of
// the include).
class ProjectFileReader : public ExtendsFiles {
 public:
  // The file at `path` (absolute) parsed and interpolated with `variables`,
  // its nodes naming `display_name`. Throws ConfigError when it cannot be
  // read or parsed.
  virtual FileTree read_included(const std::string& path, const std::string& display_name,
                                 const std::map<std::string, std::string>& variables) = 0;
};

struct CombineContext {
  // Relative paths in the project's services resolve against it.
  std::string project_directory;
  // Where messages name files from: the directory of the whole project.
  std::string display_directory;
  // The project's variables, for the env files of its includes.
  const std::map<std::string, std::string>* variables = nullptr;
  ProjectFileReader* files = nullptr;
  // The files whose `include` led here, outermost first (absolute paths).
  std::vector<std::string> include_chain;
};

// The trees of `files` (at least one) with their `include`s imported
// (include.h), merged in order, `extends` resolved, the merge tags applied.
// Problems go to `reader`: files mixing fig v1 and the services format, and
// everything apply_includes() and resolve_extends() report.
YamlNode combine_project_files(std::vector<FileTree> files, const CombineContext& context,
                               FieldReader& reader);

}  // namespace berth::compose
