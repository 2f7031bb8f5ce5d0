#include "compose/loader.h"

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "compose/config_error.h"
#include "compose/field_reader.h"
#include "compose/network_parser.h"
#include "compose/project_name.h"
#include "compose/service_parser.h"
#include "compose/validation.h"
#include "compose/volume_parser.h"
#include "compose/yaml_tree.h"

namespace berth::compose {
namespace {

namespace fs = std::filesystem;

const KnownKeys k_top_level_keys = {{"version", "name", "services", "volumes", "networks"},
                                    {"secrets", "configs"}};

// Used when the directory name has no usable character, as compose does.
const char* const k_fallback_project_name = "default";

struct ProjectFile {
  fs::path path;             // absolute
  std::string display_name;  // for messages
};

std::string normalised_dir(const fs::path& path) {
  std::string text = fs::absolute(path).lexically_normal().string();
  if (text.size() > 1 && text.back() == '/') {
    text.pop_back();
  }
  return text;
}

ProjectFile find_default_file(const std::string& working_dir) {
  fs::path dir = normalised_dir(working_dir.empty() ? fs::current_path() : fs::path(working_dir));
  std::string tried;
  for (const std::string& name : default_file_names()) {
    std::error_code error;
    if (fs::is_regular_file(dir / name, error)) {
      return ProjectFile{dir / name, name};
    }
    tried += (tried.empty() ? "" : ", ") + name;
  }
  throw ConfigError(SourcePos{},
                    "no project file found in " + dir.string() + " (looked for " + tried + ")");
}

std::string read_file(const ProjectFile& file) {
  std::error_code error;
  if (fs::is_directory(file.path, error)) {
    throw ConfigError(SourcePos{}, "cannot read project file " + in_quotes(file.display_name) +
                                       ": it is a directory");
  }
  std::ifstream stream(file.path, std::ios::binary);
  if (!stream) {
    throw ConfigError(SourcePos{}, "cannot read project file " + in_quotes(file.display_name) +
                                       ": " + std::strerror(errno));
  }
  std::ostringstream text;
  text << stream.rdbuf();
  return text.str();
}

// An explicitly chosen name must survive normalisation; `pos` says where it came from.
std::string explicit_project_name(FieldReader& reader, const std::string& raw, SourcePos pos) {
  std::string name = normalise_project_name(raw);
  if (name.empty()) {
    reader.error(std::move(pos), "invalid project name " + in_quotes(raw) +
                                     " (it needs at least one letter or digit)");
    return k_fallback_project_name;
  }
  return name;
}

// -p, then COMPOSE_PROJECT_NAME, then `name:`, then the directory's name.
std::string resolve_project_name(FieldReader& reader, const YamlNode* name_node,
                                 const std::string& directory, const LoadOptions& options) {
  if (!options.project_name.empty()) {
    return explicit_project_name(reader, options.project_name, SourcePos{});
  }
  auto variable = options.environment.find("COMPOSE_PROJECT_NAME");
  if (variable != options.environment.end() && !variable->second.empty()) {
    return explicit_project_name(reader, variable->second,
                                 SourcePos{"", 0, 0, "COMPOSE_PROJECT_NAME"});
  }
  if (name_node != nullptr) {
    if (std::optional<std::string> text = reader.string(*name_node, "name")) {
      return explicit_project_name(reader, *text, reader.pos(*name_node, "name"));
    }
  }
  std::string name = normalise_project_name(fs::path(directory).filename().string());
  return name.empty() ? k_fallback_project_name : name;
}

class ProjectLoader {
 public:
  ProjectLoader(FieldReader& reader, const LoadOptions& options, Project& project)
      : m_reader(reader), m_options(options), m_project(project) {}

