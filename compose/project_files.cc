#include "compose/project_files.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <iterator>

#include "compose/config_error.h"
#include "compose/field_reader.h"
#include "files/bounded_file.h"

namespace berth::compose {
namespace {

namespace fs = std::filesystem;

ProjectFile named_file(const std::string& name) {
  return ProjectFile{normalised_absolute(name), name, name == "-"};
}

// `-f -`: standard input, read once however often the file is asked for.
const std::string& standard_input_text() {
  static const std::string k_text = [] {
    std::string text((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
    return text;
  }();
  return k_text;
}

// Anything there (a directory or a FIFO too, which reading then refuses in
// one line, rather than "no project file found"); a dangling symlink is not.
bool is_there(const fs::path& path) {
  std::error_code error;
  return fs::exists(path, error);
}

std::string join(const std::vector<std::string>& names) {
  std::string text;
  for (const std::string& name : names) {
    text += (text.empty() ? "" : ", ") + name;
  }
  return text;
}

// COMPOSE_FILE's names; empty entries (a trailing separator) are skipped.
std::vector<ProjectFile> files_from_environment(const std::string& list,
                                                const std::string& separator) {
  std::vector<ProjectFile> files;
  size_t begin = 0;
  while (begin <= list.size()) {
    size_t end = list.find(separator, begin);
    if (end == std::string::npos) {
      end = list.size();
    }
    if (end > begin) {
      files.push_back(named_file(list.substr(begin, end - begin)));
    }
    begin = end + separator.size();
  }
  return files;
}

// Two override files would make the result depend on which one wins; compose refuses.
std::vector<ProjectFile> override_files(const fs::path& dir) {
  std::vector<ProjectFile> found;
  for (const std::string& name : override_file_names()) {
    if (is_there(dir / name)) {
      found.push_back(ProjectFile{(dir / name).string(), name});
    }
  }
  if (found.size() > 1) {
    std::vector<std::string> names;
    for (const ProjectFile& file : found) {
      names.push_back(file.display_name);
    }
    throw ConfigError(SourcePos{}, "several override files found in " + dir.string() + " (" +
                                       join(names) + "); keep only one");
  }
  return found;
}

// The default file of `dir` and its override file; empty when it has none.
std::vector<ProjectFile> files_in(const fs::path& dir) {
  for (const std::string& name : default_file_names()) {
    if (is_there(dir / name)) {
      std::vector<ProjectFile> files = {ProjectFile{(dir / name).string(), name}};
      for (ProjectFile& file : override_files(dir)) {
        files.push_back(std::move(file));
      }
      return files;
    }
  }
  return {};
}

// In the working directory, else (as compose v2 looks, when no
// --project-directory names one) in the nearest parent that has one.
std::vector<ProjectFile> default_files(const std::string& working_dir) {
  const fs::path start = normalised_absolute(working_dir.empty() ? fs::current_path().string()
                                                                 : working_dir);
  for (fs::path dir = start;; dir = dir.parent_path()) {
    auto files = files_in(dir);
    if (!files.empty()) {
      if (dir != start) {
        for (auto& file : files) {
          file.display_name = file.path;  // say where it was found
        }
      }
      return files;
    }
    if (!working_dir.empty() || dir == dir.parent_path()) {
      break;
    }
  }
  throw ConfigError(SourcePos{}, "no project file found in " + start.string() +
                                     (working_dir.empty() ? " or its parents" : "") +
                                     " (looked for " + join(default_file_names()) + ")");
}

}  // namespace

std::string default_file_directory(const std::string& working_dir) {
  try {
    return fs::path(default_files(working_dir).front().path).parent_path().string();
  } catch (const ConfigError&) {
    return "";  // no file: the error comes when the project is loaded
  }
}

const std::vector<std::string>& override_file_names() {
  static const std::vector<std::string> k_names = {
      "docker-compose.override.yml", "docker-compose.override.yaml", "compose.override.yml",
      "compose.override.yaml"};
  return k_names;
}

std::vector<ProjectFile> find_project_files(const LoadOptions& options) {
  if (!options.files.empty()) {
    std::vector<ProjectFile> files;
    for (const std::string& name : options.files) {
      files.push_back(named_file(name));
    }
    return files;
  }
  auto variable = options.environment.find("COMPOSE_FILE");
  if (variable != options.environment.end() && !variable->second.empty()) {
    auto separator = options.environment.find("COMPOSE_PATH_SEPARATOR");
    bool custom = separator != options.environment.end() && !separator->second.empty();
    std::vector<ProjectFile> files =
        files_from_environment(variable->second, custom ? separator->second : ":");
    if (!files.empty()) {
      return files;
    }
  }
  return default_files(options.working_dir);
}

std::string read_project_file(const ProjectFile& file) {
  if (file.from_stdin) {
    return standard_input_text();
  }
  // Real project files are kilobytes; a file of many megabytes is a mistake
  // (or an attack) that would cost seconds and memory to parse.
  files::ReadOptions options;
  options.limited = "project files are";
  files::ReadResult read = files::read_file(file.path, options);
  if (read.problem == files::Problem::not_found || read.problem == files::Problem::unreadable) {
    throw ConfigError(SourcePos{}, "cannot read project file " + in_quotes(file.display_name) +
                                       ": " + std::strerror(read.error_number));
  }
  if (!read) {
    // No position: an include places it at its entry; alone it reads "name: is a FIFO".
    throw ConfigError(SourcePos{}, file.display_name + ": " + read.message);
  }
  return std::move(read.text);
}

std::string normalised_absolute(const std::string& path) {
  std::string text = fs::absolute(path).lexically_normal().string();
  if (text.size() > 1 && text.back() == '/') {
    text.pop_back();
  }
  return text;
}

}  // namespace berth::compose
