// Files of variables on disk: the project's `.env` / --env-file, which feed
// interpolation, and a service's `env_file:`. Expectations marked "1.29.2"
// were checked with docker-compose 1.29.2 (`config`, and `up --no-start` plus
// `docker inspect` for the order of the container's variables).

#include "temp_dir.h"
#include "compose/env_file.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "compose/config_error.h"
#include "compose/loader.h"

namespace berth::compose {
namespace {

namespace fs = std::filesystem;

using Environment = std::vector<std::pair<std::string, std::string>>;

using testing::TempDir;

// Runs `body` and returns the ConfigError's text, or a marker.
template <typename Body>
std::string error_of(Body body) {
  try {
    body();
  } catch (const ConfigError& error) {
    return error.what();
  }
  return "<no error>";
}

class ProjectEnvFile : public ::testing::Test {
 protected:
  // Loads `dir/compose.yaml` written with `text`, with `shell` as the environment.
  Project load(const std::string& text, std::map<std::string, std::string> shell = {}) {
    m_options.files = {m_dir.write("compose.yaml", text).string()};
    m_options.environment = std::move(shell);
    return load_project(m_options);
  }

  TempDir m_dir;
  LoadOptions m_options;
};

const char* const k_image_from_tag =
    "services:\n"
    "  web:\n"
    "    image: busybox:${TAG}\n";

TEST_F(ProjectEnvFile, DotEnvFeedsInterpolation) {
  // 1.29.2: TAG=from-dotenv in .env -> image busybox:from-dotenv.
  m_dir.write(".env", "TAG=from-dotenv\n");
  EXPECT_EQ(load(k_image_from_tag).services[0].image, "busybox:from-dotenv");
}

TEST_F(ProjectEnvFile, ShellBeatsDotEnv) {
  m_dir.write(".env", "TAG=from-dotenv\n");
  EXPECT_EQ(load(k_image_from_tag, {{"TAG", "shell"}}).services[0].image, "busybox:shell");
}

TEST_F(ProjectEnvFile, NoDotEnvIsFine) {
  Project project = load(k_image_from_tag);
  EXPECT_EQ(project.services[0].image, "busybox:");
  EXPECT_EQ(project.warnings.size(), 1u);
}

TEST_F(ProjectEnvFile, DotEnvIsLookedUpInTheWorkingDirFirst) {
  // 1.29.2: --project-directory wins over the first file's directory.
  m_dir.write(".env", "TAG=beside-the-file\n");
  m_dir.write("other/.env", "TAG=in-project-dir\n");
  m_options.working_dir = (m_dir.path() / "other").string();
  EXPECT_EQ(load(k_image_from_tag).services[0].image, "busybox:in-project-dir");
}

TEST_F(ProjectEnvFile, DotEnvMayNameTheProject) {
  m_dir.write(".env", "COMPOSE_PROJECT_NAME=from_dotenv\n");
  EXPECT_EQ(load(k_image_from_tag, {{"TAG", "1"}}).name, "from_dotenv");
}

TEST_F(ProjectEnvFile, KeyAloneInDotEnvIsUnset) {
  // compose 1.29.2 would interpolate the string "None" here; berth reads it as unset.
  m_dir.write(".env", "TAG\n");
  Project project = load(k_image_from_tag);
  EXPECT_EQ(project.services[0].image, "busybox:");
}

TEST_F(ProjectEnvFile, DotEnvFeedsValuelessEnvironmentEntries) {
  m_dir.write(".env", "FROM_DOTENV=d\n");
  Project project = load(
      "services:\n"
      "  web:\n"
      "    image: busybox\n"
      "    environment: [FROM_DOTENV]\n");
  EXPECT_EQ(project.services[0].environment, (Environment{{"FROM_DOTENV", "d"}}));
}

TEST_F(ProjectEnvFile, ServiceEnvFilesSeeDotEnvVariables) {
  // A deliberate difference: 1.29.2 resolves "${DOT}" in an env_file from the
  // shell only and gives "" here.
  m_dir.write(".env", "DOT=dot\n");
  m_dir.write("web.env", "X=${DOT}\n");
  Project project = load(
      "services:\n"
      "  web:\n"
      "    image: busybox\n"
      "    env_file: web.env\n");
  EXPECT_EQ(project.services[0].environment, (Environment{{"X", "dot"}}));
}

TEST_F(ProjectEnvFile, ExplicitEnvFileReplacesDotEnv) {
  m_dir.write(".env", "TAG=dotenv\n");
  m_options.env_files = {m_dir.write("custom.env", "TAG=custom\n").string()};
  EXPECT_EQ(load(k_image_from_tag).services[0].image, "busybox:custom");
}

TEST_F(ProjectEnvFile, SeveralEnvFilesLaterOnesWinAndSeeEarlierOnes) {
  // compose v2: `--env-file a --env-file b`.
  m_options.env_files = {m_dir.write("a.env", "TAG=a\nBASE=one\n").string(),
                         m_dir.write("b.env", "TAG=${BASE}-b\n").string()};
  EXPECT_EQ(load(k_image_from_tag).services[0].image, "busybox:one-b");
}

TEST_F(ProjectEnvFile, MissingExplicitEnvFileIsAnError) {
  m_options.env_files = {"/nonexistent/berth.env"};
  EXPECT_EQ(error_of([&] { load(k_image_from_tag); }),
            "env file \"/nonexistent/berth.env\" not found");
}

TEST_F(ProjectEnvFile, BadLineInDotEnvIsPositioned) {
  fs::path dotenv = m_dir.write(".env", "A=1\nnot a variable\n");
  EXPECT_EQ(error_of([&] { load(k_image_from_tag); }),
            dotenv.string() + ":2: expected KEY=value (key \"not\")");
}

// A service's env_file:, loaded from text with the temp dir as the project directory.
class ServiceEnvFile : public ::testing::Test {
 protected:
  Project load(const std::string& service_body, std::map<std::string, std::string> env = {}) {
    LoadOptions options;
    options.environment = std::move(env);
    return load_project_text("services:\n  web:\n    image: busybox\n" + service_body,
                             "compose.yaml", m_dir.path().string(), options);
  }

