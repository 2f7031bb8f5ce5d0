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

#include <fnmatch.h>

#include <nlohmann/json.hpp>

#include "harness.h"
#include "realworld_facets.h"

namespace berth::testing {
namespace {

namespace fs = std::filesystem;

const fs::path k_fixtures = fs::path(BERTH_SOURCE_DIR) / "tests/fixtures/config";

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
  const std::string env = fixture_environment(fixture);
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

// The same fixtures against compose v2 (2.26.1), the reference for files with
// `services:` (fig v1 fixtures, which v2 does not read, are skipped), facet by
// facet as the real-world corpus is compared (realworld_facets.h). Where
// 1.29.2 and v2 differ berth follows v2; tests/fixtures/config/DIFFERENCES-v2
// lists what berth keeps different on purpose ("<fixture or *> <where>  <why>").
bool known_v2_difference(const std::string& fixture, const std::string& where) {
  std::istringstream lines(read_text(k_fixtures / "DIFFERENCES-v2"));
  std::string line;
  while (std::getline(lines, line)) {
    std::istringstream words(line);
    std::string folder;
    std::string pattern;
    if (line.empty() || line[0] == '#' || !(words >> folder >> pattern)) {
      continue;
    }
    if ((folder == "*" || folder == fixture) && fnmatch(pattern.c_str(), where.c_str(), 0) == 0) {
      return true;
    }
  }
  return false;
}

TEST_P(ConfigConformance, SameResolutionAsComposeV2) {
  const char* const compose_v2 = "/opt/berth-peers/docker-compose-v2";
  if (!fs::exists(compose_v2)) {
    GTEST_SKIP() << "compose v2 is not installed (scripts/setup installs it)";
  }
  const fs::path fixture = k_fixtures / GetParam();
  const std::string env = fixture_environment(fixture);
  const std::string args = first_line(read_text(fixture / "args"));
  auto theirs =
      run_shell(env + compose_v2 + " -p fixture " + args + " config --format json", fixture);
  if (theirs.exit_code != 0) {
    GTEST_SKIP() << "compose v2 does not read it (a fig v1 file):\n" << theirs.err;
  }
  auto ours = run_shell(env + shell_quote(BERTH_BINARY) + " -p fixture " + args +
                            " config --format json",
                        fixture);
  ASSERT_EQ(ours.exit_code, 0) << ours.err;
  std::string unexpected;
  for (const FacetDifference& difference :
       compare_projects(nlohmann::json::parse(ours.out), nlohmann::json::parse(theirs.out))) {
    if (!known_v2_difference(GetParam(), difference.where)) {
      unexpected += difference.where + "\n  berth:      " + difference.berth +
                    "\n  compose v2: " + difference.compose_v2 + "\n";
    }
  }
  EXPECT_EQ(unexpected, "");
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
