#include "compose/secrets_parser.h"

#include <charconv>
#include <filesystem>
#include <optional>

namespace berth::compose {
namespace {

const KnownKeys k_secret_keys = {{"file", "environment", "external", "name", "labels", "driver",
                                  "driver_opts", "template_driver"},
                                 {}};
const KnownKeys k_config_keys = {
    {"file", "environment", "content", "external", "name", "labels", "template_driver"}, {}};
const KnownKeys k_external_keys = {{"name"}, {}};
const KnownKeys k_reference_keys = {{"source", "target", "uid", "gid", "mode"}, {}};

// Permission, setuid, setgid and sticky bits: what a tar header's mode holds.
constexpr uint32_t k_max_mode = 07777;

const char* noun(FileObjectKind kind) {
  return kind == FileObjectKind::secret ? "secret" : "config";
}

// The sources in the order messages name them.
std::vector<std::string> source_keys(FileObjectKind kind) {
  if (kind == FileObjectKind::secret) {
    return {"file", "environment"};
  }
  return {"file", "environment", "content"};
}

std::string listed(const std::vector<std::string>& keys, const std::string& last_word) {
  std::string text;
  for (size_t i = 0; i < keys.size(); ++i) {
    text += i == 0 ? "" : i + 1 == keys.size() ? " " + last_word + " " : ", ";
    text += in_quotes(keys[i]);
  }
  return text;
}

std::string normalised_path(const std::filesystem::path& path) {
  return path.lexically_normal().string();
}

class DeclParser {
 public:
  DeclParser(FieldReader& reader, FileObjectKind kind, const FileObjectContext& context)
      : m_reader(reader), m_kind(kind), m_context(context) {}

  FileObjectDecl parse(const YamlEntry& entry, const std::string& path) {
    FileObjectDecl decl;
    decl.key = entry.key.text;
    decl.pos = m_reader.pos(entry.key, path);
    if (m_reader.expect(entry.value, path, YamlNode::Kind::mapping)) {
      m_reader.check_keys(entry.value, path,
                          m_kind == FileObjectKind::secret ? k_secret_keys : k_config_keys, true);
      parse_options(entry.value, path, decl);
      check_sources(entry, path, decl);
    }
    if (decl.name.empty()) {
      decl.name = decl.external ? decl.key : m_context.project_name + "_" + decl.key;
    }
    return decl;
  }

 private:
  std::string text(const YamlNode& node, const std::string& path, const std::string& key) {
    const YamlEntry* entry = node.find(key);
    return entry == nullptr ? ""
                            : m_reader.string(entry->value, child_path(path, key)).value_or("");
  }

  std::map<std::string, std::string> pairs(const YamlNode& node, const std::string& path,
                                           const std::string& key) {
    std::map<std::string, std::string> out;
    if (const YamlEntry* entry = node.find(key)) {
      for (FieldReader::KeyValue& pair : m_reader.key_values(entry->value, child_path(path, key))) {
        out[pair.key] = pair.value.value_or("");
      }
    }
    return out;
  }

  void parse_options(const YamlNode& node, const std::string& path, FileObjectDecl& decl) {
    decl.name = text(node, path, "name");
    if (const YamlEntry* entry = node.find("file")) {
      decl.file = host_path(entry->value, child_path(path, "file"));
    }
    decl.environment = text(node, path, "environment");
    if (!decl.environment.empty()) {
      auto value = m_context.environment->find(decl.environment);
      if (value != m_context.environment->end()) {
        decl.environment_value = value->second;
      }
    }
    if (const YamlEntry* entry = node.find("content")) {
      decl.content = m_reader.string(entry->value, child_path(path, "content")).value_or("");
    }
    if (const YamlEntry* entry = node.find("external")) {
      parse_external(entry->value, child_path(path, "external"), decl);
    }
    decl.labels = pairs(node, path, "labels");
    decl.driver = text(node, path, "driver");
    decl.driver_opts = pairs(node, path, "driver_opts");
    decl.template_driver = text(node, path, "template_driver");
  }

  // `external: true`, or the older `external: {name: x}`, which also names it.
  void parse_external(const YamlNode& node, const std::string& path, FileObjectDecl& decl) {
    if (!node.is_mapping()) {
      decl.external = m_reader.boolean(node, path).value_or(false);
      return;
    }
    decl.external = true;
    m_reader.check_keys(node, path, k_external_keys, true);
    if (const YamlEntry* name = node.find("name")) {
      if (!decl.name.empty()) {
        m_reader.error(name->value, child_path(path, "name"),
                       std::string("the ") + noun(m_kind) +
                           " is named twice (\"name\" and \"external.name\")");
      }
      decl.name = m_reader.string(name->value, child_path(path, "name")).value_or("");
    }
  }

