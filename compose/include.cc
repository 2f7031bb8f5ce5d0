#include "compose/include.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>
#include <utility>

#include "compose/dotenv.h"
#include "compose/env_file.h"
#include "compose/merge.h"
#include "compose/relative_paths.h"

namespace berth::compose {
namespace {

namespace fs = std::filesystem;

const KnownKeys k_include_keys = {{"path", "project_directory", "env_file"}, {}};

// Deeper than any real project; shallow enough for the stack.
constexpr size_t k_max_depth = 40;

// What an included project brings into the including file, as compose v2 imports it.
const std::vector<std::string> k_imported_sections = {"services", "volumes", "networks",
                                                      "secrets", "configs"};

// A path as written in an `include` entry, with where it was written.
struct WrittenPath {
  std::string text;
  const YamlNode* node = nullptr;
  std::string key_path;
};

struct IncludeEntry {
  std::vector<WrittenPath> paths;  // the project file first, then its override files
  std::optional<WrittenPath> project_directory;
  std::vector<WrittenPath> env_files;
};

std::string normalised(const fs::path& path) {
  std::string text = path.lexically_normal().string();
  if (text.size() > 1 && text.back() == '/') {
    text.pop_back();
  }
  return text;
}

bool is_remote(const std::string& text) {
  return text.find("://") != std::string::npos || text.rfind("git@", 0) == 0;
}

// Two definitions of one resource are the same when written the same,
// wherever they were written.
bool same_content(const YamlNode& a, const YamlNode& b) {
  if (a.kind != b.kind || a.text != b.text || a.quoted != b.quoted ||
      a.items.size() != b.items.size() || a.entries.size() != b.entries.size()) {
    return false;
  }
  for (size_t i = 0; i < a.items.size(); ++i) {
    if (!same_content(a.items[i], b.items[i])) {
      return false;
    }
  }
  for (size_t i = 0; i < a.entries.size(); ++i) {
    if (a.entries[i].key.text != b.entries[i].key.text ||
        !same_content(a.entries[i].value, b.entries[i].value)) {
      return false;
    }
  }
  return true;
}

std::string place(const YamlNode& node) {
  return node.file + ":" + std::to_string(node.line) + ":" + std::to_string(node.column);
}

class Includer {
 public:
  Includer(FileTree& file, const CombineContext& context, FieldReader& reader)
      : m_file(file), m_context(context), m_reader(reader) {
    m_chain = context.include_chain;
    m_chain.push_back(file.path);
  }

  void include(const YamlNode& list) {
    if (list.is_null()) {
      return;
    }
    if (!list.is_sequence()) {
      m_reader.error(list, "include",
                     "expected a sequence of paths or mappings, got " + describe_kind(list.kind));
      return;
    }
    for (size_t i = 0; i < list.items.size(); ++i) {
      std::string path = item_path("include", i);
      if (std::optional<IncludeEntry> entry = read_entry(list.items[i], path)) {
        include_one(*entry, list.items[i]);
      }
    }
  }

 private:
  std::optional<IncludeEntry> read_entry(const YamlNode& item, const std::string& path);
  bool read_paths(const YamlNode& node, const std::string& path, std::vector<WrittenPath>& out);
  void include_one(const IncludeEntry& entry, const YamlNode& item);
  std::optional<std::map<std::string, std::string>> variables_for(
      const IncludeEntry& entry, const std::string& project_directory);
  bool check_cycle(const std::string& absolute, const WrittenPath& at);
  std::optional<FileTree> read_file(const WrittenPath& written,
                                    const std::map<std::string, std::string>& variables);
  void import_resources(const YamlNode& imported, const YamlNode& at);

  std::string absolute(const std::string& written) const {
    return normalised(fs::path(m_context.project_directory) / written);
  }
  std::string display(const std::string& absolute) const {
    return extends_display_name(absolute, m_context.display_directory);
  }

