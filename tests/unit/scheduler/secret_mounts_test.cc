#include "scheduler/spec/secret_mounts.h"

#include <gtest/gtest.h>

#include "compose/loader.h"
#include "scheduler/spec/config_hash.h"

namespace berth::scheduler {
namespace {

const char* const k_project = R"(services:
  web:
    image: x
    volumes: ["/srv/taken:/run/secrets/taken"]
    secrets:
      - pw
      - taken
      - source: tok
        target: token
        uid: "100"
        gid: "101"
        mode: 0400
    configs:
      - source: conf
        target: /etc/app.conf
      - source: disk
        target: etc/disk.conf
secrets:
  pw: {file: ./pw.txt}
  taken: {file: ./taken.txt}
  tok: {environment: TOKEN}
configs:
  conf: {content: "level=info\n"}
  disk: {file: /etc/hostname}
)";

compose::Project load(const std::string& text, const std::string& token = "t0k") {
  compose::LoadOptions options;
  options.project_name = "proj";
  options.environment = {{"TOKEN", token}};
  return compose::load_project_text(text, "compose.yaml", "/srv/proj", options);
}

TEST(SecretMounts, FilesAreReadOnlyBindsUnlessAVolumeHasTheTarget) {
  compose::Project project = load(k_project);
  engine::ContainerCreate spec;
  spec.binds = {"/srv/taken:/run/secrets/taken:rw"};
  add_secret_mounts(project.services[0], spec);
  ASSERT_EQ(spec.mounts.size(), 2u);
  EXPECT_EQ(spec.mounts[0].type, "bind");
  EXPECT_EQ(spec.mounts[0].source, "/srv/proj/pw.txt");
  EXPECT_EQ(spec.mounts[0].target, "/run/secrets/pw");
  EXPECT_TRUE(spec.mounts[0].read_only);
  EXPECT_EQ(spec.mounts[1].source, "/etc/hostname");
  EXPECT_EQ(spec.mounts[1].target, "/etc/disk.conf");
}

TEST(SecretMounts, VariablesAndContentAreWrittenWithOwnerAndMode) {
  compose::Project project = load(k_project);
  std::vector<engine::ContainerFile> files = secret_files(project.services[0]);
  ASSERT_EQ(files.size(), 2u);
  EXPECT_EQ(files[0].path, "/run/secrets/token");
  EXPECT_EQ(files[0].content, "t0k");
  EXPECT_EQ(files[0].uid, 100u);
  EXPECT_EQ(files[0].gid, 101u);
  EXPECT_EQ(files[0].mode, 0400u);
  EXPECT_EQ(files[1].path, "/etc/app.conf");
  EXPECT_EQ(files[1].content, "level=info\n");
  EXPECT_EQ(files[1].uid, 0u);
  EXPECT_EQ(files[1].mode, 0444u);
}

TEST(SecretMounts, ConfigHashFollowsDefinitionsAndContents) {
  const std::string base = config_hash(load(k_project).services[0], "sha256:1");
  EXPECT_EQ(base, config_hash(load(k_project).services[0], "sha256:1"));
  EXPECT_NE(base, config_hash(load(k_project, "other").services[0], "sha256:1"));
  std::string changed = k_project;
  changed.replace(changed.find("level=info"), 10, "level=warn");
  EXPECT_NE(base, config_hash(load(changed).services[0], "sha256:1"));
  std::string remoded = k_project;
  remoded.replace(remoded.find("0400"), 4, "0440");
  EXPECT_NE(base, config_hash(load(remoded).services[0], "sha256:1"));
  // A service without secrets or configs keeps the hash it had before they existed.
  EXPECT_EQ(secrets_hash_text(load("services:\n  web: {image: x}\n").services[0]), "");
}

}  // namespace
}  // namespace berth::scheduler
