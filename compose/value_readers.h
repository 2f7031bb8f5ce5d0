#pragma once
// Internal to compose: typed values beyond FieldReader's strings and booleans,
// each reporting a positioned error and returning nullopt (or nothing) when
// the node does not hold one.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "compose/field_reader.h"
#include "compose/yaml_tree.h"

namespace berth::compose {

// An unquoted integer not below `minimum`, as YAML reads `3` (a quoted "3" is a string).
std::optional<int64_t> read_integer(FieldReader& reader, const YamlNode& node,
                                    const std::string& path, int64_t minimum);

// A size in bytes: a number, or a string such as "64m" (compose/units.h).
std::optional<int64_t> read_byte_size(FieldReader& reader, const YamlNode& node,
                                      const std::string& path);

// A duration string such as "1m30s", in nanoseconds.
std::optional<int64_t> read_duration_ns(FieldReader& reader, const YamlNode& node,
                                        const std::string& path);

// A CPU count: a number or a string such as "0.5".
std::optional<double> read_cpus(FieldReader& reader, const YamlNode& node,
                                const std::string& path);

// Calls visit(item, item_path, text) for each string item of the sequence
// `node`, or for `node` itself when it is a string and `single_allowed`; bad
// items are reported and skipped.
template <typename Visit>
void for_each_string(FieldReader& reader, const YamlNode& node, const std::string& path,
                     bool single_allowed, Visit visit) {
  if (single_allowed && node.is_scalar()) {
    visit(node, path, node.text);
    return;
  }
  if (!node.is_sequence()) {
    std::string expected = single_allowed ? "a string or a sequence" : "a sequence";
    reader.error(node, path, "expected " + expected + ", got " + describe_kind(node.kind));
    return;
  }
  for (size_t i = 0; i < node.items.size(); ++i) {
    if (std::optional<std::string> text = reader.string(node.items[i], item_path(path, i))) {
      visit(node.items[i], item_path(path, i), *text);
    }
  }
}

// A sequence of strings; bad items are reported and left out.
std::vector<std::string> read_string_list(FieldReader& reader, const YamlNode& node,
                                          const std::string& path);

// One string or a sequence of them, as `dns:` and `tmpfs:` take.
std::vector<std::string> read_string_or_list(FieldReader& reader, const YamlNode& node,
                                             const std::string& path);

// A mapping of scalars (strings or numbers, as `driver_opts:` takes), as
// strings; bad entries are reported and left out.
std::map<std::string, std::string> read_string_map(FieldReader& reader, const YamlNode& node,
                                                   const std::string& path);

// A string that is not empty.
std::optional<std::string> read_non_empty(FieldReader& reader, const YamlNode& node,
                                          const std::string& path);

}  // namespace berth::compose
