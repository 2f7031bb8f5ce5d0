// The newer `build:` keys: read, printed as compose v2 2.26.1 prints them,
// and those only BuildKit honours marked for the build to refuse.

#include <gtest/gtest.h>

#include "compose/config_output.h"
#include "load_helpers.h"

namespace berth::compose::testing {
namespace {

using Strings = std::vector<std::string>;

const char* const k_every_key = R"(services:
  web:
    image: me/web
    build:
      context: .
      dockerfile_inline: |
        FROM busybox
        RUN true
      no_cache: true
      pull: true
      tags: [me/web:extra, other/name]
      platforms: [linux/amd64]
      isolation: default
      ulimits: {nofile: {soft: 1024, hard: 2048}, nproc: 64}
      labels: [a=b]
      shm_size: 64m
)";

TEST(BuildKeys, TheClassicBuildersKeysAreRead) {
  const Project project = load(k_every_key);
  const BuildSpec& build = *project.services[0].build;
  EXPECT_EQ(build.dockerfile_inline, "FROM busybox\nRUN true\n");
  EXPECT_TRUE(build.no_cache);
  EXPECT_TRUE(build.pull);
  EXPECT_EQ(build.tags, (Strings{"me/web:extra", "other/name"}));
  EXPECT_EQ(build.platforms, (Strings{"linux/amd64"}));
  EXPECT_EQ(build.isolation, "default");
  ASSERT_EQ(build.ulimits.size(), 2u);
  EXPECT_EQ(build.ulimits[0].name, "nofile");
  EXPECT_EQ(build.ulimits[0].hard, 2048);
  EXPECT_EQ(build.labels.at("a"), "b");
  EXPECT_EQ(build.shm_size, 64 * 1024 * 1024);
  EXPECT_TRUE(build.buildkit_only.empty());
}

TEST(BuildKeys, BuildKitOnlyKeysAreReadAndMarked) {
  const Project project = load(R"(services:
  web:
    build:
      context: .
      additional_contexts: {base: ./base, img: "docker-image://busybox"}
      ssh: [default]
      secrets: [token, {source: key, target: /run/key}]
      cache_to: [type=inline]
      entitlements: [network.host]
      platforms: [linux/amd64, linux/arm64]
      privileged: true
)");
  const BuildSpec& build = *project.services[0].build;
  EXPECT_EQ(build.additional_contexts,
            (std::map<std::string, std::string>{{"base", "/proj/base"},
                                                {"img", "docker-image://busybox"}}));
  EXPECT_EQ(build.ssh, (Strings{"default"}));
  EXPECT_EQ(build.secrets,
            (std::vector<std::pair<std::string, std::string>>{{"token", ""}, {"key", "/run/key"}}));
  Strings marked;
  for (const SourcePos& pos : build.buildkit_only) {
    marked.push_back(pos.key_path);
  }
  EXPECT_EQ(marked, (Strings{"services.web.build.additional_contexts", "services.web.build.ssh",
                             "services.web.build.secrets", "services.web.build.cache_to",
                             "services.web.build.entitlements", "services.web.build.platforms",
                             "services.web.build.privileged"}));
}

TEST(BuildKeys, AnInlineDockerfileNeedsNoContext) {
  const Project project = load("services:\n  web:\n    build:\n      dockerfile_inline: FROM x\n");
  EXPECT_EQ(project.services[0].build->context, "/proj");
}

TEST(BuildKeys, BadInputIsPositioned) {
  EXPECT_EQ(load_error("services:\n  web:\n    build:\n      context: .\n      dockerfile: D\n"
                       "      dockerfile_inline: FROM x\n"),
            "compose.yaml:6:7: services.web.build: \"dockerfile\" and \"dockerfile_inline\" "
            "exclude each other");
  EXPECT_EQ(load_error("services:\n  web:\n    build:\n      context: .\n      tags: x\n"),
            "compose.yaml:5:13: services.web.build.tags: expected a sequence, got a string");
  EXPECT_EQ(load_error("services:\n  web:\n    build:\n      context: .\n      no_cache: 1\n"),
            "compose.yaml:5:17: services.web.build.no_cache: expected true or false, got \"1\"");
  EXPECT_EQ(load_error("services:\n  web:\n    build:\n      context: .\n"
                       "      secrets: [{target: x}]\n"),
            "compose.yaml:5:17: services.web.build.secrets[0]: a build secret needs a source");
}

TEST(BuildKeys, ConfigPrintsThemAndTheyReadBack) {
  Project first = load(k_every_key);
  std::string yaml = project_to_yaml(first);
  EXPECT_NE(yaml.find("      no_cache: true\n"), std::string::npos) << yaml;
  EXPECT_NE(yaml.find("      tags:\n        - me/web:extra\n"), std::string::npos) << yaml;
  Project second = load(yaml);
  const BuildSpec& build = *second.services[0].build;
  EXPECT_EQ(build.dockerfile_inline, "FROM busybox\nRUN true\n");
  EXPECT_EQ(build.ulimits.size(), 2u);
  EXPECT_EQ(project_to_yaml(second), yaml);
  Project kit = load(R"(services:
  web:
    build:
      context: .
      ssh: [default]
      secrets: [{source: key, target: /run/key}]
      additional_contexts: {base: ./base}
      cache_to: [type=inline]
      entitlements: [network.host]
)");
  std::string kit_yaml = project_to_yaml(kit);
  EXPECT_EQ(project_to_yaml(load(kit_yaml)), kit_yaml);
  EXPECT_EQ(load(kit_yaml).services[0].build->buildkit_only.size(), 5u);
}

}  // namespace
}  // namespace berth::compose::testing
