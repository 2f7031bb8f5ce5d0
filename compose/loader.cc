#include "compose/loader.h"

#include <algorithm>
#include <climits>
#include <filesystem>
#include <map>
#include <tuple>

#include "compose/combined_tree.h"
#include "compose/config_error.h"
#include "compose/env_file.h"
#include "compose/field_reader.h"
#include "compose/interpolation.h"
#include "compose/merge.h"
#include "compose/multi_file.h"
#include "compose/network_parser.h"
#include "compose/profiles.h"
#include "compose/project_files.h"
#include "compose/project_name.h"
#include "compose/secrets_parser.h"
#include "compose/service_parser.h"
#include "compose/validation.h"
#include "compose/volume_parser.h"
#include "compose/yaml_tree.h"

namespace berth::compose {
namespace {

namespace fs = std::filesystem;

const KnownKeys k_top_level_keys = {
    {"version", "name", "services", "volumes", "networks", "secrets", "configs", "models"}, {}};

// Used when the directory name has no usable character, as compose does.
const char* const k_fallback_project_name = "default";

std::string normalised_dir(const fs::path& path) {
  std::string text = fs::absolute(path).lexically_normal().string();
  if (text.size() > 1 && text.back() == '/') {
    text.pop_back();
  }
  return text;
}

// An explicitly chosen name is taken as it is or refused, never normalised
// (`rp.coll.a` must not act on `rpcolla`); `pos` says where it came from.
std::string explicit_project_name(FieldReader& reader, const std::string& raw, SourcePos pos) {
  if (!is_valid_project_name(raw)) {
    reader.error(std::move(pos), invalid_project_name_message(raw));
    return k_fallback_project_name;
  }
  return raw;
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
    if (const YamlEntry* models = root.find("models")) {  // newer than compose v2 2.26.1
      m_reader.error(models->key, "models",
                     "key \"models\" is not supported by berth (AI models run by Docker Model "
                     "Runner)");
    }
    if (const YamlEntry* version = root.find("version")) {
      m_reader.string(version->value, "version");  // any version: only its type is checked
    }
    if (const YamlEntry* networks = root.find("networks")) {
      m_project.networks =
          parse_network_decls(m_reader, networks->value, "networks", m_project.name,
                              &m_project.api_requirements);
    }
    if (const YamlEntry* volumes = root.find("volumes")) {
      m_project.volumes = parse_volume_decls(m_reader, volumes->value, "volumes", m_project.name);
    }
    load_file_objects(root);
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
    if (misses_services_key(root)) {
      return;
    }
    load_services(root, "", nullptr);
    declare_implicit_volumes(m_project);
  }

 private:
  void load_file_objects(const YamlNode& root) {
    FileObjectContext context{m_project.name, m_project.directory, &m_options.environment};
    if (const YamlEntry* secrets = root.find("secrets")) {
      m_project.secrets = parse_file_object_decls(m_reader, secrets->value, "secrets",
                                                  FileObjectKind::secret, context);
    }
    if (const YamlEntry* configs = root.find("configs")) {
      m_project.configs = parse_file_object_decls(m_reader, configs->value, "configs",
                                                  FileObjectKind::config, context);
    }
  }

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

  // A file meant in the services format whose `services:` key is misspelt or
  // missing would be read as fig v1, each top-level key a service, and get
  // errors about "services" named volumes or servics. Say what happened instead.
  bool misses_services_key(const YamlNode& root) {
    static const std::vector<std::string> k_modern_keys = {"volumes", "networks", "configs",
                                                           "secrets", "name"};
    bool missed = false;
    for (const YamlEntry& entry : root.entries) {
      const std::string& key = entry.key.text;
      // A v1 service may be called "service": it has an image or a build.
      const bool is_a_service = entry.value.find("image") != nullptr ||
                                entry.value.find("build") != nullptr;
      if (key != "services" && edit_distance(key, "services") <= 2 && !is_a_service) {
        m_reader.error(entry.key, key,
                       "unknown top-level key " + in_quotes(key) + " (did you mean \"services\"?)");
        missed = true;
      } else if (std::find(k_modern_keys.begin(), k_modern_keys.end(), key) !=
                 k_modern_keys.end()) {
        m_reader.error(entry.key, key,
                       "the file has no \"services:\" key, so it is read in fig's v1 format, "
                       "where every top-level key is a service and " + in_quotes(key) +
                           " cannot be one; put the services under \"services:\"");
        missed = true;
      }
    }
    return missed;
  }

