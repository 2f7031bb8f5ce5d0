// Real projects' compose files (tests/realworld/, one folder a project, each
// with a SOURCES file naming repository, path and commit): berth resolves
// each as compose v2 does, facet by facet (realworld_facets.h).
//
// Per folder, as in tests/fixtures/config: an optional `args` (global options
// for both tools, e.g. "-f a.yml -f b.yml") and `shell.env` (KEY=VALUE lines
// set for both). Every profile is enabled (`--profile "*"`).
//
// tests/realworld/DIFFERENCES lists the differences we keep on purpose, one a
// line: "<folder or *> <where, * matching anything>  <why>". Any other
// difference fails the test with both sides' canonical text.

#include <fnmatch.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "harness.h"
#include "realworld_facets.h"

namespace berth::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const fs::path k_corpus = fs::path(BERTH_SOURCE_DIR) / "tests/realworld";
const char* const k_compose_v2 = "/opt/berth-peers/docker-compose-v2";

std::vector<std::string> corpus_folders() {
  std::vector<std::string> names;
  if (fs::is_directory(k_corpus)) {
    for (const auto& entry : fs::directory_iterator(k_corpus)) {
      if (entry.is_directory()) {
        names.push_back(entry.path().filename().string());
      }
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

struct KnownDifference {
  std::string folder;  // or "*"
  std::string where;   // a pattern for FacetDifference::where
};

std::vector<KnownDifference> known_differences() {
  std::vector<KnownDifference> known;
  std::istringstream lines(read_text(k_corpus / "DIFFERENCES"));
  std::string line;
  while (std::getline(lines, line)) {
    std::istringstream words(line);
    KnownDifference one;
    if (line.empty() || line[0] == '#' || !(words >> one.folder >> one.where)) {
      continue;
    }
    known.push_back(one);
  }
  return known;
}

bool is_known(const std::string& folder, const FacetDifference& difference) {
  static const std::vector<KnownDifference> k_known = known_differences();
  return std::any_of(k_known.begin(), k_known.end(), [&](const KnownDifference& one) {
    return (one.folder == "*" || one.folder == folder) &&
           fnmatch(one.where.c_str(), difference.where.c_str(), 0) == 0;
  });
}

struct Outputs {
  CommandResult berth;
  CommandResult compose_v2;
};

Outputs resolve_both(const std::string& folder) {
  const fs::path dir = k_corpus / folder;
  const std::string env = fixture_environment(dir);
  const std::string args = first_line(read_text(dir / "args")) + " --profile '*' ";
  Outputs outputs;
  outputs.compose_v2 =
      run_shell(env + k_compose_v2 + " " + args + "config --format json", dir.string());
  outputs.berth = run_shell(env + shell_quote(BERTH_BINARY) + " " + args + "config --format json",
                            dir.string());
  return outputs;
}

class RealWorld : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (!fs::exists(k_compose_v2)) {
      GTEST_SKIP() << "compose v2 is not at " << k_compose_v2 << " (scripts/setup puts it there)";
    }
  }
};

// Files compose v2 refuses (kept on purpose, named *-v2-refuses) berth refuses
// too; every other file both accept and resolve alike.
TEST_P(RealWorld, ResolvesAsComposeV2) {
  const std::string folder = GetParam();
  Outputs outputs = resolve_both(folder);
  if (folder.ends_with("-v2-refuses")) {
    ASSERT_NE(outputs.compose_v2.exit_code, 0) << "compose v2 now accepts it";
    EXPECT_NE(outputs.berth.exit_code, 0) << "berth accepts what compose v2 refuses:\n"
                                          << outputs.compose_v2.err;
    return;
  }
  ASSERT_EQ(outputs.compose_v2.exit_code, 0) << "compose v2 refuses it:\n"
                                             << outputs.compose_v2.err;
  ASSERT_EQ(outputs.berth.exit_code, 0) << "berth refuses what compose v2 accepts:\n"
                                        << outputs.berth.err;
  json ours = json::parse(outputs.berth.out);
  json theirs = json::parse(outputs.compose_v2.out);
  std::string unexpected;
  for (const FacetDifference& difference : compare_projects(ours, theirs)) {
    if (!is_known(folder, difference)) {
      unexpected += difference.where + "\n  berth:      " + difference.berth +
                    "\n  compose v2: " + difference.compose_v2 + "\n";
    }
  }
  EXPECT_EQ(unexpected, "") << "facets that differ (tests/realworld/DIFFERENCES lists the known "
                               "ones)";
}

// ["K=V", "K"] as {K: "V", K: null}; anything else as it is.
json as_mapping(const json& value) {
  if (!value.is_array()) {
    return value;
  }
  json mapping = json::object();
  for (const auto& item : value) {
    if (!item.is_string()) {
      return value;
    }
    const std::string text = item.get<std::string>();
    const auto equals = text.find('=');
    mapping[text.substr(0, equals)] =
        equals == std::string::npos ? json() : json(text.substr(equals + 1));
  }
  return mapping;
}

// Every leaf where two JSON documents differ, as "path: berth | v2". A list
// of "K=V" and a mapping with the same pairs are alike (v2 keeps the list
// through a merge where berth merges into the mapping); values are compared
// as text (a merge leaves v2 `1` where berth has "1").
void json_differences(const json& given_ours, const json& given_theirs, const std::string& path,
                      std::vector<std::string>& out) {
  const bool mixed = given_ours.is_object() != given_theirs.is_object();
  const json ours = mixed ? as_mapping(given_ours) : given_ours;
  const json theirs = mixed ? as_mapping(given_theirs) : given_theirs;
  if (!ours.is_structured() && !theirs.is_structured() && !ours.is_null() && !theirs.is_null()) {
    auto text = [](const json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); };
    if (text(ours) != text(theirs)) {
      out.push_back(path + ": " + ours.dump() + " | " + theirs.dump());
    }
    return;
  }
  if (ours.type() != theirs.type()) {
    out.push_back(path + ": " + ours.dump() + " | " + theirs.dump());
  } else if (ours.is_object()) {
    for (const auto& [key, value] : ours.items()) {
      json_differences(value, theirs.contains(key) ? theirs[key] : json(), path + "." + key, out);
    }
    for (const auto& [key, value] : theirs.items()) {
      if (!ours.contains(key)) {
        out.push_back(path + "." + key + ": (none) | " + value.dump());
      }
    }
  } else if (ours.is_array() && ours.size() == theirs.size()) {
    for (size_t i = 0; i < ours.size(); ++i) {
      json_differences(ours[i], theirs[i], path + "[" + std::to_string(i) + "]", out);
    }
  } else if (ours != theirs) {
    out.push_back(path + ": " + ours.dump() + " | " + theirs.dump());
  }
}

