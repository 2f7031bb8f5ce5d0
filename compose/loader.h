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
  // -f, laid over each other in order; empty: COMPOSE_FILE, else the first of
  // default_file_names() in working_dir and its override file (compose/project_files.h).
  std::vector<std::string> files;
  std::string working_dir;         // where defaults are looked up; empty: the current dir
  std::string project_name;        // -p; empty: COMPOSE_PROJECT_NAME, `name:`, directory name
  // The shell's environment. load_project() puts the env file's variables
  // under it (the shell wins) before anything reads it, so COMPOSE_* may
  // come from `.env`; load_project_text() takes it as it is.
  std::map<std::string, std::string> environment;
  // --env-file, each relative to the current directory, later ones winning
  // (compose v2); empty: `.env` in the project directory (working_dir, else
  // the first file's) when present.
  std::vector<std::string> env_files;
  // --profile, repeatable; empty: COMPOSE_PROFILES (comma-separated). Only
  // recorded in Project::enabled_profiles: every service is loaded.
  std::vector<std::string> profiles;
};

Project load_project(const LoadOptions& options);

// Same, from text already in memory; `file_name` is used in messages and
// `directory` to resolve relative paths. For tests and fuzzing.
Project load_project_text(const std::string& text, const std::string& file_name,
                          const std::string& directory, const LoadOptions& options);

}  // namespace berth::compose
