#include "compose/env_file.h"

#include <filesystem>
#include <optional>
#include <unordered_map>

#include "compose/config_error.h"
#include "compose/project_files.h"
#include "files/bounded_file.h"

namespace berth::compose {
namespace fs = std::filesystem;

std::optional<std::string> read_text(const fs::path& path, std::string& problem) {
  files::ReadResult read = files::read_file(path.string());
  if (!read) {
    problem = read.message;
    return std::nullopt;
  }
  return std::move(read.text);
}

namespace {

// Variables in order of first appearance, a key already there keeping its
// place and taking the new value; found through an index, so that a file of
// a million lines costs a million steps, not a million squared.
class OrderedVariables {
 public:
  void merge(EnvVariable variable) {
    auto [at, added] = m_index.emplace(variable.key, m_variables.size());
    if (added) {
      m_variables.push_back(std::move(variable));
    } else {
      m_variables[at->second].value = std::move(variable.value);
    }
  }
  std::vector<EnvVariable> take() { return std::move(m_variables); }

 private:
  std::vector<EnvVariable> m_variables;
  std::unordered_map<std::string, size_t> m_index;
};

// As compose's expand_path(): "~" is HOME, relative paths start at `directory`.
fs::path env_file_path(const std::string& written, const std::string& directory,
                       const std::map<std::string, std::string>& variables) {
  auto home = variables.find("HOME");
  if (home != variables.end() && (written == "~" || written.rfind("~/", 0) == 0)) {
    return fs::path(home->second + written.substr(1)).lexically_normal();
  }
  return (fs::path(directory) / written).lexically_normal();
}

// The directory of the first project file as docker-compose 1.29.2's
// get_project_dir() sees it: -f, else the shell's COMPOSE_FILE ("-" is stdin).
std::string env_file_directory(const LoadOptions& options) {
  if (!options.working_dir.empty()) {
    return options.working_dir;
  }
  std::string first = options.files.empty() ? "" : options.files.front();
  auto compose_file = options.environment.find("COMPOSE_FILE");
  if (options.files.empty() && compose_file != options.environment.end()) {
    auto separator = options.environment.find("COMPOSE_PATH_SEPARATOR");
    bool custom = separator != options.environment.end() && !separator->second.empty();
    first =
        compose_file->second.substr(0, compose_file->second.find(custom ? separator->second : ":"));
  }
  if (first.empty()) {
    return default_file_directory("");  // found in the current directory or a parent
  }
  return first == "-" ? "" : fs::path(first).parent_path().string();
}

const KnownKeys k_long_form_keys = {{"path", "required", "format"}, {}};

class EnvFileReader {
 public:
  EnvFileReader(FieldReader& reader, const std::string& directory,
                const std::map<std::string, std::string>& variables, const std::string& what)
      : m_reader(reader), m_directory(directory), m_variables(variables), m_what(what) {}

  // A path, or the long form {path, required, format}.
  void read(const YamlNode& node, const std::string& path) {
    if (!node.is_mapping()) {
      read_file(node, path, true);
      return;
    }
    m_reader.check_keys(node, path, k_long_form_keys, true);
    std::optional<bool> required = true;
    if (const YamlEntry* entry = node.find("required")) {
      required = m_reader.boolean(entry->value, child_path(path, "required"));
    }
    if (const YamlEntry* format = node.find("format")) {
      // compose v2 2.26.1 refuses every format, "raw" included; so does berth.
      std::string at = child_path(path, "format");
      if (std::optional<std::string> text = m_reader.string(format->value, at)) {
        m_reader.error(format->value, at, "unsupported " + m_what + " format " + in_quotes(*text));
      }
      return;
    }
    const YamlEntry* file = node.find("path");
    if (file == nullptr) {
      m_reader.error(node, path, "missing \"path\" (the " + m_what + " to read)");
    } else if (required) {
      read_file(file->value, child_path(path, "path"), *required);
    }
  }

 private:
  // A missing optional file is skipped; any other problem is reported.
  void read_file(const YamlNode& node, const std::string& path, bool required) {
    std::optional<std::string> written = m_reader.string(node, path);
    if (!written) {
      return;
    }
    std::string problem;
    fs::path file = env_file_path(*written, m_directory, m_variables);
    std::error_code error;
    if (!required && !fs::exists(file, error)) {
      return;
    }
    std::optional<std::string> text = read_text(file, problem);
    if (!text) {
      m_reader.error(node, path, m_what + " " + in_quotes(*written) + " " + problem);
      return;
    }
    DotenvResult parsed = parse_dotenv(*text, *written, m_variables);
    m_reader.add(std::move(parsed.diagnostics));
    for (EnvVariable& variable : parsed.variables) {
      m_result.merge(std::move(variable));
    }
  }


 public:
  std::vector<EnvVariable> take_result() { return m_result.take(); }

