#include "compose/extends.h"

#include <filesystem>
#include <map>
#include <optional>
#include <utility>

#include "compose/config_error.h"
#include "compose/merge.h"
#include "compose/relative_paths.h"

namespace berth::compose {
namespace {

namespace fs = std::filesystem;

const KnownKeys k_extends_keys = {{"service", "file"}, {}};

// Keys whose services compose 1.29.2 refuses to extend in fig v1 files: they
// name other services. compose v2 extends them (the lists are merged), and so
// does berth for files with `services:`.
const std::vector<std::string> k_unextendable_keys = {"links", "volumes_from", "depends_on"};

// Each service of a chain copies the one it extends, so a long chain of big
// services (aliases make them cheap to write) grows quadratically. No real
// project comes near this; the YAML reader stops a single file at 250,000.
constexpr size_t k_max_nodes = 2'000'000;

std::string normalised(const fs::path& path) {
  std::string text = path.lexically_normal().string();
  if (text.size() > 1 && text.back() == '/') {
    text.pop_back();
  }
  return text;
}

size_t node_count(const YamlNode& node) {
  size_t count = 1;
  for (const YamlNode& item : node.items) {
    count += node_count(item);
  }
  for (const YamlEntry& entry : node.entries) {
    count += 1 + node_count(entry.value);
  }
  return count;
}

bool starts_with(const std::string& text, const std::string& prefix) {
  return text.rfind(prefix, 0) == 0;
}

struct FileRef {
  std::string path;     // absolute
  std::string display;  // in messages
  std::string directory;
  const YamlNode* root = nullptr;
};

// One step of the chain being resolved, to name and place a cycle.
struct ChainLink {
  std::string path;
  std::string display;
  std::string service;
  const YamlNode* extends = nullptr;  // the `extends` value written in that service
  std::string key_path;               // of that `extends`
};

struct Target {
  std::string service;
  std::optional<std::string> file;  // as written
  const YamlNode* file_node = nullptr;
};

class Resolver {
 public:
  Resolver(const ExtendsContext& context, FieldReader& reader)
      : m_context(context), m_reader(reader) {
    m_main = FileRef{context.main_path, reader.file(), context.main_directory, context.main_root};
  }

  // One of the project's services; nullopt when its `extends` failed.
  std::optional<YamlNode> project_service(const YamlNode& body, const std::string& name,
                                          const std::string& key_path) {
    std::vector<ChainLink> chain;
    return extend(body, m_main, name, key_path, chain);
  }

 private:
  std::optional<YamlNode> extend(const YamlNode& body, const FileRef& file,
                                 const std::string& name, const std::string& key_path,
                                 std::vector<ChainLink>& chain);
  std::optional<YamlNode> resolved(const FileRef& file, const std::string& name,
                                   const YamlNode& body, std::vector<ChainLink>& chain);
  std::optional<Target> read_target(const YamlNode& node, const std::string& path);
  std::optional<FileRef> target_file(const Target& target, const FileRef& from,
                                     const std::string& path);
  bool check_extendable(const YamlNode& base, const Target& target, const FileRef& file,
                        const YamlNode& at, const std::string& path);
  void report_cycle(const std::vector<ChainLink>& chain, size_t first);

  static std::string services_path(const FileRef& file, const std::string& name) {
    return is_services_format(*file.root) ? child_path("services", name) : name;
  }
  static const YamlNode* service_body(const FileRef& file, const std::string& name) {
    const YamlNode* services = file.root;
    if (is_services_format(*file.root)) {
      const YamlEntry* entry = file.root->find("services");
      services = entry != nullptr ? &entry->value : nullptr;
    }
    const YamlEntry* service = services != nullptr ? services->find(name) : nullptr;
    return service != nullptr ? &service->value : nullptr;
  }

