#include "compose/yaml_writer.h"

#include <gtest/gtest.h>

#include "compose/yaml_tree.h"

namespace berth::compose {
namespace {

using nlohmann::json;

TEST(YamlWriter, BlockStyleWithPlainAndQuotedScalars) {
  json doc = {{"name", "p"},
              {"list", {"a", "-c", "1", ""}},
              {"map", json::object()},
              {"items", json::array({{{"k", 1}, {"z", nullptr}}})},
              {"flag", true}};
  EXPECT_EQ(to_yaml(doc),
            "flag: true\n"
            "items:\n"
            "  - k: 1\n"
            "    z: null\n"
            "list:\n"
            "  - a\n"
            "  - -c\n"
            "  - \"1\"\n"
            "  - \"\"\n"
            "map: {}\n"
            "name: p\n");
}

TEST(YamlWriter, TrickyStringsReadBackUnchanged) {
  const std::vector<std::string> strings = {
      "yes", "off", "null", "~", "1:30", "0x1f", ".5", "-", "- a", "a: b", "a #b", "a#b",
      "trailing:", "quote\"d", "it's", "tab\there", "new\nline", "ünïcödé", "{braces}",
      "[list]", "*star", "&amp", "!tag", "|pipe", ">fold", "%pct", "@at", "`tick", " lead",
      "trail ", "=", "<<", "$$HOME", "sh -c 'echo \"x\"'"};
  json doc = {{"values", strings}};
  std::vector<Diagnostic> diagnostics;
  YamlNode root = parse_yaml(to_yaml(doc), "out.yaml", diagnostics);
  ASSERT_TRUE(diagnostics.empty());
  const YamlEntry* values = root.find("values");
  ASSERT_NE(values, nullptr);
  ASSERT_EQ(values->value.items.size(), strings.size());
  for (size_t i = 0; i < strings.size(); ++i) {
    EXPECT_EQ(values->value.items[i].text, strings[i]) << i;
    // Words YAML would take for booleans or numbers come back quoted.
    if (strings[i] == "yes" || strings[i] == "1:30") {
      EXPECT_TRUE(values->value.items[i].quoted) << strings[i];
    }
  }
}

}  // namespace
}  // namespace berth::compose