  // Relative to the project directory; "~/" is HOME.
  std::string host_path(const YamlNode& node, const std::string& path) {
    std::optional<std::string> text = m_reader.string(node, path);
    if (!text) {
      return "";
    }
    if (text->empty()) {
      m_reader.error(node, path, "the file path is empty");
      return "";
    }
    if (text->front() != '~') {
      return normalised_path(std::filesystem::path(m_context.directory) / *text);
    }
    auto home = m_context.environment->find("HOME");
    if ((text->size() > 1 && (*text)[1] != '/') || home == m_context.environment->end() ||
        home->second.empty()) {
      m_reader.error(
          node, path,
          "cannot expand " + in_quotes(*text) + " (only \"~/\" is, and only when HOME is set)");
      return "";
    }
    return normalised_path(home->second + text->substr(1));
  }

  // Exactly one source, unless external; an external one takes none.
  void check_sources(const YamlEntry& entry, const std::string& path, const FileObjectDecl& decl) {
    std::vector<const YamlEntry*> written;
    for (const std::string& key : source_keys(m_kind)) {
      if (const YamlEntry* source = entry.value.find(key)) {
        written.push_back(source);
      }
    }
    const std::string what = noun(m_kind);
    if (decl.external && !written.empty()) {
      const YamlEntry& source = *written.front();
      m_reader.error(source.key, child_path(path, source.key.text),
                     "an external " + what + " is defined outside the project; it takes no " +
                         in_quotes(source.key.text));
    } else if (!decl.external && written.empty()) {
      m_reader.error(entry.key, path,
                     "one of " + listed(source_keys(m_kind), "or") + " must be set");
    } else if (written.size() > 1) {
      const YamlEntry& second = *written[1];
      m_reader.error(second.key, child_path(path, second.key.text),
                     in_quotes(written[0]->key.text) + " and " + in_quotes(second.key.text) +
                         " are mutually exclusive (a " + what + " has one source)");
    }
  }

