// The top-level `include:`: short and long form, relative paths, env files,
// conflicts and cycles.
//
// The expectations follow compose v2 2.26.1 (`docker compose config --format
// json`) run on the same files, except where a comment says berth is stricter.

#include <gtest/gtest.h>

#include "compose/loader.h"
#include "tests/unit/compose/tree_helpers.h"

namespace berth::compose {
namespace {

using testing::load_files_error;
using testing::TempDir;

LoadOptions in_dir(const TempDir& dir) {
  LoadOptions options;
  options.working_dir = dir.path().string();
  return options;
}

std::vector<std::string> service_names(const Project& project) {
  std::vector<std::string> names;
  for (const Service& service : project.services) {
    names.push_back(service.name);
  }
  return names;
}

TEST(Include, TheShortFormImportsServicesNetworksAndVolumes) {
  TempDir dir;
  dir.write("compose.yml",
            "include:\n  - sub/inc.yml\nservices:\n  web:\n    image: busybox\n");
  dir.write("sub/inc.yml",
            "services:\n  inc:\n    image: busybox\n    networks: [back]\n"
            "    volumes: ['data:/data']\nnetworks:\n  back: {}\nvolumes:\n  data: {}\n");
  Project project = load_project(in_dir(dir));
  EXPECT_EQ(service_names(project), (std::vector<std::string>{"web", "inc"}));
  EXPECT_NE(project.find_network("back"), nullptr);
  ASSERT_EQ(project.volumes.size(), 1u);
  EXPECT_EQ(project.volumes[0].key, "data");
}

TEST(Include, RelativePathsResolveAgainstTheIncludedFilesDirectory) {
  TempDir dir;
  dir.write("compose.yml", "include: [sub/inc.yml]\nservices:\n  web:\n    image: busybox\n"
                           "    volumes: ['./data:/data']\n");
  dir.write("sub/inc.yml",
            "services:\n  inc:\n    build: ./ctx\n    env_file: inc.env\n"
            "    volumes: ['./incdata:/data', {type: bind, source: other, target: /o}]\n");
  dir.write("sub/inc.env", "X=1\n");
  dir.write("sub/ctx/Dockerfile", "FROM scratch\n");
  Project project = load_project(in_dir(dir));
  const Service* inc = project.find_service("inc");
  ASSERT_NE(inc, nullptr);
  ASSERT_TRUE(inc->build.has_value());
  EXPECT_EQ(inc->build->context, dir / "sub/ctx");
  ASSERT_EQ(inc->volumes.size(), 2u);
  EXPECT_EQ(inc->volumes[0].source, dir / "sub/incdata");
  EXPECT_EQ(inc->volumes[1].source, dir / "sub/other");
  EXPECT_EQ(inc->environment, (std::vector<std::pair<std::string, std::string>>{{"X", "1"}}));
  EXPECT_EQ(project.find_service("web")->volumes[0].source, dir / "data");
}

TEST(Include, TheLongFormTakesOverrideFilesAProjectDirectoryAndEnvFiles) {
  TempDir dir;
  dir.write("compose.yml",
            "include:\n  - path: [other/o.yml, other/o-dev.yml]\n    project_directory: .\n"
            "    env_file: other/o.env\nservices:\n  web:\n    image: busybox\n");
  dir.write("other/o.yml", "services:\n  o:\n    image: busybox:${OTAG:-none}\n"
                           "    volumes: ['./odata:/data']\n    ports: ['1:1']\n");
  dir.write("other/o-dev.yml", "services:\n  o:\n    ports: !reset []\n");
  dir.write("other/o.env", "OTAG=fromenvfile\n");
  Project project = load_project(in_dir(dir));
  const Service* o = project.find_service("o");
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->image, "busybox:fromenvfile");
  EXPECT_TRUE(o->ports.empty());
  EXPECT_EQ(o->volumes.at(0).source, dir / "odata");  // against project_directory
}

TEST(Include, ItsDotEnvInterpolatesItButTheProjectsVariablesWin) {
  TempDir dir;
  dir.write("compose.yml", "include: [sub/inc.yml]\nservices:\n  web:\n    image: busybox\n");
  dir.write("sub/inc.yml", "services:\n  inc:\n    image: busybox:${TAG:-none}\n");
  dir.write("sub/.env", "TAG=fromsubdotenv\n");
  EXPECT_EQ(load_project(in_dir(dir)).find_service("inc")->image, "busybox:fromsubdotenv");
  LoadOptions options = in_dir(dir);
  options.environment = {{"TAG", "shell"}};
  EXPECT_EQ(load_project(options).find_service("inc")->image, "busybox:shell");
}

TEST(Include, IsRecursiveWithPathsRelativeToEachIncludedProject) {
  TempDir dir;
  dir.write("compose.yml", "include: [a/one.yml]\n");
  dir.write("a/one.yml", "include: [b/two.yml]\nservices:\n  one:\n    image: busybox\n");
  dir.write("a/b/two.yml", "services:\n  two:\n    image: busybox\n    volumes: ['./t:/t']\n");
  Project project = load_project(in_dir(dir));
  EXPECT_EQ(service_names(project), (std::vector<std::string>{"one", "two"}));
  EXPECT_EQ(project.find_service("two")->volumes.at(0).source, dir / "a/b/t");
}

TEST(Include, AFileOfNetworksAloneCanBeIncluded) {
  TempDir dir;
  dir.write("compose.yml", "include: [n/net.yml]\nservices:\n  web:\n    image: busybox\n"
                           "    networks: [shared]\n");
  dir.write("n/net.yml", "networks:\n  shared: {}\n");
  EXPECT_NE(load_project(in_dir(dir)).find_network("shared"), nullptr);
}

TEST(Include, TheSameDefinitionTwiceIsNoConflict) {
  TempDir dir;
  dir.write("compose.yml", "include: [inc.yml]\nservices:\n  web:\n    image: busybox\n");
  dir.write("inc.yml", "services:\n  web:\n    image: busybox\n");
  EXPECT_EQ(service_names(load_project(in_dir(dir))), (std::vector<std::string>{"web"}));
}

TEST(Include, AServiceOrNetworkDefinedDifferentlyConflicts) {
  TempDir dir;
  dir.write("compose.yml", "include: [inc.yml]\nservices:\n  web:\n    image: busybox\n"
                           "networks:\n  n: {driver: bridge}\n");
  dir.write("inc.yml", "services:\n  web:\n    image: busybox:2\nnetworks:\n  n: {}\n");
  EXPECT_EQ(load_files_error(in_dir(dir)),
            "compose.yml:3:3: services.web: conflicts with imported resource: inc.yml:2:3 "
            "defines \"web\" differently\n"
            "compose.yml:6:3: networks.n: conflicts with imported resource: inc.yml:5:3 "
            "defines \"n\" differently");
}

TEST(Include, ACycleIsAnError) {
  TempDir dir;
  dir.write("compose.yml", "include: [inc.yml]\nservices:\n  web:\n    image: busybox\n");
  dir.write("inc.yml", "include: [compose.yml]\nservices:\n  x:\n    image: busybox\n");
  EXPECT_EQ(load_files_error(in_dir(dir)),
            "inc.yml:1:11: include[0]: include cycle: compose.yml -> inc.yml -> compose.yml");
}

TEST(Include, AMissingFileIsAnError) {
  TempDir dir;
  dir.write("compose.yml", "include:\n  - nope.yml\nservices:\n  web:\n    image: busybox\n");
  EXPECT_EQ(load_files_error(in_dir(dir)),
            "compose.yml:2:5: include[0]: included file \"nope.yml\" not found (" +
                (dir / "nope.yml") + ")");
}

TEST(Include, RemoteIncludesAreRefused) {
  TempDir dir;
  dir.write("compose.yml", "include:\n  - oci://docker.io/x/y\n");
  EXPECT_EQ(load_files_error(in_dir(dir)),
            "compose.yml:2:5: include[0]: remote include \"oci://docker.io/x/y\" (git or OCI) "
            "is not supported: berth includes local files only");
}

// Stricter than compose v2, which ignores both.
TEST(Include, TheLongFormChecksItsKeys) {
  TempDir dir;
  dir.write("compose.yml",
            "include:\n  - path: inc.yml\n    bogus: 1\n  - project_directory: x\n"
            "  - path: []\n  - path: inc.yml\n    env_file: missing.env\n");
  dir.write("inc.yml", "services:\n  x:\n    image: busybox\n");
  std::string error = load_files_error(in_dir(dir));
  EXPECT_NE(error.find("compose.yml:3:5: include[0]: unknown key \"bogus\""), std::string::npos)
      << error;
  EXPECT_NE(error.find("compose.yml:4:5: include[1]: missing key \"path\""), std::string::npos)
      << error;
  EXPECT_NE(error.find("compose.yml:5:11: include[2].path: expected a path or a sequence of "
                       "paths, got an empty sequence"),
            std::string::npos)
      << error;
  EXPECT_NE(error.find("compose.yml:7:15: include[3].env_file: env file \"missing.env\" not "
                       "found"),
            std::string::npos)
      << error;
}

TEST(Include, AnOverrideFilesIncludeMergesWithTheFilesBefore) {
  TempDir dir;
  std::string base = dir.write("base.yml", "services:\n  web:\n    image: busybox\n"
                                           "    ports: ['1:1']\n");
  std::string over = dir.write("over.yml", "include: [inc.yml]\n");
  dir.write("inc.yml", "services:\n  web:\n    image: busybox:2\n");
  LoadOptions options;
  options.files = {base, over};
  Project project = load_project(options);
  EXPECT_EQ(project.find_service("web")->image, "busybox:2");
  EXPECT_EQ(project.find_service("web")->ports.size(), 1u);
}

}  // namespace
}  // namespace berth::compose
