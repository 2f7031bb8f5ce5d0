#pragma once
// Internal to compose: which files make up the project, in the order they
// are laid over each other, and reading one of them.

#include <string>
#include <vector>

#include "compose/loader.h"

namespace berth::compose {

struct ProjectFile {
  std::string path;          // absolute, normalised ("-": the current directory's "-")
  std::string display_name;  // for messages: as the user named it, or the default file's name
  bool from_stdin = false;   // `-f -`: read from standard input, relative to the current directory
};

// -f files, in order; without -f, COMPOSE_FILE's (split at
// COMPOSE_PATH_SEPARATOR, ":" unless set); without either, the first of
// default_file_names() in the working directory, then the override file
// beside it (docker-compose.override.yml, docker-compose.override.yaml,
// compose.override.yml or compose.override.yaml, whichever main file was
// found, as docker-compose 1.29.2 looks). Relative names are relative to the
// current directory. Throws ConfigError when no default file is found or
// more than one override file is.
std::vector<ProjectFile> find_project_files(const LoadOptions& options);

// Where the default project file is when neither -f nor COMPOSE_FILE names
// one: `working_dir` (or the current directory) or its nearest parent with
// one; "" when there is none. The `.env` is read from there.
std::string default_file_directory(const std::string& working_dir);

// The override file names looked for beside a default file.
const std::vector<std::string>& override_file_names();

// The whole text of `file`; throws ConfigError naming it when it cannot be read.
std::string read_project_file(const ProjectFile& file);

// `path` absolute and lexically normal, without a trailing "/".
std::string normalised_absolute(const std::string& path);

}  // namespace berth::compose