  FieldReader& m_reader;
  const LoadOptions& m_options;
  Project& m_project;
};

// In reading order, file by file in the order of `files` (other files, such
// as those `extends` reads, after them); problems without a line (such as -p) go last.
void sort_diagnostics(std::vector<Diagnostic>& diagnostics, const std::vector<FileTree>& files) {
  auto key = [&](const Diagnostic& diagnostic) {
    size_t rank = diagnostic.pos.file.empty() ? files.size() + 1 : files.size();
    for (size_t i = 0; i < files.size(); ++i) {
      rank = files[i].display_name == diagnostic.pos.file ? std::min(rank, i) : rank;
    }
    int line = diagnostic.pos.line > 0 ? diagnostic.pos.line : INT_MAX;
    return std::make_tuple(rank, line, diagnostic.pos.column);
  };
  std::stable_sort(diagnostics.begin(), diagnostics.end(),
                   [&](const Diagnostic& a, const Diagnostic& b) { return key(a) < key(b); });
}

// Reads every file the same way, the project's and those `extends` names:
// parsed, then interpolated on its own, as compose does before merging.
// Keeps the parser's diagnostics (duplicate keys) and the warnings.
// Whether `text` holds anything but blanks and comments.
bool has_content(const std::string& text) {
  bool in_comment = false;
  for (char c : text) {
    if (c == '\n') {
      in_comment = false;
    } else if (c == '#') {
      in_comment = true;
    } else if (!in_comment && c != ' ' && c != '\t' && c != '\r') {
      return true;
    }
  }
  return false;
}

class TreeReader : public ProjectFileReader {
 public:
  // `interpolate` false: the files' values as written (config --no-interpolate).
  explicit TreeReader(const LoadOptions& options, bool interpolate = true)
      : m_options(options), m_interpolate(interpolate) {}

  FileTree parse(const std::string& text, const std::string& path,
                 const std::string& display_name) {
    return parse(text, path, display_name, m_options.environment);
  }

  FileTree parse(const std::string& text, const std::string& path,
                 const std::string& display_name,
                 const std::map<std::string, std::string>& variables) {
    std::vector<Diagnostic> diagnostics;
    YamlNode root = parse_yaml(text, display_name, diagnostics);
    // A file with `services:` reads "$" as compose v2 does, a fig v1 file as 1.29.2.
    if (m_interpolate) {
      interpolate_file(root, display_name, variables, m_warnings,
                       root.is_mapping() && is_services_format(root)
                           ? DollarRule::lone_dollar_is_literal
                           : DollarRule::lone_dollar_is_error);
    }
    for (std::string& warning : unknown_tag_warnings(root)) {
      m_warnings.push_back(std::move(warning));
    }
    if (root.is_null()) {
      throw ConfigError(SourcePos{display_name, 0, 0, ""},
                        has_content(text) ? "expected a mapping at the top level, got nothing "
                                            "(null, or text YAML cannot read)"
                                          : "file is empty");
    }
    if (!root.is_mapping()) {
      diagnostics.push_back(Diagnostic{SourcePos{display_name, root.line, root.column, ""},
                                       "expected a mapping at the top level, got " +
                                           describe_kind(root.kind)});
      throw ConfigError(std::move(diagnostics));
    }
    m_diagnostics.insert(m_diagnostics.end(), diagnostics.begin(), diagnostics.end());
    return FileTree{path, display_name, std::move(root)};
  }

  FileTree read(const ProjectFile& file) {
    return parse(read_project_file(file), file.path, file.display_name);
  }

  const YamlNode& load(const std::string& path, const std::string& display_name) override {
    auto found = m_extended.find(path);
    if (found == m_extended.end()) {
      found = m_extended.emplace(path, read(ProjectFile{path, display_name}).root).first;
    }
    return found->second;
  }

  FileTree read_included(const std::string& path, const std::string& display_name,
                         const std::map<std::string, std::string>& variables) override {
    return parse(read_project_file(ProjectFile{path, display_name}), path, display_name,
                 variables);
  }

  const std::vector<Diagnostic>& diagnostics() const { return m_diagnostics; }
  const std::vector<std::string>& warnings() const { return m_warnings; }

