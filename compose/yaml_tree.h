#pragma once
// Internal to compose: the YAML document as a plain tree with positions.
// yaml-cpp stays inside yaml_tree.cc; the parsers work on this tree, which
// keeps every mapping entry in the order written (duplicates already reported)
// and the 1-based position of every key and value.

#include <string>
#include <vector>

#include "compose/config_error.h"

namespace berth::compose {

struct YamlEntry;

struct YamlNode {
  enum class Kind { null, scalar, sequence, mapping };

  Kind kind = Kind::null;
  std::string text;                // scalar only
  bool quoted = false;             // scalar written quoted or as a block: never a number or boolean
  int line = 0;                    // 1-based
  int column = 0;                  // 1-based
  std::string file;                // as named in messages; nodes of merged files keep their own
  // An explicit local tag as written ("!reset", "!override", "!foo"); empty
  // without one. Standard tags ("!!str", a bare "!") only decide `quoted`.
  // A "!reset" node keeps no value: it only stands for the removal.
  std::string tag;
  std::vector<YamlNode> items;     // sequence only
  std::vector<YamlEntry> entries;  // mapping only, in the order written, keys unique

  bool is_null() const { return kind == Kind::null; }
  bool is_scalar() const { return kind == Kind::scalar; }
  bool is_sequence() const { return kind == Kind::sequence; }
  bool is_mapping() const { return kind == Kind::mapping; }
  // The compose merge tags: "!reset" removes what the files before gave,
  // "!override" replaces it instead of merging (compose/merge.h).
  bool is_reset() const { return tag == k_reset_tag; }
  bool is_override() const { return tag == k_override_tag; }
  static constexpr const char* k_reset_tag = "!reset";
  static constexpr const char* k_override_tag = "!override";
  // The entry whose key is `key`, or nullptr.
  const YamlEntry* find(const std::string& key) const;
};

struct YamlEntry {
  YamlNode key;
  YamlNode value;
};

// "a sequence", "a mapping", "a string", "null": for "expected X, got Y".
std::string describe_kind(YamlNode::Kind kind);

// Key paths as in messages: "services.web" + "ports" -> "services.web.ports".
std::string child_path(const std::string& path, const std::string& key);
// "services.web.ports" + 0 -> "services.web.ports[0]".
std::string item_path(const std::string& path, size_t index);

// Parses one YAML document. Merge keys ("<<: *anchor") are expanded.
// Duplicate keys and non-scalar keys are added to `diagnostics` (the first
// entry is kept); text that is not YAML at all throws ConfigError.
YamlNode parse_yaml(const std::string& text, const std::string& file,
                    std::vector<Diagnostic>& diagnostics);

}  // namespace berth::compose
