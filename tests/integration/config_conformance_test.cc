// Conformance of `berth config` with docker-compose 1.29.2's `config`.
//
// Each folder under tests/fixtures/config/ is a project. docker-compose
// resolves it (interpolation, .env, env_file, several files, extends,
// profiles, relative paths) and prints the result, itself a compose file. The
// normalisation step is berth's own loader: berth's resolution of the original
// must equal berth's reading of compose's resolution, both as canonical JSON.
//
// Files a fixture may hold besides its project files:
//   args        global options for both tools, e.g. "-f a.yml -f b.yml"
//   shell.env   KEY=VALUE lines set in the environment of both tools
//   differs     a deliberate difference: the first line says what and why; the
//               test then checks that berth's output contains the second line.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "harness.h"

namespace berth::testing {
namespace {

namespace fs = std::filesystem;

const fs::path k_fixtures = fs::path(BERTH_SOURCE_DIR) / "tests/fixtures/config";

std::string read_text(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

// "env K=V K2=V2 " for the fixture's shell.env, with the variables berth and
// compose both read cleared first so the machine's own settings never leak in.
std::string environment_prefix(const fs::path& fixture) {
  std::string prefix =
      "env -u COMPOSE_FILE -u COMPOSE_PROJECT_NAME -u COMPOSE_PROFILES -u DOCKER_HOST ";
  std::istringstream lines(read_text(fixture / "shell.env"));
  std::string line;
  while (std::getline(lines, line)) {
    if (!line.empty() && line[0] != '#') {
      prefix += shell_quote(line) + " ";
    }
  }
  return prefix;
}

std::vector<std::string> fixture_names() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(k_fixtures)) {
    if (entry.is_directory()) {
      names.push_back(entry.path().filename().string());
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

class ConfigConformance : public ::testing::TestWithParam<std::string> {};

TEST_P(ConfigConformance, SameResolutionAsDockerCompose) {
  if (run_shell("command -v docker-compose").exit_code != 0) {
    GTEST_SKIP() << "docker-compose 1.29.2 is not installed (scripts/setup installs it)";
  }
  const fs::path fixture = k_fixtures / GetParam();
  const fs::path work = fs::temp_directory_path() / unique_project_name("conf");
  fs::create_directories(work / "project");
  fs::copy(fixture, work / "project", fs::copy_options::recursive);
  struct Cleanup {
    fs::path dir;
    ~Cleanup() { fs::remove_all(dir); }
  } cleanup{work};
  const std::string env = environment_prefix(fixture);
  const std::string args = first_line(read_text(fixture / "args"));
  const std::string dir = (work / "project").string();

  auto theirs = run_shell(env + "docker-compose -p fixture " + args + " config", dir);
  ASSERT_EQ(theirs.exit_code, 0) << "docker-compose rejected the fixture:\n" << theirs.err;
  std::ofstream(work / "resolved.yml") << theirs.out;

  const std::string berth = env + shell_quote(BERTH_BINARY) + " -p fixture ";
  auto ours = run_shell(berth + args + " config --format json", dir);
  ASSERT_EQ(ours.exit_code, 0) << ours.err;
  auto reread = run_shell(berth + "--project-directory " + shell_quote(dir) + " -f " +
                              shell_quote((work / "resolved.yml").string()) +
                              " config --format json",
                          dir);
  ASSERT_EQ(reread.exit_code, 0) << "berth cannot read compose's output:\n"
                                 << reread.err << "\n" << theirs.out;

  const std::string differs = read_text(fixture / "differs");
  if (!differs.empty()) {
    auto expected = differs.substr(differs.find('\n') + 1);
    expected = first_line(expected);
    EXPECT_NE(ours.out.find(expected), std::string::npos)
        << "deliberate difference: " << first_line(differs) << "\n" << ours.out;
    return;
  }
  EXPECT_EQ(ours.out, reread.out) << "compose resolved it as:\n" << theirs.out;
}

INSTANTIATE_TEST_SUITE_P(Fixtures, ConfigConformance, ::testing::ValuesIn(fixture_names()),
                         [](const auto& info) {
                           std::string name = info.param;
                           for (auto& c : name) {
                             c = std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
                           }
                           return name;
                         });

}  // namespace
}  // namespace berth::testing