  FieldReader& m_reader;
  FileObjectKind m_kind;
  const FileObjectContext& m_context;
};

// `mode:` as YAML 1.1 reads an unquoted integer (0440 and 0o440 octal,
// 0x120 hexadecimal, 288 decimal). Compose v2 reads a quoted "0440" as
// decimal 440 (mode 0670), which no one means: that is refused.
std::optional<uint32_t> read_mode(FieldReader& reader, const YamlNode& node,
                                  const std::string& path) {
  if (!reader.expect(node, path, YamlNode::Kind::scalar)) {
    return std::nullopt;
  }
  std::string digits = node.text;
  int base = 10;
  if (node.quoted && digits.size() > 1 && digits.front() == '0') {
    reader.error(node, path,
                 "the quoted mode " + in_quotes(digits) +
                     " would be read as a decimal number, as compose v2 reads it; "
                     "write it unquoted (" +
                     digits + ") to mean octal");
    return std::nullopt;
  }
  if (!node.quoted && (digits.rfind("0o", 0) == 0 || digits.rfind("0x", 0) == 0)) {
    base = digits[1] == 'o' ? 8 : 16;
    digits = digits.substr(2);
  } else if (!node.quoted && digits.size() > 1 && digits.front() == '0') {
    base = 8;
  }
  uint32_t mode = 0;
  const char* end = digits.data() + digits.size();
  auto [stop, error] = std::from_chars(digits.data(), end, mode, base);
  if (digits.empty() || error != std::errc() || stop != end || mode > k_max_mode) {
    reader.error(node, path,
                 "invalid mode " + in_quotes(node.text) +
                     " (expected permission bits such as 0440, at most 07777)");
    return std::nullopt;
  }
  return mode;
}

// A numeric user or group ID, kept as text as compose v2 prints it.
std::string read_id(FieldReader& reader, const YamlNode& node, const std::string& path) {
  std::optional<std::string> text = reader.string(node, path);
  if (!text) {
    return "";
  }
  uint32_t id = 0;
  const char* end = text->data() + text->size();
  auto [stop, error] = std::from_chars(text->data(), end, id);
  if (text->empty() || error != std::errc() || stop != end) {
    reader.error(node, path, "expected a numeric ID, got " + in_quotes(*text));
    return "";
  }
  return *text;
}

std::string container_path(const FileReference& reference, FileObjectKind kind) {
  const std::string base = kind == FileObjectKind::secret ? "/run/secrets/" : "/";
  if (reference.target.empty()) {
    return base + reference.source;
  }
  return reference.target.front() == '/' ? reference.target : base + reference.target;
}

std::optional<FileReference> parse_long_reference(FieldReader& reader, const YamlNode& node,
                                                  const std::string& path, FileObjectKind kind) {
  reader.check_keys(node, path, k_reference_keys, true);
  const YamlEntry* source = node.find("source");
  if (source == nullptr) {
    reader.error(node, path,
                 std::string("a ") + noun(kind) + " in the long syntax needs a \"source\"");
    return std::nullopt;
  }
  FileReference reference;
  reference.source = reader.string(source->value, child_path(path, "source")).value_or("");
  reference.pos = reader.pos(source->value, path);
  if (const YamlEntry* target = node.find("target")) {
    reference.target = reader.string(target->value, child_path(path, "target")).value_or("");
  }
  if (const YamlEntry* uid = node.find("uid")) {
    reference.uid = read_id(reader, uid->value, child_path(path, "uid"));
  }
  if (const YamlEntry* gid = node.find("gid")) {
    reference.gid = read_id(reader, gid->value, child_path(path, "gid"));
  }
  if (const YamlEntry* mode = node.find("mode")) {
    reference.mode = read_mode(reader, mode->value, child_path(path, "mode"));
  }
  return reference;
}

std::optional<FileReference> parse_reference(FieldReader& reader, const YamlNode& node,
                                             const std::string& path, FileObjectKind kind) {
  std::optional<FileReference> reference;
  if (node.is_mapping()) {
    reference = parse_long_reference(reader, node, path, kind);
  } else if (std::optional<std::string> source = reader.string(node, path)) {
    reference = FileReference{};
    reference->source = *source;
    reference->pos = reader.pos(node, path);
    // compose v2 gives the short form of a secret its default target.
    if (kind == FileObjectKind::secret) {
      reference->target = "/run/secrets/" + *source;
    }
  }
  if (reference && reference->source.empty()) {
    reader.error(node, path, std::string("the ") + noun(kind) + " name is empty");
    return std::nullopt;
  }
  if (reference) {
    reference->container_path = container_path(*reference, kind);
  }
  return reference;
}

void resolve(FieldReader& reader, const Service& service, std::vector<FileReference>& references,
             const std::vector<FileObjectDecl>& decls, FileObjectKind kind) {
  for (FileReference& reference : references) {
    const FileObjectDecl* found = nullptr;
    for (const FileObjectDecl& decl : decls) {
      found = decl.key == reference.source ? &decl : found;
    }
    if (found == nullptr) {
      reader.error(reference.pos, "service " + in_quotes(service.name) + " refers to undefined " +
                                      noun(kind) + " " + in_quotes(reference.source));
      continue;
    }
    reference.definition = *found;
  }
}

}  // namespace

std::vector<FileObjectDecl> parse_file_object_decls(FieldReader& reader, const YamlNode& node,
                                                    const std::string& path, FileObjectKind kind,
                                                    const FileObjectContext& context) {
  std::vector<FileObjectDecl> decls;
  if (node.is_null() || !reader.expect(node, path, YamlNode::Kind::mapping)) {
    return decls;
  }
  DeclParser parser(reader, kind, context);
  for (const YamlEntry& entry : node.entries) {
    if (!is_extension_key(entry.key.text)) {
      decls.push_back(parser.parse(entry, child_path(path, entry.key.text)));
    }
  }
  return decls;
}

std::vector<FileReference> parse_file_references(FieldReader& reader, const YamlNode& node,
                                                 const std::string& path, FileObjectKind kind) {
  std::vector<FileReference> references;
  if (!reader.expect(node, path, YamlNode::Kind::sequence)) {
    return references;
  }
  for (size_t i = 0; i < node.items.size(); ++i) {
    std::optional<FileReference> reference =
        parse_reference(reader, node.items[i], item_path(path, i), kind);
    if (!reference) {
      continue;
    }
    bool repeated = false;
    for (const FileReference& earlier : references) {
      repeated = repeated || (earlier.source == reference->source &&
                              earlier.container_path == reference->container_path);
    }
    if (!repeated) {
      references.push_back(*reference);
    }
  }
  return references;
}

void resolve_file_references(FieldReader& reader, Project& project) {
  for (Service& service : project.services) {
    resolve(reader, service, service.secrets, project.secrets, FileObjectKind::secret);
    resolve(reader, service, service.configs, project.configs, FileObjectKind::config);
  }
}

}  // namespace berth::compose
