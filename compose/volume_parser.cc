#include "compose/volume_parser.h"

#include <algorithm>
#include <filesystem>
#include <optional>

#include "compose/mount_options.h"
#include "compose/value_readers.h"

namespace berth::compose {
namespace {

const KnownKeys k_volume_decl_keys = {{"external", "name", "driver", "labels", "driver_opts"}, {}};
const KnownKeys k_long_mount_keys = {
    {"type", "source", "target", "read_only", "consistency", "bind", "volume", "tmpfs"}, {}};

std::string normalised_path(const std::filesystem::path& path) {
  std::string text = path.lexically_normal().string();
  if (text.size() > 1 && text.back() == '/') {
    text.pop_back();
  }
  return text;
}

// The engine's local driver takes only [a-zA-Z0-9][a-zA-Z0-9_.-]+ and says so
// only after berth has made the networks; other drivers have their own rules,
// and an external volume is only looked up.
void check_local_volume_name(FieldReader& reader, const YamlNode& node, const std::string& path,
                             const VolumeDecl& decl) {
  const YamlEntry* entry = node.find("name");
  if (entry == nullptr || decl.external || decl.name.empty() ||
      (!decl.driver.empty() && decl.driver != "local")) {
    return;
  }
  if (decl.name.size() < 2 || !is_valid_service_name(decl.name)) {
    reader.error(entry->value, child_path(path, "name"),
                 "invalid volume name " + in_quotes(decl.name) +
                     ": the local driver takes [a-zA-Z0-9][a-zA-Z0-9_.-]+ (two characters or "
                     "more)");
  }
}

void parse_volume_decl_options(FieldReader& reader, const YamlNode& node, const std::string& path,
                               VolumeDecl& decl) {
  reader.check_keys(node, path, k_volume_decl_keys, true);
  if (const YamlEntry* entry = node.find("external")) {
    decl.external = reader.boolean(entry->value, child_path(path, "external")).value_or(false);
  }
  if (const YamlEntry* entry = node.find("name")) {
    decl.name = reader.string(entry->value, child_path(path, "name")).value_or("");
  }
  if (const YamlEntry* entry = node.find("driver")) {
    decl.driver = reader.string(entry->value, child_path(path, "driver")).value_or("");
  }
  if (const YamlEntry* entry = node.find("labels")) {
    for (FieldReader::KeyValue& label :
         reader.key_values(entry->value, child_path(path, "labels"))) {
      decl.labels[label.key] = label.value.value_or("");
    }
  }
  if (const YamlEntry* entry = node.find("driver_opts")) {
    decl.driver_opts = read_string_map(reader, entry->value, child_path(path, "driver_opts"));
  }
  check_local_volume_name(reader, node, path, decl);
}

class MountParser {
 public:
  MountParser(FieldReader& reader, const MountContext& context)
      : m_reader(reader), m_context(context) {}

  std::optional<VolumeMount> parse(const YamlNode& node, const std::string& path) {
    if (node.is_mapping()) {
      return parse_long(node, path);
    }
    std::optional<std::string> text = m_reader.string(node, path);
    if (!text) {
      return std::nullopt;
    }
    std::vector<std::string> parts = split_on(*text, ':');
    if (parts.empty() || parts.size() > 3 || parts[0].empty()) {
      m_reader.error(node, path, "expected \"[source:]/path[:ro|:rw]\", got " + in_quotes(*text));
      return std::nullopt;
    }
    VolumeMount mount;
    mount.target = parts.size() == 1 ? parts[0] : parts[1];
    if (mount.target.empty() || mount.target.front() != '/') {
      m_reader.error(node, path,
                     "expected an absolute path in the container, got " + in_quotes(mount.target));
      return std::nullopt;
    }
    mount.target = normalised_path(mount.target);
    if (parts.size() == 1) {
      return mount;  // anonymous
    }
    std::optional<VolumeMount> resolved = resolve_source(node, path, parts[0], mount);
    if (resolved && parts.size() == 3) {
      std::vector<std::string> ignored;
      if (std::string problem = apply_short_mode(parts[2], *resolved, ignored); !problem.empty()) {
        m_reader.error(node, path, problem);
        return std::nullopt;
      }
      for (const std::string& word : ignored) {
        m_reader.warning(node, path,
                         "unknown volume mode " + in_quotes(word) +
                             " ignored, as compose v2 ignores it (known: ro, rw, z, Z, nocopy, "
                             "[r]shared, [r]slave, [r]private, cached, delegated, consistent)");
      }
    }
    return resolved;
  }

 private:

