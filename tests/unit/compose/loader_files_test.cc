// load_project(): finding and reading the project file on disk.

#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "temp_dir.h"
#include "compose/config_error.h"
#include "compose/loader.h"

namespace berth::compose {
namespace {

namespace fs = std::filesystem;

const char* const k_minimal = "services:\n  web:\n    image: nginx\n";

using testing::TempDir;

std::string load_error(const LoadOptions& options) {
  try {
    load_project(options);
  } catch (const ConfigError& error) {
    return error.what();
  }
  return "<loaded without error>";
}

TEST(DefaultFileNames, InLookupOrder) {
  EXPECT_EQ(default_file_names(),
            (std::vector<std::string>{"compose.yaml", "compose.yml", "docker-compose.yaml",
                                      "docker-compose.yml", "fig.yml", "fig.yaml"}));
}

TEST(LoadProject, PicksTheFirstDefaultFileThatExists) {
  const std::vector<std::string>& names = default_file_names();
  for (size_t first = 0; first < names.size(); ++first) {
    TempDir dir;
    // Every later name exists too, with a different image, and must lose.
    for (size_t i = first; i < names.size(); ++i) {
      dir.write(names[i], "services:\n  web:\n    image: image" + std::to_string(i) + "\n");
    }
    LoadOptions options;
    options.working_dir = dir.path().string();
    Project project = load_project(options);
    EXPECT_EQ(project.services[0].image, "image" + std::to_string(first)) << names[first];
    EXPECT_EQ(project.files, std::vector<std::string>{(dir.path() / names[first]).string()});
  }
}

TEST(LoadProject, DirectoryAndNameComeFromTheProjectDirectory) {
  TempDir dir;
  dir.write("My_App/compose.yaml", k_minimal);
  LoadOptions options;
  options.working_dir = (dir.path() / "My_App").string() + "/";
  Project project = load_project(options);
  EXPECT_EQ(project.directory, (dir.path() / "My_App").string());
  EXPECT_EQ(project.name, "my_app");
}

TEST(LoadProject, NoDefaultFile) {
  TempDir dir;
  LoadOptions options;
  options.working_dir = dir.path().string();
  EXPECT_EQ(load_error(options), "no project file found in " + dir.path().string() +
                                     " (looked for compose.yaml, compose.yml, docker-compose.yaml, "
                                     "docker-compose.yml, fig.yml, fig.yaml)");
}

TEST(LoadProject, ErrorsNameTheDefaultFileFound) {
  TempDir dir;
  dir.write("docker-compose.yml", "services:\n  web:\n    image: [x]\n");
  LoadOptions options;
  options.working_dir = dir.path().string();
  EXPECT_EQ(load_error(options),
            "docker-compose.yml:3:12: services.web.image: expected a string, got a sequence");
}

TEST(LoadProject, FileOption) {
  TempDir dir;
  fs::path file = dir.write("sub/stack.yml", "web:\n  image: nginx\n  volumes: [./data:/data]\n");
  LoadOptions options;
  options.files = {file.string()};
  options.working_dir = "/nonexistent";  // -f does not look there
  Project project = load_project(options);
  EXPECT_EQ(project.directory, (dir.path() / "sub").string());
  EXPECT_EQ(project.name, "sub");
  EXPECT_EQ(project.files, std::vector<std::string>{file.string()});
  EXPECT_EQ(project.services[0].volumes[0].source, (dir.path() / "sub" / "data").string());
}

TEST(LoadProject, ErrorsNameTheFileAsGiven) {
  TempDir dir;
  fs::path file = dir.write("stack.yml", "web:\n  imag: nginx\n");
  LoadOptions options;
  options.files = {file.string()};
  EXPECT_EQ(load_error(options),
            file.string() + ":2:3: web: unknown key \"imag\" (did you mean \"image\"?)");
}

TEST(LoadProject, MissingFileOption) {
  TempDir dir;
  std::string missing = (dir.path() / "nope.yml").string();
  LoadOptions options;
  options.files = {missing};
  EXPECT_EQ(load_error(options),
            "cannot read project file \"" + missing + "\": No such file or directory");
}

TEST(LoadProject, DirectoryAsFileOption) {
  TempDir dir;
  LoadOptions options;
  options.files = {dir.path().string()};
  EXPECT_EQ(load_error(options), dir.path().string() + ": is a directory");
}

// issue 19: a directory named compose.yaml said "no project file found".
TEST(LoadProject, DefaultNameThatIsADirectory) {
  for (const std::string name : {"compose.yaml", "docker-compose.yml"}) {
    TempDir dir;
    fs::create_directory(dir.path() / name);
    LoadOptions options;
    options.working_dir = dir.path().string();
    EXPECT_EQ(load_error(options), name + ": is a directory");
  }
}

// issue 19: devices grew memory without bound, a FIFO blocked the open for ever.
TEST(LoadProject, DevicesAndFifosAreRefusedUnread) {
  for (const std::string device : {"/dev/zero", "/dev/urandom"}) {
    LoadOptions options;
    options.files = {device};
    EXPECT_EQ(load_error(options), device + ": is a device");
  }
  TempDir dir;
  const fs::path fifo = dir.path() / "compose.yaml";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  LoadOptions options;
  options.working_dir = dir.path().string();
  EXPECT_EQ(load_error(options), "compose.yaml: is a FIFO");
  options.working_dir.clear();
  options.files = {fifo.string()};
  EXPECT_EQ(load_error(options), fifo.string() + ": is a FIFO");
}

TEST(LoadProject, IncludedDeviceIsRefusedAtItsEntry) {
  TempDir dir;
  fs::create_symlink("/dev/zero", dir.path() / "zero.yaml");
  dir.write("compose.yaml", std::string(k_minimal) + "include:\n  - zero.yaml\n");
  LoadOptions options;
  options.working_dir = dir.path().string();
  EXPECT_EQ(load_error(options), "compose.yaml:5:5: include[0]: zero.yaml: is a device");
}

// Several -f files merge: see multi_file_test.cc. A missing one is named.
TEST(LoadProject, SeveralFileOptionsNameAMissingOne) {
  TempDir dir;
  fs::path file = dir.write("a.yml", k_minimal);
  LoadOptions options;
  options.files = {file.string(), (dir.path() / "b.yml").string()};
  EXPECT_EQ(load_error(options), "cannot read project file \"" + (dir.path() / "b.yml").string() +
                                     "\": No such file or directory");
}

}  // namespace
}  // namespace berth::compose
