#include "compose/uninterpolated_output.h"

#include <gtest/gtest.h>

#include <cctype>
#include <nlohmann/json.hpp>

#include "compose/config_error.h"
#include "temp_dir.h"

namespace berth::compose {
namespace {

using testing::TempDir;

nlohmann::json printed(const TempDir& dir, const std::map<std::string, std::string>& images = {}) {
  LoadOptions options;
  options.working_dir = dir.path().string();
  options.environment = {{"TAG", "9"}, {"PORT", "1"}};
  return nlohmann::json::parse(uninterpolated_project(options, true, images));
}

TEST(UninterpolatedOutput, KeepsEveryVariableAsWrittenAndMergesTheOverrideFile) {
  TempDir dir;
  dir.write("compose.yaml",
            "version: '3'\n"
            "services:\n"
            "  web:\n"
            "    image: \"busybox:${TAG:-latest}\"\n"
            "    ports: [\"${PORT:-8080}:80\"]\n"
            "    environment:\n"
            "      A: $$literal\n"
            "      N: 5\n"
            "      Q: \"5\"\n"
            "      T: true\n"
            "  solo:\n"
            "    image: busybox\n"
            "    network_mode: none\n"
            "x-foo: ${BAR}\n");
  dir.write("compose.override.yaml", "services:\n  web:\n    command: echo ${GREETING}\n");
  const auto project = printed(dir);
  const auto& web = project["services"]["web"];
  EXPECT_EQ(web["image"], "busybox:${TAG:-latest}");
  EXPECT_EQ(web["ports"][0], "${PORT:-8080}:80");
  EXPECT_EQ(web["command"], "echo ${GREETING}");
  EXPECT_EQ(web["environment"]["A"], "$$literal");
  EXPECT_EQ(web["environment"]["N"], 5);    // a plain number stays a number
  EXPECT_EQ(web["environment"]["Q"], "5");  // a quoted one a string
  EXPECT_EQ(web["environment"]["T"], true);
  EXPECT_EQ(project["x-foo"], "${BAR}");
  EXPECT_FALSE(project.contains("version"));
  // As v2: the project's name, and the default network for services naming none.
  std::string directory = dir.path().filename().string();  // mkdtemp's letters: a-z, A-Z
  for (char& c : directory) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  EXPECT_EQ(project["name"], directory);
  EXPECT_TRUE(web["networks"].contains("default"));
  EXPECT_FALSE(project["services"]["solo"].contains("networks"));
  EXPECT_EQ(project["networks"]["default"]["name"], directory + "_default");
}

TEST(UninterpolatedOutput, PrintsYamlWithSortedKeysAndThePinnedImages) {
  TempDir dir;
  dir.write("compose.yaml",
            "name: pinned\nservices:\n  b:\n    image: x:${T}\n  a:\n    image: y\n");
  LoadOptions options;
  options.working_dir = dir.path().string();
  const std::string yaml =
      uninterpolated_project(options, false, {{"a", "docker.io/library/y:latest@sha256:00"}});
  EXPECT_EQ(yaml,
            "name: pinned\n"
            "networks:\n"
            "  default:\n"
            "    name: pinned_default\n"
            "services:\n"
            "  a:\n"
            "    image: docker.io/library/y:latest@sha256:00\n"
            "    networks:\n"
            "      default: null\n"
            "  b:\n"
            "    image: x:${T}\n"
            "    networks:\n"
            "      default: null\n");
}

TEST(UninterpolatedOutput, ReportsAFileThatCannotBeParsedWithItsPosition) {
  TempDir dir;
  dir.write("compose.yaml", "services:\n  web: [\n");
  LoadOptions options;
  options.working_dir = dir.path().string();
  try {
    uninterpolated_project(options, false);
    FAIL() << "no error";
  } catch (const ConfigError& error) {
    EXPECT_NE(std::string(error.what()).find("compose.yaml:"), std::string::npos) << error.what();
  }
}

}  // namespace
}  // namespace berth::compose