  std::optional<VolumeMount> resolve_source(const YamlNode& node, const std::string& path,
                                            const std::string& source, VolumeMount mount) {
    char first = source.front();
    if (first == '/' || first == '.' || first == '~') {
      std::optional<std::string> host_path = host_path_of(node, path, source);
      if (!host_path) {
        return std::nullopt;
      }
      mount.kind = VolumeMount::Kind::bind;
      mount.source = *host_path;
      mount.create_host_path = true;  // compose's short syntax does, for docker-compose 1's sake
      return mount;
    }
    if (!is_usable_volume(node, path, source)) {
      return std::nullopt;
    }
    mount.kind = VolumeMount::Kind::named;
    mount.source = source;
    return mount;
  }

  // A valid volume name, declared at the top level (unless in a fig v1 file).
  bool is_usable_volume(const YamlNode& node, const std::string& path, const std::string& source) {
    if (!is_valid_service_name(source)) {
      m_reader.error(node, path,
                     "invalid volume name " + in_quotes(source) +
                         " (a host path must start with \"/\", \".\" or \"~\")");
      return false;
    }
    const std::vector<VolumeDecl>* declared = m_context.declared_volumes;
    if (declared != nullptr && !is_declared(*declared, source)) {
      m_reader.error(node, path,
                     "service " + in_quotes(m_context.service_name) + " uses volume " +
                         in_quotes(source) + ", which is not declared in the top-level volumes");
      return false;
    }
    return true;
  }

  // {type, source, target, read_only, bind: {propagation}, volume: {nocopy}, tmpfs: {size}}
  std::optional<VolumeMount> parse_long(const YamlNode& node, const std::string& path) {
    m_reader.check_keys(node, path, k_long_mount_keys, true);
    const YamlEntry* type = node.find("type");
    const YamlEntry* target = node.find("target");
    if (type == nullptr || target == nullptr) {
      m_reader.error(node, path, "a volume in the long syntax needs a \"type\" and a \"target\"");
      return std::nullopt;
    }
    std::optional<std::string> type_text = m_reader.string(type->value, child_path(path, "type"));
    std::optional<std::string> target_text =
        m_reader.string(target->value, child_path(path, "target"));
    if (!type_text || !target_text) {
      return std::nullopt;
    }
    if (*type_text != "volume" && *type_text != "bind" && *type_text != "tmpfs") {
      m_reader.error(type->value, child_path(path, "type"),
                     "invalid volume type " + in_quotes(*type_text) +
                         " (expected \"volume\", \"bind\" or \"tmpfs\")");
      return std::nullopt;
    }
    if (target_text->empty() || target_text->front() != '/') {
      m_reader.error(target->value, child_path(path, "target"),
                     "expected an absolute path in the container, got " + in_quotes(*target_text));
      return std::nullopt;
    }
    VolumeMount mount;
    mount.long_syntax = true;
    mount.target = normalised_path(*target_text);
    if (const YamlEntry* read_only = node.find("read_only")) {
      mount.read_only =
          m_reader.boolean(read_only->value, child_path(path, "read_only")).value_or(false);
    }
    if (const YamlEntry* consistency = node.find("consistency")) {
      mount.consistency =  // macOS only
          m_reader.string(consistency->value, child_path(path, "consistency")).value_or("");
    }
    if (!check_type_options(node, path, *type_text, mount)) {
      return std::nullopt;
    }
    return long_source(node, path, *type_text, mount);
  }

  // Each of `bind:`, `volume:` and `tmpfs:` belongs to the type of its name.
  bool check_type_options(const YamlNode& node, const std::string& path, const std::string& type,
                          VolumeMount& mount) {
    bool ok = true;
    for (const char* key : {"bind", "volume", "tmpfs"}) {
      const YamlEntry* options = node.find(key);
      if (options == nullptr) {
        continue;
      }
      std::string options_path = child_path(path, key);
      if (key != type) {
        m_reader.error(options->key, options_path,
                       "\"" + std::string(key) + "\" options need type " + in_quotes(key) +
                           ", not " + in_quotes(type));
        ok = false;
      } else if (m_reader.expect(options->value, options_path, YamlNode::Kind::mapping)) {
        m_reader.check_keys(options->value, options_path, type_option_keys(type), true);
        ok = parse_type_options(options->value, options_path, type, mount) && ok;
      } else {
        ok = false;
      }
    }
    return ok;
  }

  bool parse_type_options(const YamlNode& options, const std::string& path,
                          const std::string& type, VolumeMount& mount) {
    if (type == "bind") {
      return parse_bind_options(m_reader, options, path, mount);
    }
    if (type == "volume") {
      return parse_volume_options(m_reader, options, path, mount, m_context.requirements);
    }
    return parse_tmpfs_options(m_reader, options, path, mount);
  }

  static const KnownKeys& type_option_keys(const std::string& type) {
    static const KnownKeys k_bind = {{"propagation", "create_host_path", "selinux"}, {}};
    static const KnownKeys k_volume = {{"nocopy", "subpath"}, {}};
    static const KnownKeys k_tmpfs = {{"size", "mode"}, {}};
    return type == "bind" ? k_bind : type == "volume" ? k_volume : k_tmpfs;
  }

