#pragma once
// load_project(): finds, reads and validates a project file into the model.
// The only user of yaml-cpp. Throws ConfigError for anything wrong with the
// file, before anything talks to an engine.

#include <map>
#include <string>
#include <vector>

#include "compose/model.h"

namespace berth::compose {

// File names tried, in this order, when no -f is given.
const std::vector<std::string>& default_file_names();

struct LoadOptions {
  std::vector<std::string> files;  // -f; empty: look up default_file_names() in working_dir
  std::string working_dir;         // where defaults are looked up; empty: the current dir
  std::string project_name;        // -p; empty: COMPOSE_PROJECT_NAME, `name:`, directory name
  std::map<std::string, std::string> environment;  // the shell's environment
};

Project load_project(const LoadOptions& options);

// Same, from text already in memory; `file_name` is used in messages and
// `directory` to resolve relative paths. For tests and fuzzing.
Project load_project_text(const std::string& text, const std::string& file_name,
                          const std::string& directory, const LoadOptions& options);

}  // namespace berth::compose