  const ExtendsContext& m_context;
  FieldReader& m_reader;
  FileRef m_main;
  // (file, service) -> its resolved body; nullopt after a reported problem.
  std::map<std::pair<std::string, std::string>, std::optional<YamlNode>> m_resolved;
  size_t m_nodes = 0;  // in the services resolved so far
};

std::optional<YamlNode> Resolver::extend(const YamlNode& body, const FileRef& file,
                                         const std::string& name, const std::string& key_path,
                                         std::vector<ChainLink>& chain) {
  const YamlEntry* extends = body.is_mapping() ? body.find("extends") : nullptr;
  if (extends == nullptr) {
    return body;
  }
  if (m_nodes > k_max_nodes) {
    return std::nullopt;  // reported once
  }
  std::string path = child_path(key_path, "extends");
  std::optional<Target> target = read_target(extends->value, path);
  std::optional<FileRef> base_file = target ? target_file(*target, file, path) : std::nullopt;
  if (!base_file) {
    return std::nullopt;
  }
  const YamlNode* base_body = service_body(*base_file, target->service);
  if (base_body == nullptr) {
    std::string where = base_file->path == file.path ? "" : " in " + base_file->display;
    m_reader.error(extends->value, path,
                   "cannot extend service " + in_quotes(target->service) + ": no such service" +
                       where);
    return std::nullopt;
  }
  chain.push_back(ChainLink{file.path, file.display, name, &extends->value, path});
  std::optional<YamlNode> base = resolved(*base_file, target->service, *base_body, chain);
  chain.pop_back();
  if (!base || !check_extendable(*base, *target, *base_file, extends->value, path)) {
    return std::nullopt;
  }
  YamlNode own = body;
  std::erase_if(own.entries, [](const YamlEntry& entry) { return entry.key.text == "extends"; });
  YamlNode result = merge_service(*base, own, m_context.legacy_format);
  m_nodes += node_count(result);
  if (m_nodes > k_max_nodes) {
    m_reader.error(extends->value, path, "the project is too large once extends are resolved");
    return std::nullopt;
  }
  return result;
}

std::optional<YamlNode> Resolver::resolved(const FileRef& file, const std::string& name,
                                           const YamlNode& body, std::vector<ChainLink>& chain) {
  for (size_t i = 0; i < chain.size(); ++i) {
    if (chain[i].path == file.path && chain[i].service == name) {
      report_cycle(chain, i);
      return std::nullopt;
    }
  }
  auto key = std::make_pair(file.path, name);
  if (auto found = m_resolved.find(key); found != m_resolved.end()) {
    return found->second;
  }
  std::optional<YamlNode> result = extend(body, file, name, services_path(file, name), chain);
  if (result && file.path != m_main.path && result->is_mapping()) {
    absolutize_service_paths(*result, file.directory);
  }
  // A cycle found below already recorded its members as failed.
  return m_resolved.emplace(key, std::move(result)).first->second;
}

std::optional<Target> Resolver::read_target(const YamlNode& node, const std::string& path) {
  if (node.is_scalar()) {
    return Target{node.text, std::nullopt, nullptr};
  }
  if (!node.is_mapping()) {
    m_reader.error(node, path, "expected a service name or a mapping, got " +
                                   describe_kind(node.kind));
    return std::nullopt;
  }
  size_t errors = m_reader.diagnostics().size();
  m_reader.check_keys(node, path, k_extends_keys, false);
  Target target;
  const YamlEntry* service = node.find("service");
  if (service == nullptr) {
    m_reader.error(node, path, "missing key \"service\"");
  } else if (std::optional<std::string> text =
                 m_reader.string(service->value, child_path(path, "service"))) {
    target.service = *text;
  }
  if (const YamlEntry* file = node.find("file")) {
    target.file = m_reader.string(file->value, child_path(path, "file"));
    target.file_node = &file->value;
  }
  if (m_reader.diagnostics().size() != errors) {
    return std::nullopt;
  }
  return target;
}

std::optional<FileRef> Resolver::target_file(const Target& target, const FileRef& from,
                                             const std::string& path) {
  if (!target.file) {
    return from;
  }
  std::string absolute = normalised(fs::path(from.directory) / *target.file);
  if (absolute == m_main.path) {
    return m_main;
  }
  std::string display = extends_display_name(absolute, m_context.main_directory);
  std::error_code error;
  if (fs::exists(absolute, error) && !fs::is_regular_file(absolute, error)) {
    // A directory, or a device or pipe that could be read forever.
    m_reader.error(*target.file_node, child_path(path, "file"),
                   "cannot read project file " + in_quotes(display) + ": not a regular file");
    return std::nullopt;
  }
  try {
    const YamlNode& root = m_context.files->load(absolute, display);
    if (!root.is_mapping()) {
      m_reader.error(*target.file_node, child_path(path, "file"),
                     in_quotes(display) + " is not a project file (no mapping at its top level)");
      return std::nullopt;
    }
    return FileRef{absolute, display, fs::path(absolute).parent_path().string(), &root};
  } catch (const ConfigError& error) {
    // "cannot read ..." has no position: place it at `file:`; syntax errors keep theirs.
    for (const Diagnostic& diagnostic : error.diagnostics()) {
      if (diagnostic.pos.file.empty()) {
        m_reader.error(*target.file_node, child_path(path, "file"), diagnostic.message);
      } else {
        m_reader.error(diagnostic.pos, diagnostic.message);
      }
    }
    return std::nullopt;
  }
}

bool Resolver::check_extendable(const YamlNode& base, const Target& target,
                                const FileRef& file, const YamlNode& at,
                                const std::string& path) {
  if (!base.is_mapping() || is_services_format(*file.root)) {
    return true;  // the parser reports the body; compose v2 extends anything
  }
  std::vector<std::string> keys = k_unextendable_keys;
  const YamlEntry* mode = base.find("network_mode");
  if (mode != nullptr && starts_with(mode->value.text, "service:")) {
    keys.push_back("network_mode");
  }
  for (const std::string& key : keys) {
    const YamlEntry* entry = base.find(key);
    if (entry != nullptr && !entry->value.is_reset()) {
      std::string where = file.path == m_main.path ? "" : " in " + file.display;
      m_reader.error(at, path,
                     "cannot extend service " + in_quotes(target.service) + where +
                         ": a service with " + in_quotes(key) +
                         " cannot be extended (docker-compose 1.29.2 refuses it)");
      return false;
    }
  }
  return true;
}

// Reported once, at the `extends` of the first member; every member is then failed.
void Resolver::report_cycle(const std::vector<ChainLink>& chain, size_t first) {
  const std::string& first_path = chain[first].path;
  auto name = [&](const ChainLink& link) {
    return link.path == first_path ? link.service : link.service + " (" + link.display + ")";
  };
  std::string text;
  for (size_t i = first; i < chain.size(); ++i) {
    text += name(chain[i]) + " -> ";
    m_resolved[std::make_pair(chain[i].path, chain[i].service)] = std::nullopt;
  }
  text += name(chain[first]);
  m_reader.error(*chain[first].extends, chain[first].key_path, "extends cycle: " + text);
}

bool same_diagnostic(const Diagnostic& a, const Diagnostic& b) {
  return a.message == b.message && a.pos.file == b.pos.file && a.pos.line == b.pos.line &&
         a.pos.column == b.pos.column && a.pos.key_path == b.pos.key_path;
}

}  // namespace

void resolve_extends(YamlNode& services, const ExtendsContext& context, FieldReader& reader) {
  if (!services.is_mapping()) {
    return;
  }
  // A service of the first file is reached both as a project service and as
  // a base; a problem in its `extends` is reported once.
  FieldReader local(reader.file());
  Resolver resolver(context, local);
  for (YamlEntry& entry : services.entries) {
    if (is_extension_key(entry.key.text) || !entry.value.is_mapping() ||
        entry.value.find("extends") == nullptr) {
      continue;
    }
    std::string key_path = context.legacy_format ? entry.key.text
                                                 : child_path("services", entry.key.text);
    if (std::optional<YamlNode> body = resolver.project_service(entry.value, entry.key.text,
                                                                key_path)) {
      entry.value = std::move(*body);
    } else {
      std::erase_if(entry.value.entries,
                    [](const YamlEntry& own) { return own.key.text == "extends"; });
    }
  }
  std::vector<Diagnostic> unique;
  for (const Diagnostic& diagnostic : local.diagnostics()) {
    bool seen = false;
    for (const Diagnostic& kept : unique) {
      seen = seen || same_diagnostic(kept, diagnostic);
    }
    if (!seen) {
      unique.push_back(diagnostic);
    }
  }
  reader.add(std::move(unique));
}

std::string extends_display_name(const std::string& path, const std::string& project_directory) {
  fs::path relative = fs::path(path).lexically_relative(project_directory);
  if (relative.empty() || starts_with(relative.string(), "..")) {
    return path;
  }
  return relative.string();
}

}  // namespace berth::compose
