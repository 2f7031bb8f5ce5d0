#include "compose/value_readers.h"

#include <charconv>

#include "compose/units.h"

namespace berth::compose {

std::optional<int64_t> read_integer(FieldReader& reader, const YamlNode& node,
                                    const std::string& path, int64_t minimum) {
  if (!reader.expect(node, path, YamlNode::Kind::scalar)) {
    return std::nullopt;
  }
  int64_t value = 0;
  const char* end = node.text.data() + node.text.size();
  auto [stop, error] = std::from_chars(node.text.data(), end, value);
  if (node.quoted || node.text.empty() || error != std::errc() || stop != end) {
    reader.error(node, path, "expected an integer, got " + in_quotes(node.text));
    return std::nullopt;
  }
  if (value < minimum) {
    reader.error(node, path,
                 "expected an integer of at least " + std::to_string(minimum) + ", got " +
                     node.text);
    return std::nullopt;
  }
  return value;
}

std::optional<int64_t> read_byte_size(FieldReader& reader, const YamlNode& node,
                                      const std::string& path) {
  std::optional<std::string> text = reader.string(node, path);
  if (!text) {
    return std::nullopt;
  }
  std::optional<int64_t> bytes = parse_byte_size(*text);
  if (!bytes) {
    reader.error(node, path,
                 "invalid size " + in_quotes(*text) +
                     " (expected bytes, or a number with a unit b, k, m or g, e.g. \"64m\")");
  }
  return bytes;
}

std::optional<int64_t> read_duration_ns(FieldReader& reader, const YamlNode& node,
                                        const std::string& path) {
  std::optional<std::string> text = reader.string(node, path);
  if (!text) {
    return std::nullopt;
  }
  std::optional<int64_t> duration = parse_duration_ns(*text);
  if (!duration) {
    reader.error(node, path,
                 "invalid duration " + in_quotes(*text) +
                     " (expected a number with a unit h, m, s, ms, us or ns, e.g. \"1m30s\")");
  }
  return duration;
}

std::optional<double> read_cpus(FieldReader& reader, const YamlNode& node,
                                const std::string& path) {
  std::optional<std::string> text = reader.string(node, path);
  if (!text) {
    return std::nullopt;
  }
  std::optional<double> cpus = parse_cpu_count(*text);
  if (!cpus) {
    reader.error(node, path, "invalid CPU count " + in_quotes(*text) + " (expected e.g. 0.5 or 2)");
  }
  return cpus;
}

std::vector<std::string> read_string_list(FieldReader& reader, const YamlNode& node,
                                          const std::string& path) {
  std::vector<std::string> result;
  for_each_string(reader, node, path, false,
                  [&](const YamlNode&, const std::string&, const std::string& text) {
                    result.push_back(text);
                  });
  return result;
}

std::vector<std::string> read_string_or_list(FieldReader& reader, const YamlNode& node,
                                             const std::string& path) {
  std::vector<std::string> result;
  for_each_string(reader, node, path, true,
                  [&](const YamlNode&, const std::string&, const std::string& text) {
                    result.push_back(text);
                  });
  return result;
}

std::optional<std::string> read_non_empty(FieldReader& reader, const YamlNode& node,
                                          const std::string& path) {
  std::optional<std::string> text = reader.string(node, path);
  if (text && text->empty()) {
    reader.error(node, path, "expected a non-empty string");
    return std::nullopt;
  }
  return text;
}

std::map<std::string, std::string> read_string_map(FieldReader& reader, const YamlNode& node,
                                                   const std::string& path) {
  std::map<std::string, std::string> result;
  if (!reader.expect(node, path, YamlNode::Kind::mapping)) {
    return result;
  }
  for (const YamlEntry& entry : node.entries) {
    if (std::optional<std::string> value =
            reader.string(entry.value, child_path(path, entry.key.text))) {
      result[entry.key.text] = *value;
    }
  }
  return result;
}

}  // namespace berth::compose