  std::string load_error(const std::string& service_body) {
    return error_of([&] { load(service_body); });
  }

  TempDir m_dir;
};

TEST_F(ServiceEnvFile, OneFile) {
  m_dir.write("web.env", "# settings\nA=1\nB=two\n");
  EXPECT_EQ(load("    env_file: web.env\n").services[0].environment,
            (Environment{{"A", "1"}, {"B", "two"}}));
}

TEST_F(ServiceEnvFile, LaterFilesOverrideAndEnvironmentOverridesAll) {
  // 1.29.2, container Env: ["Z1=z","B=env-b","A1=a2","M=m","ZZ=zz","C=c"]:
  // env_file keys first in first-seen order, then environment's new keys.
  m_dir.write("a.env", "Z1=z\nB=file-b\nA1=a\n");
  m_dir.write("b.env", "M=m\nA1=a2\n");
  Environment expected = {{"Z1", "z"}, {"B", "env-b"}, {"A1", "a2"},
                          {"M", "m"},  {"ZZ", "zz"},   {"C", "c"}};
  EXPECT_EQ(load("    environment:\n"
                 "      ZZ: zz\n"
                 "      B: env-b\n"
                 "      C: c\n"
                 "    env_file: [a.env, b.env]\n")
                .services[0]
                .environment,
            expected);
  // The same whichever key is written first.
  EXPECT_EQ(load("    env_file: [a.env, b.env]\n"
                 "    environment: [ZZ=zz, B=env-b, C=c]\n")
                .services[0]
                .environment,
            expected);
}

TEST_F(ServiceEnvFile, KeyAloneTakesTheVariableOrIsLeftOut) {
  // 1.29.2: "KS" alone with KS=shellks in the shell -> shellks; "K" unset -> null.
  m_dir.write("web.env", "K\nKS\nA=1\n");
  EXPECT_EQ(load("    env_file: web.env\n", {{"KS", "shellks"}}).services[0].environment,
            (Environment{{"KS", "shellks"}, {"A", "1"}}));
}

TEST_F(ServiceEnvFile, KeyAloneDropsAnEarlierValue) {
  // 1.29.2: a.env "A=1", b.env "A", environment "- S" (both unset) -> A and S null.
  m_dir.write("a.env", "A=1\nS=2\n");
  m_dir.write("b.env", "A\n");
  EXPECT_EQ(load("    environment: [S]\n"
                 "    env_file: [a.env, b.env]\n")
                .services[0]
                .environment,
            (Environment{}));
}

TEST_F(ServiceEnvFile, ValuesAreNotInterpolatedAsTheProjectFileIs) {
  // 1.29.2: "U=$Sh" stays "$Sh"; "$$" stays "$$"; only python-dotenv's
  // "${NAME}" / "${NAME:-default}" are resolved.
  m_dir.write("web.env", "U=$Sh\nD=$$\nI=${Sh}-${NOPE:-nd}\n");
  EXPECT_EQ(load("    env_file: web.env\n", {{"Sh", "shell"}}).services[0].environment,
            (Environment{{"U", "$Sh"}, {"D", "$$"}, {"I", "shell-nd"}}));
}

TEST_F(ServiceEnvFile, PathsAreRelativeToTheProjectDirectory) {
  m_dir.write("config/web.env", "A=1\n");
  EXPECT_EQ(load("    env_file: ./config/web.env\n").services[0].environment,
            (Environment{{"A", "1"}}));
  EXPECT_EQ(load("    env_file: " + (m_dir.path() / "config/web.env").string() + "\n")
                .services[0]
                .environment,
            (Environment{{"A", "1"}}));
}

TEST_F(ServiceEnvFile, MissingFileIsPositioned) {
  EXPECT_EQ(load_error("    env_file: x.env\n"),
            "compose.yaml:4:15: services.web.env_file: env file \"x.env\" not found");
  m_dir.write("a.env", "A=1\n");
  EXPECT_EQ(load_error("    env_file:\n"
                       "      - a.env\n"
                       "      - missing.env\n"),
            "compose.yaml:6:9: services.web.env_file[1]: env file \"missing.env\" not found");
}

TEST_F(ServiceEnvFile, DirectoryIsNotAFile) {
  fs::create_directories(m_dir.path() / "dir.env");
  EXPECT_EQ(load_error("    env_file: dir.env\n"),
            "compose.yaml:4:15: services.web.env_file: env file \"dir.env\" is a directory");
}

// issue 19: /dev/zero grew memory without bound, a FIFO blocked for ever.
TEST_F(ServiceEnvFile, DeviceAndFifoAreRefusedUnread) {
  EXPECT_EQ(load_error("    env_file: /dev/zero\n"),
            "compose.yaml:4:15: services.web.env_file: env file \"/dev/zero\" is a device");
  ASSERT_EQ(::mkfifo((m_dir.path() / "fifo.env").c_str(), 0600), 0);
  EXPECT_EQ(load_error("    env_file:\n      - path: fifo.env\n"),
            "compose.yaml:5:15: services.web.env_file[0].path: env file \"fifo.env\" is a FIFO");
}

TEST_F(ServiceEnvFile, BadLineIsPositionedInTheEnvFile) {
  m_dir.write("web.env", "A=1\nA B\n");
  EXPECT_EQ(load_error("    env_file: web.env\n"), "web.env:2: expected KEY=value (key \"A\")");
}

TEST_F(ServiceEnvFile, WrongType) {
  EXPECT_EQ(load_error("    env_file: {a: b}\n"),
            "compose.yaml:4:15: services.web.env_file: expected a string or a sequence, got a "
            "mapping");
}

TEST(UpdateEnvironment, ComposeDictUpdateRules) {
  Environment environment = {{"A", "1"}, {"B", "2"}};
  std::map<std::string, std::string> variables = {{"FROM_SHELL", "s"}};
  update_environment(environment, EnvVariable{"A", "new"}, variables);
  update_environment(environment, EnvVariable{"C", "3"}, variables);
  update_environment(environment, EnvVariable{"FROM_SHELL", std::nullopt}, variables);
  update_environment(environment, EnvVariable{"UNSET", std::nullopt}, variables);
  EXPECT_EQ(environment, (Environment{{"A", "new"}, {"B", "2"}, {"C", "3"}, {"FROM_SHELL", "s"}}));
  update_environment(environment, EnvVariable{"B", std::nullopt}, variables);
  EXPECT_EQ(environment, (Environment{{"A", "new"}, {"C", "3"}, {"FROM_SHELL", "s"}}));
}

}  // namespace
}  // namespace berth::compose