  FileTree& m_file;
  const CombineContext& m_context;
  FieldReader& m_reader;
  std::vector<std::string> m_chain;  // the including files, this one last
};

std::optional<IncludeEntry> Includer::read_entry(const YamlNode& item, const std::string& path) {
  IncludeEntry entry;
  if (item.is_scalar()) {
    return read_paths(item, path, entry.paths) ? std::optional<IncludeEntry>(entry)
                                               : std::nullopt;
  }
  if (!item.is_mapping()) {
    m_reader.error(item, path, "expected a path or a mapping, got " + describe_kind(item.kind));
    return std::nullopt;
  }
  size_t errors = m_reader.diagnostics().size();
  m_reader.check_keys(item, path, k_include_keys, false);
  const YamlEntry* paths = item.find("path");
  if (paths == nullptr) {
    m_reader.error(item, path, "missing key \"path\" (the file to include)");
  } else {
    read_paths(paths->value, child_path(path, "path"), entry.paths);
  }
  if (const YamlEntry* directory = item.find("project_directory")) {
    std::string at = child_path(path, "project_directory");
    if (std::optional<std::string> text = m_reader.string(directory->value, at)) {
      entry.project_directory = WrittenPath{*text, &directory->value, at};
    }
  }
  if (const YamlEntry* env_file = item.find("env_file")) {
    read_paths(env_file->value, child_path(path, "env_file"), entry.env_files);
  }
  return m_reader.diagnostics().size() == errors ? std::optional<IncludeEntry>(entry)
                                                  : std::nullopt;
}

// A string or a non-empty sequence of strings, none of them empty.
bool Includer::read_paths(const YamlNode& node, const std::string& path,
                          std::vector<WrittenPath>& out) {
  std::vector<std::pair<const YamlNode*, std::string>> written;
  if (node.is_sequence() && !node.items.empty()) {
    for (size_t i = 0; i < node.items.size(); ++i) {
      written.emplace_back(&node.items[i], item_path(path, i));
    }
  } else if (node.is_scalar()) {
    written.emplace_back(&node, path);
  } else {
    m_reader.error(node, path, "expected a path or a sequence of paths, got " +
                                   (node.is_sequence() ? "an empty sequence"
                                                       : describe_kind(node.kind)));
    return false;
  }
  bool valid = true;
  for (const auto& [item, item_key] : written) {
    std::optional<std::string> text = m_reader.string(*item, item_key);
    if (text && text->empty()) {
      m_reader.error(*item, item_key, "empty path");
      text.reset();
    } else if (text && is_remote(*text)) {
      m_reader.error(*item, item_key,
                     "remote include " + in_quotes(*text) +
                         " (git or OCI) is not supported: berth includes local files only");
      text.reset();
    }
    valid = valid && text.has_value();
    if (text) {
      out.push_back(WrittenPath{*text, item, item_key});
    }
  }
  return valid;
}

void Includer::include_one(const IncludeEntry& entry, const YamlNode& item) {
  std::string main = absolute(entry.paths.front().text);
  if (!check_cycle(main, entry.paths.front())) {
    return;
  }
  std::string project_directory = entry.project_directory
                                      ? absolute(entry.project_directory->text)
                                      : fs::path(main).parent_path().string();
  std::optional<std::map<std::string, std::string>> variables =
      variables_for(entry, project_directory);
  if (!variables) {
    return;
  }
  std::vector<FileTree> trees;
  for (const WrittenPath& written : entry.paths) {
    std::optional<FileTree> tree = read_file(written, *variables);
    if (!tree) {
      return;
    }
    trees.push_back(std::move(*tree));
  }
  if (!is_services_format(trees.front().root)) {
    // An included file of networks or volumes alone is in the services format too.
    YamlNode& root = trees.front().root;
    YamlNode key = root;
    key.kind = YamlNode::Kind::scalar;
    key.text = "services";
    key.entries.clear();
    YamlNode value = key;
    value.kind = YamlNode::Kind::null;
    value.text.clear();
    root.entries.push_back(YamlEntry{std::move(key), std::move(value)});
  }
  CombineContext nested{project_directory, m_context.display_directory, &*variables,
                        m_context.files, m_chain};
  YamlNode imported = combine_project_files(std::move(trees), nested, m_reader);
  for (YamlEntry& section : imported.entries) {
    if (section.key.text == "services") {
      for (YamlEntry& service : section.value.entries) {
        absolutize_service_paths(service.value, project_directory);
      }
    } else if (section.key.text == "secrets" || section.key.text == "configs") {
      absolutize_declaration_files(section.value, project_directory);
    }
  }
  import_resources(imported, item);
}

bool Includer::check_cycle(const std::string& absolute, const WrittenPath& at) {
  // Symbolic links can make a cycle whose paths all differ ("loop/loop/...").
  if (m_chain.size() > k_max_depth) {
    m_reader.error(*at.node, at.key_path,
                   "includes nested more than " + std::to_string(k_max_depth) + " levels deep");
    return false;
  }
  for (size_t i = 0; i < m_chain.size(); ++i) {
    if (m_chain[i] == absolute) {
      std::string text;
      for (size_t k = i; k < m_chain.size(); ++k) {
        text += display(m_chain[k]) + " -> ";
      }
      m_reader.error(*at.node, at.key_path, "include cycle: " + text + display(absolute));
      return false;
    }
  }
  return true;
}

// The including project's variables, then those of the include's env files
// (or its `.env`) for the names not set yet.
std::optional<std::map<std::string, std::string>> Includer::variables_for(
    const IncludeEntry& entry, const std::string& project_directory) {
  std::map<std::string, std::string> variables = *m_context.variables;
  std::vector<std::pair<std::string, const WrittenPath*>> files;
  for (const WrittenPath& written : entry.env_files) {
    files.emplace_back(absolute(written.text), &written);
  }
  std::string dot_env = normalised(fs::path(project_directory) / ".env");
  std::error_code error;
  if (entry.env_files.empty() && fs::is_regular_file(dot_env, error)) {
    files.emplace_back(dot_env, nullptr);
  }
  std::map<std::string, std::string> from_files;  // a later file overrides an earlier one
  for (const auto& [file, written] : files) {
    std::string problem;
    std::optional<std::string> text = read_text(file, problem);
    if (!text) {
      std::string name = written != nullptr ? written->text : display(file);
      SourcePos pos = written != nullptr ? m_reader.pos(*written->node, written->key_path)
                                         : SourcePos{};
      m_reader.error(std::move(pos), "env file " + in_quotes(name) + " " + problem);
      return std::nullopt;
    }
    DotenvResult parsed = parse_dotenv(*text, display(file), variables);
    if (!parsed.diagnostics.empty()) {
      m_reader.add(std::move(parsed.diagnostics));
      return std::nullopt;
    }
    for (const EnvVariable& variable : parsed.variables) {
      if (variable.value) {
        from_files[variable.key] = *variable.value;
      }
    }
  }
  variables.insert(from_files.begin(), from_files.end());  // a variable already set wins
  return variables;
}

std::optional<FileTree> Includer::read_file(const WrittenPath& written,
                                            const std::map<std::string, std::string>& variables) {
  std::string path = absolute(written.text);
  std::error_code error;
  if (!fs::exists(path, error)) {
    m_reader.error(*written.node, written.key_path,
                   "included file " + in_quotes(written.text) + " not found (" + path + ")");
    return std::nullopt;
  }
  try {
    return m_context.files->read_included(path, display(path), variables);
  } catch (const ConfigError& failure) {
    // "cannot read ..." has no position: place it at the path; syntax errors keep theirs.
    for (const Diagnostic& diagnostic : failure.diagnostics()) {
      if (diagnostic.pos.file.empty()) {
        m_reader.error(*written.node, written.key_path, diagnostic.message);
      } else {
        m_reader.error(diagnostic.pos, diagnostic.message);
      }
    }
    return std::nullopt;
  }
}

void Includer::import_resources(const YamlNode& imported, const YamlNode& at) {
  for (const std::string& name : k_imported_sections) {
    const YamlEntry* from = imported.find(name);
    if (from == nullptr || !from->value.is_mapping() || from->value.entries.empty()) {
      continue;
    }
    YamlEntry* to = nullptr;
    for (YamlEntry& entry : m_file.root.entries) {
      to = entry.key.text == name ? &entry : to;
    }
    if (to == nullptr) {
      YamlNode key = at;
      key.kind = YamlNode::Kind::scalar;
      key.text = name;
      key.items.clear();
      key.entries.clear();
      YamlNode value = key;
      value.kind = YamlNode::Kind::mapping;
      value.text.clear();
      m_file.root.entries.push_back(YamlEntry{std::move(key), std::move(value)});
      to = &m_file.root.entries.back();
    } else if (to->value.is_null()) {
      to->value.kind = YamlNode::Kind::mapping;
    } else if (!to->value.is_mapping()) {
      continue;  // the parser reports it
    }
    for (const YamlEntry& resource : from->value.entries) {
      const YamlEntry* existing = to->value.find(resource.key.text);
      if (existing == nullptr) {
        to->value.entries.push_back(resource);
      } else if (!same_content(existing->value, resource.value)) {
        m_reader.error(existing->key, child_path(name, resource.key.text),
                       "conflicts with imported resource: " + place(resource.key) +
                           " defines " + in_quotes(resource.key.text) + " differently");
      }
    }
  }
}

}  // namespace

void apply_includes(FileTree& file, const CombineContext& context, FieldReader& reader) {
  auto found = std::find_if(file.root.entries.begin(), file.root.entries.end(),
                            [](const YamlEntry& entry) { return entry.key.text == "include"; });
  if (found == file.root.entries.end()) {
    return;
  }
  YamlNode list = std::move(found->value);
  // A project of includes alone, whatever they bring, stays in the services format.
  if (file.root.find("services") == nullptr) {
    found->key.text = "services";
    found->value = YamlNode{};
    found->value.line = found->key.line;
    found->value.column = found->key.column;
    found->value.file = found->key.file;
  } else {
    file.root.entries.erase(found);
  }
  Includer(file, context, reader).include(list);
}

}  // namespace berth::compose