// `config --no-interpolate` prints what v2 prints, but where berth is
// deliberately different (README, config): a file path that starts with a
// variable (env_file, a secret's file) is not made relative to the project (v2
// turns `${F:-.env}` into `/dir/${F:-.env}`, wrong when F is absolute), and build args without a
// value are kept (v2 drops the whole mapping).
TEST_P(RealWorld, NoInterpolateAsComposeV2) {
  const std::string folder = GetParam();
  if (folder.ends_with("-v2-refuses")) {
    GTEST_SKIP() << "compose v2 refuses it";
  }
  const fs::path dir = k_corpus / folder;
  const std::string env = fixture_environment(dir);
  const std::string args =
      first_line(read_text(dir / "args")) + " --profile '*' config --no-interpolate --format json";
  auto theirs = run_shell(env + k_compose_v2 + " " + args, dir.string());
  auto ours = run_shell(env + shell_quote(BERTH_BINARY) + " " + args, dir.string());
  if (theirs.exit_code != 0) {
    GTEST_SKIP() << "compose v2 cannot print it uninterpolated: " << theirs.err;
  }
  ASSERT_EQ(ours.exit_code, 0) << ours.err;
  std::vector<std::string> differences;
  json_differences(json::parse(ours.out), json::parse(theirs.out), "", differences);
  std::string unexpected;
  for (const auto& difference : differences) {
    // A path that is a variable: v2 puts the project's directory before it.
    const bool variable_path = difference.find("| \"/") != std::string::npos &&
                               difference.find("/${") != std::string::npos;
    const bool valueless_args =
        difference.find(".build.args: ") != std::string::npos && difference.ends_with("| null");
    if (!variable_path && !valueless_args) {
      unexpected += difference + "\n";
    }
  }
  EXPECT_EQ(unexpected, "") << "berth | compose v2";
}

