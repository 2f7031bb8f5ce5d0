#include "compose/volume_parser.h"

#include <filesystem>
#include <optional>

namespace berth::compose {
namespace {

const KnownKeys k_volume_decl_keys = {{"external", "name", "driver", "labels"}, {"driver_opts"}};

std::string normalised_path(const std::filesystem::path& path) {
  std::string text = path.lexically_normal().string();
  if (text.size() > 1 && text.back() == '/') {
    text.pop_back();
  }
  return text;
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
}

class MountParser {
 public:
  MountParser(FieldReader& reader, const MountContext& context)
      : m_reader(reader), m_context(context) {}

  std::optional<VolumeMount> parse(const YamlNode& node, const std::string& path) {
    if (node.is_mapping()) {
      m_reader.error(node, path, "the long volume syntax is not supported yet");
      return std::nullopt;
    }
    std::optional<std::string> text = m_reader.string(node, path);
    if (!text) {
      return std::nullopt;
    }
    std::vector<std::string> parts = split_parts(*text);
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
    if (parts.size() == 3 && parts[2] != "ro" && parts[2] != "rw") {
      m_reader.error(node, path,
                     "invalid volume mode " + in_quotes(parts[2]) + " (expected ro or rw)");
      return std::nullopt;
    }
    mount.read_only = parts.size() == 3 && parts[2] == "ro";
    if (parts.size() == 1) {
      return mount;  // anonymous
    }
    return resolve_source(node, path, parts[0], mount);
  }

 private:
  static std::vector<std::string> split_parts(const std::string& text) {
    std::vector<std::string> parts;
    size_t begin = 0;
    for (size_t colon = text.find(':'); colon != std::string::npos; colon = text.find(':', begin)) {
      parts.push_back(text.substr(begin, colon - begin));
      begin = colon + 1;
    }
    parts.push_back(text.substr(begin));
    return parts;
  }

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
      return mount;
    }
    if (!is_valid_service_name(source)) {
      m_reader.error(node, path,
                     "invalid volume name " + in_quotes(source) +
                         " (a host path must start with \"/\", \".\" or \"~\")");
      return std::nullopt;
    }
    const std::vector<VolumeDecl>* declared = m_context.declared_volumes;
    if (declared != nullptr && !is_declared(*declared, source)) {
      m_reader.error(node, path,
                     "service " + in_quotes(m_context.service_name) + " uses volume " +
                         in_quotes(source) + ", which is not declared in the top-level volumes");
      return std::nullopt;
    }
    mount.kind = VolumeMount::Kind::named;
    mount.source = source;
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
