#include "compose/mount_options.h"

#include <algorithm>
#include <charconv>
#include <optional>

#include "compose/value_readers.h"

namespace berth::compose {
namespace {

constexpr uint32_t k_max_file_mode = 07777;
constexpr const char* k_subpath_api = "1.45";

const std::vector<std::string> k_propagations = {"private", "rprivate", "shared",
                                                 "rshared", "slave",    "rslave"};
const std::vector<std::string> k_consistencies = {"consistent", "cached", "delegated"};

bool is_one_of(const std::vector<std::string>& words, const std::string& word) {
  return std::find(words.begin(), words.end(), word) != words.end();
}

std::string kind_name(const VolumeMount& mount) {
  return mount.kind == VolumeMount::Kind::bind ? "a bind mount"
                                               : "volume " + in_quotes(mount.source);
}

// One word of a short-syntax mode; "" when it applies or is `ignored`.
std::string apply_short_word(const std::string& word, VolumeMount& mount,
                             std::vector<std::string>& ignored) {
  bool bind = mount.kind == VolumeMount::Kind::bind;
  if (word == "ro" || word == "rw") {
    mount.read_only = word == "ro";
  } else if (word == "z" || word == "Z") {
    // Compose relabels binds only; a volume's files have the engine's label already.
    mount.selinux = bind ? word : "";
  } else if (word == "nocopy") {
    if (bind) {
      return "\"nocopy\" applies to volumes, not to a bind mount";
    }
    mount.nocopy = true;
  } else if (is_one_of(k_propagations, word)) {
    if (!bind) {
      return "propagation " + in_quotes(word) + " applies to bind mounts, not to " +
             kind_name(mount);
    }
    mount.propagation = word;
  } else if (!is_one_of(k_consistencies, word)) {
    ignored.push_back(word);
  }
  return "";
}

// The value of an optional key of `options`, read by `read`; true when absent.
template <typename Read>
bool read_option(const YamlNode& options, const std::string& path, const char* key, Read read) {
  const YamlEntry* entry = options.find(key);
  return entry == nullptr || read(entry->value, child_path(path, key));
}

}  // namespace

std::string apply_short_mode(const std::string& mode, VolumeMount& mount,
                             std::vector<std::string>& ignored) {
  for (const std::string& word : split_on(mode, ',')) {
    if (std::string problem = apply_short_word(word, mount, ignored); !problem.empty()) {
      return problem;
    }
  }
  return "";
}

bool parse_bind_options(FieldReader& reader, const YamlNode& options, const std::string& path,
                        VolumeMount& mount) {
  bool ok = read_option(options, path, "propagation", [&](const YamlNode& node,
                                                          const std::string& at) {
    std::optional<std::string> text = reader.string(node, at);
    if (text && !is_one_of(k_propagations, *text)) {
      reader.error(node, at,
                   "invalid propagation " + in_quotes(*text) +
                       " (expected [r]private, [r]shared or [r]slave)");
      return false;
    }
    mount.propagation = text.value_or("");
    return text.has_value();
  });
  ok = read_option(options, path, "create_host_path",
                   [&](const YamlNode& node, const std::string& at) {
                     std::optional<bool> value = reader.boolean(node, at);
                     mount.create_host_path = value.value_or(false);
                     return value.has_value();
                   }) &&
       ok;
  ok = read_option(options, path, "selinux", [&](const YamlNode& node, const std::string& at) {
         std::optional<std::string> text = reader.string(node, at);
         if (text && *text != "z" && *text != "Z") {
           reader.error(node, at,
                        "invalid selinux " + in_quotes(*text) +
                            " (expected \"z\", shared, or \"Z\", private)");
           return false;
         }
         mount.selinux = text.value_or("");
         return text.has_value();
       }) &&
       ok;
  return ok;
}

bool parse_volume_options(FieldReader& reader, const YamlNode& options, const std::string& path,
                          VolumeMount& mount, std::vector<ApiRequirement>* requirements) {
  bool ok = read_option(options, path, "nocopy", [&](const YamlNode& node, const std::string& at) {
    std::optional<bool> value = reader.boolean(node, at);
    mount.nocopy = value.value_or(false);
    return value.has_value();
  });
  ok = read_option(options, path, "subpath", [&](const YamlNode& node, const std::string& at) {
         std::optional<std::string> text = reader.string(node, at);
         mount.subpath = text.value_or("");
         if (text && !text->empty() && requirements != nullptr) {
           requirements->push_back({reader.pos(node, at), k_subpath_api});
         }
         return text.has_value();
       }) &&
       ok;
  return ok;
}

bool parse_tmpfs_options(FieldReader& reader, const YamlNode& options, const std::string& path,
                         VolumeMount& mount) {
  bool ok = read_option(options, path, "size", [&](const YamlNode& node, const std::string& at) {
    mount.tmpfs_size = read_byte_size(reader, node, at);
    return mount.tmpfs_size.has_value();
  });
  ok = read_option(options, path, "mode", [&](const YamlNode& node, const std::string& at) {
         if (!reader.expect(node, at, YamlNode::Kind::scalar)) {
           return false;
         }
         mount.tmpfs_mode = node.quoted ? std::nullopt : parse_file_mode(node.text);
         if (!mount.tmpfs_mode) {
           reader.error(node, at,
                        "invalid mode " + in_quotes(node.text) +
                            " (expected permission bits in octal, e.g. 01777 or 0o755)");
         }
         return mount.tmpfs_mode.has_value();
       }) &&
       ok;
  return ok;
}

std::optional<uint32_t> parse_file_mode(const std::string& text) {
  std::string_view digits = text;
  int base = 10;
  if (digits.starts_with("0o") || digits.starts_with("0O")) {
    digits.remove_prefix(2);
    base = 8;
  } else if (digits.starts_with("0x") || digits.starts_with("0X")) {
    digits.remove_prefix(2);
    base = 16;
  } else if (digits.size() > 1 && digits.front() == '0') {
    base = 8;
  }
  uint32_t value = 0;
  const char* end = digits.data() + digits.size();
  auto [stop, error] = std::from_chars(digits.data(), end, value, base);
  if (digits.empty() || error != std::errc() || stop != end || value > k_max_file_mode) {
    return std::nullopt;
  }
  return value;
}

}  // namespace berth::compose
