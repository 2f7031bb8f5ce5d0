#include "compose/project_without_file.h"

#include <filesystem>

#include "compose/config_error.h"
#include "compose/project_files.h"
#include "compose/project_name.h"

namespace berth::compose {

namespace {

namespace fs = std::filesystem;

std::string variable(const LoadOptions& options, const std::string& name) {
  auto found = options.environment.find(name);
  return found == options.environment.end() ? "" : found->second;
}

std::string working_dir(const LoadOptions& options) {
  return normalised_absolute(options.working_dir.empty() ? fs::current_path().string()
                                                         : options.working_dir);
}

bool has_default_file(const std::string& directory) {
  for (const std::string& name : default_file_names()) {
    std::error_code error;
    if (fs::exists(fs::path(directory) / name, error)) {
      return true;  // even a directory of that name: load_project() says what is wrong
    }
  }
  return false;
}

}  // namespace

std::optional<std::string> project_name_without_file(const LoadOptions& options) {
  if (!options.files.empty() || !variable(options, "COMPOSE_FILE").empty() ||
      has_default_file(working_dir(options))) {
    return std::nullopt;
  }
  if (!options.project_name.empty()) {
    if (!is_valid_project_name(options.project_name)) {
      throw ConfigError(SourcePos{}, invalid_project_name_message(options.project_name));
    }
    return options.project_name;
  }
  const std::string from_environment = variable(options, "COMPOSE_PROJECT_NAME");
  if (from_environment.empty()) {
    return std::nullopt;
  }
  if (!is_valid_project_name(from_environment)) {
    throw ConfigError(SourcePos{"", 0, 0, "COMPOSE_PROJECT_NAME"},
                      invalid_project_name_message(from_environment));
  }
  return from_environment;
}

Project project_without_file(const std::string& name, const LoadOptions& options) {
  Project project;
  project.name = name;
  project.directory = working_dir(options);
  return project;
}

}  // namespace berth::compose