  std::optional<VolumeMount> long_source(const YamlNode& node, const std::string& path,
                                         const std::string& type, VolumeMount mount) {
    const YamlEntry* source = node.find("source");
    std::string source_path = child_path(path, "source");
    std::optional<std::string> text =
        source ? m_reader.string(source->value, source_path) : std::string();
    if (!text) {
      return std::nullopt;
    }
    const YamlNode& at = source ? source->value : node;
    if (type == "tmpfs") {
      return long_tmpfs(at, source_path, *text, mount);
    }
    if (type == "bind") {
      std::optional<std::string> host_path;
      if (text->empty()) {
        m_reader.error(node, path, "a bind mount needs a \"source\"");
      } else {
        host_path = host_path_of(at, source_path, *text);
      }
      mount.kind = VolumeMount::Kind::bind;
      mount.source = host_path.value_or("");
      return host_path ? std::optional(mount) : std::nullopt;
    }
    if (!text->empty() && !is_usable_volume(at, source_path, *text)) {
      return std::nullopt;
    }
    mount.kind = text->empty() ? VolumeMount::Kind::anonymous : VolumeMount::Kind::named;
    mount.source = *text;
    return mount;
  }

  std::optional<VolumeMount> long_tmpfs(const YamlNode& at, const std::string& source_path,
                                        const std::string& source, VolumeMount mount) {
    if (!source.empty()) {
      m_reader.error(at, source_path, "a tmpfs mount has no source");
      return std::nullopt;
    }
    mount.kind = VolumeMount::Kind::tmpfs;
    return mount;
  }

  // "~" and "~/x" expand to HOME, "./x" and "../x" resolve against the project directory.
  std::optional<std::string> host_path_of(const YamlNode& node, const std::string& path,
                                          const std::string& source) {
    if (source.front() != '~') {
      return normalised_path(std::filesystem::path(m_context.directory) / source);
    }
    if (source.size() > 1 && source[1] != '/') {
      m_reader.error(node, path, "\"~user\" paths are not supported: " + in_quotes(source));
      return std::nullopt;
    }
    auto home = m_context.environment->find("HOME");
    if (home == m_context.environment->end() || home->second.empty()) {
      m_reader.error(node, path, "cannot expand " + in_quotes(source) + ": HOME is not set");
      return std::nullopt;
    }
    return normalised_path(home->second + source.substr(1));
  }

  static bool is_declared(const std::vector<VolumeDecl>& declared, const std::string& key) {
    for (const VolumeDecl& decl : declared) {
      if (decl.key == key) {
        return true;
      }
    }
    return false;
  }

  FieldReader& m_reader;
  const MountContext& m_context;
};

}  // namespace

std::vector<VolumeDecl> parse_volume_decls(FieldReader& reader, const YamlNode& node,
                                           const std::string& path,
                                           const std::string& project_name) {
  std::vector<VolumeDecl> decls;
  if (node.is_null() || !reader.expect(node, path, YamlNode::Kind::mapping)) {
    return decls;
  }
  for (const YamlEntry& entry : node.entries) {
    std::string entry_path = child_path(path, entry.key.text);
    VolumeDecl decl;
    decl.key = entry.key.text;
    decl.pos = reader.pos(entry.key, entry_path);
    if (!is_valid_service_name(decl.key)) {
      reader.error(entry.key, entry_path, "invalid volume name " + in_quotes(decl.key));
    }
    if (!entry.value.is_null() && reader.expect(entry.value, entry_path, YamlNode::Kind::mapping)) {
      parse_volume_decl_options(reader, entry.value, entry_path, decl);
    }
    if (decl.name.empty()) {
      decl.name = decl.external ? decl.key : project_name + "_" + decl.key;
    }
    decls.push_back(decl);
  }
  return decls;
}

std::vector<VolumeMount> parse_volume_mounts(FieldReader& reader, const YamlNode& node,
                                             const std::string& path, const MountContext& context) {
  std::vector<VolumeMount> mounts;
  if (!reader.expect(node, path, YamlNode::Kind::sequence)) {
    return mounts;
  }
  MountParser parser(reader, context);
  for (size_t i = 0; i < node.items.size(); ++i) {
    if (std::optional<VolumeMount> mount = parser.parse(node.items[i], item_path(path, i))) {
      mounts.push_back(*mount);
    }
  }
  return mounts;
}

void declare_implicit_volumes(Project& project) {
  for (const Service& service : project.services) {
    for (const VolumeMount& mount : service.volumes) {
      if (mount.kind != VolumeMount::Kind::named || project.find_volume(mount.source) != nullptr) {
        continue;
      }
      VolumeDecl decl;
      decl.key = mount.source;
      decl.name = mount.source;
      decl.external = true;
      decl.pos = service.pos;
      project.volumes.push_back(decl);
    }
  }
}

}  // namespace berth::compose