 private:
  FieldReader& m_reader;
  const std::string& m_directory;
  const std::map<std::string, std::string>& m_variables;
  std::string m_what;
  OrderedVariables m_result;
};

// One env file's variables laid over `variables` (a later file wins), its
// `${...}` resolved against the shell and the files before it.
void add_project_env_file(const std::string& display, const std::map<std::string, std::string>& shell,
                          std::map<std::string, std::string>& from_files) {
  std::string problem;
  std::optional<std::string> text = read_text(fs::absolute(display), problem);
  if (!text) {
    throw ConfigError(SourcePos{}, "env file " + in_quotes(display) + " " + problem);
  }
  std::map<std::string, std::string> visible = from_files;
  for (const auto& [key, value] : shell) {
    visible[key] = value;
  }
  DotenvResult parsed = parse_dotenv(*text, display, visible);
  if (!parsed.diagnostics.empty()) {
    throw ConfigError(std::move(parsed.diagnostics));
  }
  for (const EnvVariable& variable : parsed.variables) {
    if (variable.value) {
      from_files[variable.key] = *variable.value;
    }
  }
}

}  // namespace

std::map<std::string, std::string> project_variables(const LoadOptions& options) {
  const std::map<std::string, std::string>& shell = options.environment;
  std::vector<std::string> files = options.env_files;
  if (files.empty()) {
    std::string directory = env_file_directory(options);
    std::string dotenv = directory.empty() ? ".env" : (fs::path(directory) / ".env").string();
    std::error_code error;
    if (!fs::is_regular_file(dotenv, error)) {
      return shell;  // no .env: only the shell's variables
    }
    files.push_back(dotenv);
  }
  std::map<std::string, std::string> from_files;
  for (const std::string& file : files) {
    add_project_env_file(file, shell, from_files);
  }
  std::map<std::string, std::string> variables = shell;
  for (const auto& [key, value] : from_files) {
    variables.emplace(key, value);  // a variable the shell has keeps the shell's value
  }
  return variables;
}

std::vector<EnvVariable> read_env_files(FieldReader& reader, const YamlNode& node,
                                        const std::string& path, const std::string& directory,
                                        const std::map<std::string, std::string>& variables,
                                        const std::string& what) {
  EnvFileReader files(reader, directory, variables, what);
  if (node.is_sequence()) {
    for (size_t i = 0; i < node.items.size(); ++i) {
      files.read(node.items[i], item_path(path, i));
    }
  } else if (node.is_scalar()) {
    files.read(node, path);
  } else {
    reader.error(node, path, "expected a string or a sequence, got " + describe_kind(node.kind));
  }
  return files.take_result();
}

void apply_env_files(FieldReader& reader, const YamlNode& body, const std::string& path,
                     const std::string& directory,
                     const std::map<std::string, std::string>& variables,
                     std::vector<std::pair<std::string, std::string>>& environment) {
  const YamlEntry* env_file = body.find("env_file");
  if (env_file == nullptr) {
    return;
  }
  // update_environment() for each variable, through an index: env files may be long.
  std::vector<std::optional<std::pair<std::string, std::string>>> entries;  // nullopt: removed
  std::unordered_map<std::string, size_t> index;
  for (auto& entry : environment) {
    index.emplace(entry.first, entries.size());
    entries.emplace_back(std::move(entry));
  }
  for (EnvVariable& variable : read_env_files(reader, env_file->value, child_path(path, "env_file"),
                                              directory, variables)) {
    std::optional<std::string> value = std::move(variable.value);
    if (auto found = variables.find(variable.key); !value && found != variables.end()) {
      value = found->second;
    }
    auto at = index.find(variable.key);
    if (at != index.end() && value) {
      entries[at->second]->second = std::move(*value);
    } else if (at != index.end()) {
      entries[at->second].reset();
      index.erase(at);
    } else if (value) {
      index.emplace(variable.key, entries.size());
      entries.emplace_back(std::pair{std::move(variable.key), std::move(*value)});
    }
  }
  environment.clear();
  for (auto& entry : entries) {
    if (entry) {
      environment.push_back(std::move(*entry));
    }
  }
}

void update_environment(std::vector<std::pair<std::string, std::string>>& environment,
                        const EnvVariable& variable,
                        const std::map<std::string, std::string>& variables) {
  std::optional<std::string> value = variable.value;
  if (!value) {
    if (auto found = variables.find(variable.key); found != variables.end()) {
      value = found->second;
    }
  }
  for (auto entry = environment.begin(); entry != environment.end(); ++entry) {
    if (entry->first == variable.key) {
      if (value) {
        entry->second = *value;
      } else {
        environment.erase(entry);
      }
      return;
    }
  }
  if (value) {
    environment.emplace_back(variable.key, *value);
  }
}

}  // namespace berth::compose