  // The services format: `services:`, `volumes:`, ... at the top level.
  void load_services_format(const YamlNode& root) {
    m_reader.check_keys(root, "", k_top_level_keys, true);
    const YamlEntry* name = root.find("name");
    m_project.name = resolve_project_name(m_reader, name != nullptr ? &name->value : nullptr,
                                          m_project.directory, m_options);
    if (const YamlEntry* version = root.find("version")) {
      m_reader.string(version->value, "version");  // any version: only its type is checked
    }
    if (const YamlEntry* networks = root.find("networks")) {
      m_project.networks =
          parse_network_decls(m_reader, networks->value, "networks", m_project.name);
    }
    if (const YamlEntry* volumes = root.find("volumes")) {
      m_project.volumes = parse_volume_decls(m_reader, volumes->value, "volumes", m_project.name);
    }
    const YamlEntry* services = root.find("services");
    if (services != nullptr && !services->value.is_null() &&
        m_reader.expect(services->value, "services", YamlNode::Kind::mapping)) {
      load_services(services->value, "services", &m_project.volumes);
    }
  }

  // Fig v1: every top-level key is a service; named volumes need no declaration.
  void load_legacy_format(const YamlNode& root) {
    m_project.legacy_format = true;
    m_project.name = resolve_project_name(m_reader, nullptr, m_project.directory, m_options);
    load_services(root, "", nullptr);
    declare_implicit_volumes(m_project);
  }

 private:
  void load_services(const YamlNode& services, const std::string& path,
                     const std::vector<VolumeDecl>* declared_volumes) {
    ServiceContext context{&m_options.environment, m_project.directory, declared_volumes};
    for (const YamlEntry& entry : services.entries) {
      if (is_extension_key(entry.key.text)) {
        continue;
      }
      m_project.services.push_back(
          parse_service(m_reader, entry, child_path(path, entry.key.text), context));
    }
  }

  FieldReader& m_reader;
  const LoadOptions& m_options;
  Project& m_project;
};

// In reading order; problems without a line (such as -p) go last.
void sort_diagnostics(std::vector<Diagnostic>& diagnostics) {
  auto key = [](const Diagnostic& diagnostic) {
    int line = diagnostic.pos.line > 0 ? diagnostic.pos.line : INT_MAX;
    return std::make_pair(line, diagnostic.pos.column);
  };
  std::stable_sort(diagnostics.begin(), diagnostics.end(),
                   [&](const Diagnostic& a, const Diagnostic& b) { return key(a) < key(b); });
}

}  // namespace

const std::vector<std::string>& default_file_names() {
  static const std::vector<std::string> k_names = {
      "compose.yaml",       "compose.yml", "docker-compose.yaml",
      "docker-compose.yml", "fig.yml",     "fig.yaml"};
  return k_names;
}

Project load_project(const LoadOptions& options) {
  if (options.files.size() > 1) {
    throw ConfigError(SourcePos{}, "several -f files are not supported yet");
  }
  ProjectFile file =
      options.files.empty()
          ? find_default_file(options.working_dir)
          : ProjectFile{fs::absolute(options.files[0]).lexically_normal(), options.files[0]};
  std::string text = read_file(file);
  Project project =
      load_project_text(text, file.display_name, file.path.parent_path().string(), options);
  project.files = {file.path.string()};
  return project;
}

Project load_project_text(const std::string& text, const std::string& file_name,
                          const std::string& directory, const LoadOptions& options) {
  std::vector<Diagnostic> tree_diagnostics;
  YamlNode root = parse_yaml(text, file_name, tree_diagnostics);
  if (root.is_null()) {
    throw ConfigError(SourcePos{file_name, 0, 0, ""}, "file is empty");
  }
  FieldReader reader(file_name);
  reader.add(std::move(tree_diagnostics));
  Project project;
  project.directory = normalised_dir(directory);
  project.files = {file_name};
  if (!root.is_mapping()) {
    reader.error(SourcePos{file_name, root.line, root.column, ""},
                 "expected a mapping at the top level, got " + describe_kind(root.kind));
    throw ConfigError(reader.diagnostics());
  }
  ProjectLoader loader(reader, options, project);
  if (root.find("services") != nullptr || root.find("version") != nullptr) {
    loader.load_services_format(root);
  } else {
    loader.load_legacy_format(root);
  }
  resolve_networks(reader, project);
  validate_references(reader, project);
  if (reader.has_errors()) {
    std::vector<Diagnostic> diagnostics = reader.diagnostics();
    sort_diagnostics(diagnostics);
    throw ConfigError(std::move(diagnostics));
  }
  return project;
}

}  // namespace berth::compose