// `berth config` prints everything it resolved: its YAML output, read back
// by compose v2 and by berth, gives the same project as the original file.
TEST_P(RealWorld, ConfigOutputReadsBackAlike) {
  const std::string folder = GetParam();
  if (folder.ends_with("-v2-refuses")) {
    GTEST_SKIP() << "compose v2 refuses the original";
  }
  Outputs original = resolve_both(folder);
  ASSERT_EQ(original.berth.exit_code, 0) << original.berth.err;
  ASSERT_EQ(original.compose_v2.exit_code, 0) << original.compose_v2.err;
  const fs::path dir = k_corpus / folder;
  const fs::path work = make_temp_dir("realworld");
  struct Cleanup {
    fs::path dir;
    ~Cleanup() { fs::remove_all(dir); }
  } cleanup{work};
  const std::string env = fixture_environment(dir);
  const std::string args = first_line(read_text(dir / "args")) + " --profile '*' ";
  CommandResult yaml =
      run_shell(env + shell_quote(BERTH_BINARY) + " " + args + "config", dir.string());
  ASSERT_EQ(yaml.exit_code, 0) << yaml.err;
  std::ofstream(work / "resolved.yaml") << yaml.out;
  // The same directory, so relative paths (there are none left) and the
  // default project name (the output names it) cannot differ.
  const std::string reread_args = "--project-directory " + shell_quote(dir.string()) + " -f " +
                                  shell_quote((work / "resolved.yaml").string()) +
                                  " --profile '*' config --format json";
  CommandResult by_v2 = run_shell(env + k_compose_v2 + " " + reread_args, dir.string());
  ASSERT_EQ(by_v2.exit_code, 0) << "compose v2 refuses berth's output:\n" << by_v2.err;
  CommandResult by_berth =
      run_shell(env + shell_quote(BERTH_BINARY) + " " + reread_args, dir.string());
  ASSERT_EQ(by_berth.exit_code, 0) << "berth refuses its own output:\n" << by_berth.err;
  EXPECT_EQ(by_berth.out, original.berth.out) << "berth reads its output back otherwise";
  std::string unexpected;
  for (const FacetDifference& difference :
       compare_projects(json::parse(by_v2.out), json::parse(original.compose_v2.out))) {
    if (is_known(folder, difference)) {
      continue;  // berth's own reading differs there on purpose, so does its output
    }
    unexpected += difference.where + "\n  v2 on berth's output: " + difference.berth +
                  "\n  v2 on the original:   " + difference.compose_v2 + "\n";
  }
  EXPECT_EQ(unexpected, "") << "compose v2 reads berth's output as another project";
}

GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(RealWorld);
INSTANTIATE_TEST_SUITE_P(Corpus, RealWorld, ::testing::ValuesIn(corpus_folders()),
                         [](const auto& info) {
                           std::string name = info.param;
                           for (auto& c : name) {
                             c = std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
                           }
                           return name;
                         });

// The engine takes what berth sends for real files: a few projects are
// created (not started) with every image a local tag of the test image.
// Folders listed in tests/realworld/CREATE; each runs in a copy, so bind
// sources the engine makes never land in the source tree.

std::vector<std::string> create_folders() {
  std::vector<std::string> folders;
  std::istringstream lines(read_text(k_corpus / "CREATE"));
  std::string line;
  while (std::getline(lines, line)) {
    if (!line.empty() && line[0] != '#') {
      folders.push_back(first_line(line.substr(0, line.find(' '))));
    }
  }
  return folders;
}

// One folder; the folders go one after another (they may share image tags).
void create_on_the_engine(const std::string& folder) {
  SCOPED_TRACE(folder);
  const fs::path work = make_temp_dir("realworld-create");
  const std::string project = unique_project_name("rwc");
  std::vector<std::string> made_tags;
  struct Cleanup {
    fs::path dir;
    std::string project;
    std::vector<std::string>& tags;
    ~Cleanup() {
      remove_project_objects(project);
      for (const std::string& tag : tags) {
        run_shell("/usr/bin/docker rmi --no-prune " + shell_quote(tag) + " >/dev/null 2>&1");
      }
      fs::remove_all(dir);
    }
  } cleanup{work, project, made_tags};
  fs::copy(k_corpus / folder, work, fs::copy_options::recursive);
  const std::string env = fixture_environment(work);
  const std::string berth = env + shell_quote(BERTH_BINARY) + " -p " + project + " " +
                            first_line(read_text(work / "args")) + " --profile '*' ";
  CommandResult config = run_shell(berth + "config --format json", work.string());
  ASSERT_EQ(config.exit_code, 0) << config.err;
  json doc = json::parse(config.out);
  size_t services = 0;
  for (const auto& [name, service] : doc["services"].items()) {
    std::string image = service.value("image", "");
    int replicas = service.contains("deploy") ? service["deploy"].value("replicas", 1) : 1;
    services += static_cast<size_t>(service.value("scale", replicas));
    if (run_shell("/usr/bin/docker image inspect " + shell_quote(image) + " >/dev/null 2>&1")
            .exit_code != 0) {
      ASSERT_EQ(run_shell("/usr/bin/docker tag berth-test/busybox:latest " + shell_quote(image))
                    .exit_code,
                0)
          << image;
      made_tags.push_back(image);
    }
  }
  CommandResult create = run_shell(berth + "create --no-build", work.string());
  ASSERT_EQ(create.exit_code, 0) << create.err;
  CommandResult listed = run_shell(berth + "ps -a -q", work.string());
  EXPECT_EQ(lines_of(listed.out).size(), services) << listed.out << listed.err;
}

TEST(RealWorldCreate, TheEngineTakesWhatBerthSends) {
  for (const std::string& folder : create_folders()) {
    create_on_the_engine(folder);
  }
}

TEST(RealWorldCorpus, HoldsAtLeastFortyProjectsEachWithItsSources) {
  std::vector<std::string> folders = corpus_folders();
  EXPECT_GE(folders.size(), 40u);
  for (const std::string& folder : folders) {
    std::string sources = read_text(k_corpus / folder / "SOURCES");
    EXPECT_FALSE(sources.empty()) << folder << " has no SOURCES";
  }
}

}  // namespace
}  // namespace berth::testing
