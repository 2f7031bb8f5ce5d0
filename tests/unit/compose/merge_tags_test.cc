// The compose-spec merge tags "!reset" and "!override" in several files, in
// `extends` and in a file on its own.
//
// The expectations follow compose v2 2.26.1 (`docker compose -f base.yml -f
// override.yml config --format json`), run on the same input: "!reset"
// removes the key whatever its kind (`!reset []`, `!reset null`, `!reset`),
// "!override" replaces the value instead of merging it, and in a file on its
// own "!reset" drops its key while "!override" changes nothing.

#include <gtest/gtest.h>

#include "compose/merge.h"
#include "tests/unit/compose/load_helpers.h"
#include "tests/unit/compose/tree_helpers.h"

namespace berth::compose {
namespace {

using testing::flow;
using testing::flow_of;
using testing::TempDir;
using testing::tree;

const char* const k_base =
    "services:\n"
    "  web:\n"
    "    image: busybox\n"
    "    command: [sleep, '1']\n"
    "    ports: ['8080:80', '9090:90']\n"
    "    volumes: ['/a:/a', '/b:/b']\n"
    "    environment: {A: '1', B: '2'}\n"
    "    labels: [x=1, y=2]\n"
    "    networks: [n1, n2]\n"
    "    depends_on: [db]\n"
    "    dns: [1.1.1.1]\n"
    "  db:\n"
    "    image: busybox\n"
    "    environment: [C=1, D=2]\n";

// The services of k_base with `override` laid over it, the tags applied.
YamlNode services_with(const std::string& override) {
  YamlNode root = merge_files(tree(k_base), tree(override, "b.yml"), false);
  drop_merge_tags(root);
  return root.find("services")->value;
}

std::string web_key(const std::string& override, const std::string& key) {
  return flow_of(services_with(override).find("web")->value, key);
}

TEST(MergeTags, ResetRemovesASequence) {
  EXPECT_EQ(web_key("services:\n  web:\n    ports: !reset []\n", "ports"), "<absent>");
  EXPECT_EQ(web_key("services:\n  web:\n    depends_on: !reset []\n", "depends_on"), "<absent>");
  EXPECT_EQ(web_key("services:\n  web:\n    command: !reset null\n", "command"), "<absent>");
}

TEST(MergeTags, ResetRemovesAMappingWhateverItsValue) {
  EXPECT_EQ(web_key("services:\n  web:\n    environment: !reset {}\n", "environment"), "<absent>");
  EXPECT_EQ(web_key("services:\n  web:\n    labels: !reset null\n", "labels"), "<absent>");
  EXPECT_EQ(web_key("services:\n  web:\n    labels: !reset\n", "labels"), "<absent>");
  // What a !reset holds is never used.
  EXPECT_EQ(web_key("services:\n  web:\n    ports: !reset ['1:1']\n", "ports"), "<absent>");
}

TEST(MergeTags, OverrideReplacesSequencesInsteadOfMerging) {
  EXPECT_EQ(web_key("services:\n  web:\n    volumes: !override ['/c:/c']\n", "volumes"), "[/c:/c]");
  EXPECT_EQ(web_key("services:\n  web:\n    ports: !override ['1:1']\n", "ports"), "[1:1]");
  EXPECT_EQ(web_key("services:\n  web:\n    dns: !override [8.8.8.8]\n", "dns"), "[8.8.8.8]");
  EXPECT_EQ(web_key("services:\n  web:\n    networks: !override [n2]\n", "networks"), "[n2]");
}

TEST(MergeTags, OverrideReplacesMappingsAndTheListForm) {
  EXPECT_EQ(web_key("services:\n  web:\n    environment: !override {Z: '9'}\n", "environment"),
            "{Z: 9}");
  EXPECT_EQ(web_key("services:\n  web:\n    labels: !override {z: '1'}\n", "labels"), "{z: 1}");
  EXPECT_EQ(web_key("services:\n  web:\n    depends_on: !override {db: {condition: "
                    "service_started}}\n",
                    "depends_on"),
            "{db: {condition: service_started}}");
  YamlNode services = services_with("services:\n  db:\n    environment: !override [E=5]\n");
  EXPECT_EQ(flow_of(services.find("db")->value, "environment"), "[E=5]");
}

TEST(MergeTags, WithoutTagsTheValuesMerge) {
  EXPECT_EQ(web_key("services:\n  web:\n    environment: {Z: '9'}\n", "environment"),
            "{A: 1, B: 2, Z: 9}");
}

TEST(MergeTags, WorkAtAnyDepthOfMappings) {
  std::string base = "services:\n  web:\n    image: a\n    networks:\n      n1: {aliases: [x]}\n"
                     "      n2: {}\n    deploy: {resources: {limits: {cpus: '1', memory: 1g}}}\n";
  std::string override = "services:\n  web:\n    networks:\n      n1: !reset\n"
                         "    deploy: {resources: {limits: !override {memory: 2g}}}\n";
  YamlNode root = merge_files(tree(base), tree(override, "b.yml"), false);
  drop_merge_tags(root);
  const YamlNode& web = root.find("services")->value.find("web")->value;
  EXPECT_EQ(flow_of(web, "networks"), "{n2: {}}");
  EXPECT_EQ(flow_of(web, "deploy"), "{resources: {limits: {memory: 2g}}}");
}

TEST(MergeTags, ResetRemovesAWholeServiceOrNetwork) {
  YamlNode root = merge_files(tree(k_base + std::string("networks: {n1: {}, n2: {}}\n")),
                              tree("services:\n  db: !reset\nnetworks:\n  n1: !reset {}\n"),
                              false);
  drop_merge_tags(root);
  EXPECT_EQ(root.find("services")->value.find("db"), nullptr);
  EXPECT_EQ(flow_of(root, "networks"), "{n2: {}}");
}

TEST(MergeTags, ALaterFileMergesOverWhatAResetLeft) {
  YamlNode root = merge_files(tree(k_base), tree("services:\n  web:\n    ports: !reset []\n"),
                              false);
  root = merge_files(root, tree("services:\n  web:\n    ports: ['7:7']\n"), false);
  drop_merge_tags(root);
  EXPECT_EQ(flow_of(root.find("services")->value.find("web")->value, "ports"), "[7:7]");
}

TEST(MergeTags, InAFileOnItsOwnResetDropsTheKeyAndOverrideChangesNothing) {
  Project project = testing::load(
      "services:\n  web:\n    image: busybox\n    ports: !reset ['8080:80']\n"
      "    environment: !override {A: '1'}\n    labels: !reset {x: '1'}\n");
  const Service& web = project.services.at(0);
  EXPECT_TRUE(web.ports.empty());
  EXPECT_TRUE(web.labels.empty());
  EXPECT_EQ(web.environment, (std::vector<std::pair<std::string, std::string>>{{"A", "1"}}));
}

TEST(MergeTags, AResetItemOfASequenceIsLeftOut) {
  Project project = testing::load(
      "services:\n  web:\n    image: busybox\n    ports: ['1:1', !reset '2:2']\n");
  ASSERT_EQ(project.services.at(0).ports.size(), 1u);
  EXPECT_EQ(project.services.at(0).ports[0].host_start, 1);
}

TEST(MergeTags, TaggedScalarsKeepTheirOwnStyle) {
  YamlNode root = tree("a: !override 8080\nb: !override '8080'\nc: !override null\n"
                       "d: !override |\n  text\ne: !override # comment\n  \"q\"\n");
  EXPECT_FALSE(root.find("a")->value.quoted);
  EXPECT_EQ(root.find("a")->value.tag, "!override");
  EXPECT_TRUE(root.find("b")->value.quoted);
  EXPECT_TRUE(root.find("c")->value.is_null());
  EXPECT_TRUE(root.find("d")->value.quoted);
  EXPECT_TRUE(root.find("e")->value.quoted);
  EXPECT_EQ(root.find("e")->value.text, "q");
}

TEST(MergeTags, TaggedScalarsAreInterpolatedAndTyped) {
  LoadOptions options;
  options.environment = {{"PORT", "8080"}};
  Project project = testing::load(
      "services:\n  web:\n    image: busybox\n    ports: !override ['${PORT}:80']\n"
      "    privileged: !override true\n    user: !override ${PORT}\n",
      options);
  const Service& web = project.services.at(0);
  ASSERT_EQ(web.ports.size(), 1u);
  EXPECT_EQ(web.ports[0].host_start, 8080);
  EXPECT_EQ(web.user, "8080");
}

TEST(MergeTags, AnUnknownTagIsIgnoredWithAWarning) {
  Project project = testing::load(
      "services:\n  web:\n    image: busybox\n    ports: !rest ['8080:80']\n");
  EXPECT_EQ(project.services.at(0).ports.size(), 1u);
  EXPECT_EQ(project.warnings,
            (std::vector<std::string>{"compose.yaml:4:12: unknown YAML tag \"!rest\" ignored "
                                      "(compose knows !reset and !override)"}));
}

TEST(MergeTags, ExtendsDropsWhatTheExtendingServiceResets) {
  Project project = testing::load(
      "services:\n  base:\n    image: busybox\n    ports: ['1:1']\n    environment: {A: '1'}\n"
      "  web:\n    extends: base\n    ports: !reset []\n    environment: !override {B: '2'}\n");
  const Service* web = project.find_service("web");
  ASSERT_NE(web, nullptr);
  EXPECT_TRUE(web->ports.empty());
  EXPECT_EQ(web->environment, (std::vector<std::pair<std::string, std::string>>{{"B", "2"}}));
}

// compose v2 resolves `extends` in each file before merging the next, berth
// (as 1.29.2) after merging them all: the tags give the same result either way.
TEST(MergeTags, AnOverrideFilesResetAlsoRemovesWhatExtendsBrings) {
  TempDir dir;
  std::string a = dir.write("a.yml",
                            "services:\n  base:\n    image: busybox\n    ports: ['1:1']\n"
                            "  web:\n    extends: base\n");
  std::string b = dir.write("b.yml", "services:\n  web:\n    ports: !reset []\n");
  std::string c = dir.write("c.yml", "services:\n  web:\n    ports: ['2:2']\n");
  LoadOptions options;
  options.files = {a, b};
  EXPECT_TRUE(load_project(options).find_service("web")->ports.empty());
  options.files = {a, b, c};
  const Project project = load_project(options);
  const Service* web = project.find_service("web");
  ASSERT_EQ(web->ports.size(), 1u);
  EXPECT_EQ(web->ports[0].host_start, 2);
}

}  // namespace
}  // namespace berth::compose
