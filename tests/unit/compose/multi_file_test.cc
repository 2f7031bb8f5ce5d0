// Several project files: -f repeated, COMPOSE_FILE, the override file.
//
// Checked against docker-compose 1.29.2 (`docker-compose config`, version
// "3.8" files): the four override names are looked for beside whichever
// default file is found and two of them are an error; relative paths of every
// file resolve against the first file's directory; -f wins over COMPOSE_FILE.

#include <gtest/gtest.h>

#include "compose/loader.h"
#include "compose/project_files.h"
#include "tests/unit/compose/tree_helpers.h"

namespace berth::compose {
namespace {

using testing::load_files_error;
using testing::TempDir;
using Environment = std::vector<std::pair<std::string, std::string>>;

LoadOptions in_dir(const TempDir& dir) {
  LoadOptions options;
  options.working_dir = dir.path().string();
  return options;
}

const Service& service(const Project& project, const std::string& name) {
  const Service* found = project.find_service(name);
  EXPECT_NE(found, nullptr) << name;
  static const Service k_none;
  return found != nullptr ? *found : k_none;
}

TEST(SeveralFiles, AreMergedInOrder) {
  TempDir dir;
  std::string a = dir.write("a.yml",
                            "services:\n  web:\n    image: a\n    environment: [A=1, B=2]\n"
                            "  db:\n    image: d\n");
  std::string b = dir.write("b.yml",
                            "services:\n  web:\n    image: b\n    environment: {B: 3}\n"
                            "  cache:\n    image: c\n");
  LoadOptions options;
  options.files = {a, b};
  Project project = load_project(options);
  EXPECT_EQ(project.files, (std::vector<std::string>{a, b}));
  ASSERT_EQ(project.services.size(), 3u);
  EXPECT_EQ(project.services[0].name, "web");
  EXPECT_EQ(project.services[2].name, "cache");
  EXPECT_EQ(project.services[0].image, "b");
  EXPECT_EQ(project.services[0].environment, (Environment{{"A", "1"}, {"B", "3"}}));
}

TEST(SeveralFiles, RelativePathsResolveAgainstTheFirstFilesDirectory) {
  TempDir dir;
  std::string a = dir.write("app/a.yml", "services:\n  web:\n    image: a\n");
  std::string b = dir.write("extra/b.yml", "services:\n  web:\n    volumes: ['./data:/data']\n");
  LoadOptions options;
  options.files = {a, b};
  Project project = load_project(options);
  EXPECT_EQ(project.directory, dir / "app");
  EXPECT_EQ(project.name, "app");
  ASSERT_EQ(service(project, "web").volumes.size(), 1u);
  EXPECT_EQ(service(project, "web").volumes[0].source, dir / "app/data");
}

TEST(SeveralFiles, ErrorsNameTheFileTheyAreIn) {
  TempDir dir;
  std::string a = dir.write("a.yml", "services:\n  web:\n    image: a\n    hostname: [x]\n");
  std::string b = dir.write("b.yml", "services:\n  web:\n    imag: b\n  db:\n    ports: [x]\n");
  LoadOptions options;
  options.files = {a, b};
  // The first file's problems first, then the next file's, each in reading order.
  EXPECT_EQ(load_files_error(options),
            a + ":4:15: services.web.hostname: expected a string, got a sequence\n" + b +
                ":3:5: services.web: unknown key \"imag\" (did you mean \"image\"?)\n" + b +
                ":4:3: services.db: service \"db\" has neither an image nor a build context\n" +
                b + ":5:13: services.db.ports[0]: expected \"[ip:]host:container[/proto]\", got "
                    "\"x\"");
}

TEST(SeveralFiles, MixingFigV1AndTheServicesFormatIsAnError) {
  TempDir dir;
  std::string a = dir.write("a.yml", "services:\n  web:\n    image: a\n");
  std::string b = dir.write("b.yml", "web:\n  image: b\n");
  LoadOptions options;
  options.files = {a, b};
  EXPECT_EQ(load_files_error(options),
            b + ": this file uses the fig v1 format (services at the top level) but " + a +
                " uses the services format; the files of one project must use the same format");
}

TEST(SeveralFiles, FigV1FilesMerge) {
  TempDir dir;
  std::string a = dir.write("fig.yml", "web:\n  image: a\n  ports: ['80']\n");
  std::string b = dir.write("more.yml", "web:\n  image: b\ndb:\n  image: d\n");
  LoadOptions options;
  options.files = {a, b};
  Project project = load_project(options);
  EXPECT_TRUE(project.legacy_format);
  EXPECT_EQ(service(project, "web").image, "b");
  EXPECT_EQ(service(project, "web").ports.size(), 1u);
  EXPECT_EQ(service(project, "db").image, "d");
}

TEST(SeveralFiles, AnEmptyLaterFileIsAnError) {
  TempDir dir;
  std::string a = dir.write("a.yml", "services:\n  web:\n    image: a\n");
  std::string b = dir.write("b.yml", "# nothing yet\n");
  LoadOptions options;
  options.files = {a, b};
  EXPECT_EQ(load_files_error(options), b + ": file is empty");
}

TEST(OverrideFile, IsFoundBesideTheDefaultFile) {
  for (const std::string& main : default_file_names()) {
    for (const std::string& override : override_file_names()) {
      TempDir dir;
      dir.write(main, "services:\n  web:\n    image: a\n    command: x\n");
      dir.write(override, "services:\n  web:\n    image: b\n");
      Project project = load_project(in_dir(dir));
      EXPECT_EQ(project.services[0].image, "b") << main << " + " << override;
      EXPECT_EQ(project.files, (std::vector<std::string>{dir / main, dir / override}));
    }
  }
}

TEST(OverrideFile, ErrorsNameIt) {
  TempDir dir;
  dir.write("docker-compose.yml", "services:\n  web:\n    image: a\n");
  dir.write("docker-compose.override.yml", "services:\n  web:\n    ports: 80\n");
  EXPECT_EQ(load_files_error(in_dir(dir)),
            "docker-compose.override.yml:3:12: services.web.ports: expected a sequence, got a "
            "string");
}

TEST(OverrideFile, TwoAreAnError) {
  TempDir dir;
  dir.write("compose.yaml", "services:\n  web:\n    image: a\n");
  dir.write("compose.override.yml", "services: {}\n");
  dir.write("docker-compose.override.yml", "services: {}\n");
  EXPECT_EQ(load_files_error(in_dir(dir)),
            "several override files found in " + dir.path().string() +
                " (docker-compose.override.yml, compose.override.yml); keep only one");
}

TEST(OverrideFile, IsNotUsedWithFileOptions) {
  TempDir dir;
  std::string main = dir.write("docker-compose.yml", "services:\n  web:\n    image: a\n");
  dir.write("docker-compose.override.yml", "services:\n  web:\n    image: b\n");
  LoadOptions options;
  options.files = {main};
  EXPECT_EQ(load_project(options).services[0].image, "a");
}

TEST(ComposeFileVariable, ListsTheFiles) {
  TempDir dir;
  std::string a = dir.write("a.yml", "services:\n  web:\n    image: a\n");
  std::string b = dir.write("b.yml", "services:\n  web:\n    image: b\n");
  dir.write("docker-compose.yml", "services:\n  web:\n    image: default\n");
  LoadOptions options = in_dir(dir);
  options.environment["COMPOSE_FILE"] = a + ":" + b + ":";
  Project project = load_project(options);
  EXPECT_EQ(project.files, (std::vector<std::string>{a, b}));
  EXPECT_EQ(project.services[0].image, "b");
}

TEST(ComposeFileVariable, TakesThePathSeparator) {
  TempDir dir;
  std::string a = dir.write("a.yml", "services:\n  web:\n    image: a\n");
  std::string b = dir.write("b.yml", "services:\n  web:\n    image: b\n");
  LoadOptions options;
  options.environment["COMPOSE_FILE"] = b + ";" + a;
  options.environment["COMPOSE_PATH_SEPARATOR"] = ";";
  EXPECT_EQ(load_project(options).services[0].image, "a");
}

TEST(ComposeFileVariable, FileOptionsWin) {
  TempDir dir;
  std::string a = dir.write("a.yml", "services:\n  web:\n    image: a\n");
  LoadOptions options;
  options.files = {a};
  options.environment["COMPOSE_FILE"] = dir / "missing.yml";
  EXPECT_EQ(load_project(options).services[0].image, "a");
}

TEST(ComposeFileVariable, AMissingFileIsNamed) {
  TempDir dir;
  LoadOptions options;
  options.environment["COMPOSE_FILE"] = dir / "missing.yml";
  EXPECT_EQ(load_files_error(options), "cannot read project file \"" + (dir / "missing.yml") +
                                           "\": No such file or directory");
}

}  // namespace
}  // namespace berth::compose
