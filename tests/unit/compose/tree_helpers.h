#pragma once
// Shared by the tests of the tree stage (merge, extends, several files):
// YAML text to a tree, a tree back to one line of flow-style text to compare,
// and a temporary directory to write project files into.

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "temp_dir.h"
#include "compose/config_error.h"
#include "compose/loader.h"
#include "compose/yaml_tree.h"

namespace berth::compose::testing {

inline YamlNode tree(const std::string& text, const std::string& file = "a.yml") {
  std::vector<Diagnostic> diagnostics;
  YamlNode root = parse_yaml(text, file, diagnostics);
  EXPECT_TRUE(diagnostics.empty());
  return root;
}

// {key: value, list: [a, b]}; null is "~". Quoting is left out: it does not merge.
inline std::string flow(const YamlNode& node) {
  switch (node.kind) {
    case YamlNode::Kind::null:
      return "~";
    case YamlNode::Kind::scalar:
      return node.text;
    case YamlNode::Kind::sequence: {
      std::string text;
      for (const YamlNode& item : node.items) {
        text += (text.empty() ? "" : ", ") + flow(item);
      }
      return "[" + text + "]";
    }
    case YamlNode::Kind::mapping: {
      std::string text;
      for (const YamlEntry& entry : node.entries) {
        text += (text.empty() ? "" : ", ") + entry.key.text + ": " + flow(entry.value);
      }
      return "{" + text + "}";
    }
  }
  return "?";
}

// The value of `key` in a mapping, flowed; "<absent>" when missing.
inline std::string flow_of(const YamlNode& mapping, const std::string& key) {
  const YamlEntry* entry = mapping.find(key);
  return entry != nullptr ? flow(entry->value) : "<absent>";
}


// The whole what() of the ConfigError load_project() throws, or a marker.
inline std::string load_files_error(const LoadOptions& options) {
  try {
    load_project(options);
  } catch (const ConfigError& error) {
    return error.what();
  }
  return "<loaded without error>";
}

}  // namespace berth::compose::testing