 private:
  const LoadOptions& m_options;
  bool m_interpolate;
  std::vector<Diagnostic> m_diagnostics;
  std::vector<std::string> m_warnings;
  std::map<std::string, YamlNode> m_extended;  // by absolute path; a std::map keeps references
};

[[noreturn]] void throw_sorted(const FieldReader& reader, const std::vector<FileTree>& files) {
  std::vector<Diagnostic> diagnostics = reader.diagnostics();
  sort_diagnostics(diagnostics, files);
  throw ConfigError(std::move(diagnostics));
}

// Everything after reading: the files combined into one tree (merged, extends
// resolved), then parsed and checked.
Project load_trees(const std::vector<FileTree>& files, const std::string& directory,
                   const LoadOptions& options, TreeReader& tree_reader) {
  FieldReader reader(files.front().display_name);
  Project project;
  project.directory = normalised_dir(directory);
  CombineContext context{project.directory, project.directory, &options.environment,
                         &tree_reader, {}};
  YamlNode root = combine_project_files(files, context, reader);
  // A file that cannot be combined would only add confusing errors when parsed.
  bool combined = !reader.has_errors();
  reader.add(tree_reader.diagnostics());
  if (!combined) {
    throw_sorted(reader, files);
  }
  for (const FileTree& file : files) {
    project.files.push_back(file.path);
  }
  project.warnings = tree_reader.warnings();
  project.enabled_profiles = enabled_profiles_from(options.profiles, options.environment);
  ProjectLoader loader(reader, options, project);
  if (is_services_format(root)) {
    loader.load_services_format(root);
  } else {
    loader.load_legacy_format(root);
  }
  resolve_networks(reader, project);
  resolve_file_references(reader, project);
  validate_references(reader, project);
  validate_build_paths(reader, project);
  if (reader.has_errors()) {
    throw_sorted(reader, files);
  }
  project.warnings.insert(project.warnings.end(), reader.warnings().begin(),
                          reader.warnings().end());
  // A service that is only built gets its image's name from the project.
  for (Service& service : project.services) {
    if (service.image.empty() && service.build) {
      service.image = project.name + "-" + service.name;
    }
  }
  return project;
}

// Every project file the options name (or the defaults), read by `tree_reader`.
std::vector<FileTree> read_project_trees(const LoadOptions& options, TreeReader& tree_reader) {
  std::vector<FileTree> files;
  for (const ProjectFile& file : find_project_files(options)) {
    files.push_back(tree_reader.read(file));
  }
  return files;
}

// Relative paths in every file resolve against the first file's directory.
std::string first_file_directory(const std::vector<FileTree>& files) {
  return fs::path(files.front().path).parent_path().string();
}

}  // namespace

const std::vector<std::string>& default_file_names() {
  static const std::vector<std::string> k_names = {
      "compose.yaml",       "compose.yml", "docker-compose.yaml",
      "docker-compose.yml", "fig.yml",     "fig.yaml"};
  return k_names;
}

Project load_project(const LoadOptions& given_options) {
  // The env file first: its COMPOSE_* variables may choose files and the name.
  LoadOptions options = given_options;
  options.environment = project_variables(given_options);
  TreeReader tree_reader(options);
  std::vector<FileTree> files = read_project_trees(options, tree_reader);
  return load_trees(files, first_file_directory(files), options, tree_reader);
}

CombinedTree load_uninterpolated_tree(const LoadOptions& given_options) {
  LoadOptions options = given_options;
  options.environment = project_variables(given_options);
  TreeReader tree_reader(options, false);
  std::vector<FileTree> files = read_project_trees(options, tree_reader);
  const std::string directory = normalised_dir(first_file_directory(files));
  FieldReader reader(files.front().display_name);
  CombineContext context{directory, directory, &options.environment, &tree_reader, {}};
  CombinedTree out;
  out.directory = directory;
  out.root = combine_project_files(files, context, reader);
  reader.add(tree_reader.diagnostics());
  if (reader.has_errors()) {
    throw_sorted(reader, files);
  }
  const YamlEntry* name = out.root.find("name");
  out.project_name =
      resolve_project_name(reader, name != nullptr ? &name->value : nullptr, directory, options);
  if (reader.has_errors()) {
    throw_sorted(reader, files);
  }
  return out;
}

Project load_project_text(const std::string& text, const std::string& file_name,
                          const std::string& directory, const LoadOptions& options) {
  TreeReader tree_reader(options);
  std::vector<FileTree> files = {
      tree_reader.parse(text, normalised_dir(fs::path(directory) / file_name), file_name)};
  Project project = load_trees(files, directory, options, tree_reader);
  project.files = {file_name};
  return project;
}

}  // namespace berth::compose
