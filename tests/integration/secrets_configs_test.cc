// Secrets and configs on one engine without a swarm, as compose v2 gives
// them: a file is bind-mounted read-only; a variable or inline content is
// written into the container before it starts, with its uid, gid and mode.

#include <gtest/gtest.h>

#include "harness.h"

namespace berth::testing {
namespace {

std::string project_file(const std::string& level) {
  return R"(services:
  app:
    image: berth-test/busybox:latest
    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 2147483647 & wait"]
    secrets:
      - db_password
      - source: api_token
        target: token
    configs:
      - source: app_conf
        target: /etc/app.conf
      - source: owned
        target: /etc/owned.conf
        uid: "1234"
        gid: "5678"
        mode: 0640
secrets:
  db_password:
    file: ./db_password.txt
  api_token:
    environment: API_TOKEN
configs:
  app_conf:
    content: |
      level=)" + level + R"(
  owned:
    content: owned-by-1234
)";
}

std::string in_container(const std::string& container, const std::string& command) {
  auto result = run_shell("/usr/bin/docker exec " + shell_quote(container) + " sh -c " +
                          shell_quote(command));
  EXPECT_EQ(result.exit_code, 0) << command << ": " << result.err;
  return result.out;
}

TEST(SecretsConfigs, FilesVariablesAndContentReachTheContainer) {
  TestProject project("secrets", project_file("info"));
  project.write_file("db_password.txt", "s3cret\n");
  project.write_file(".env", "API_TOKEN=tok-123\n");
  auto up = project.berth("up -d");
  ASSERT_EQ(up.exit_code, 0) << up.err;
  const std::string app = project.name() + "-app-1";

  EXPECT_EQ(in_container(app, "cat /run/secrets/db_password"), "s3cret\n");
  EXPECT_EQ(in_container(app, "cat /run/secrets/token"), "tok-123");
  EXPECT_EQ(in_container(app, "cat /etc/app.conf"), "level=info\n");
  EXPECT_EQ(in_container(app, "cat /etc/owned.conf"), "owned-by-1234");
  // Owner and mode: 0:0 and 0444 unless given.
  EXPECT_EQ(in_container(app, "stat -c '%u:%g %a' /run/secrets/token /etc/app.conf "
                              "/etc/owned.conf"),
            "0:0 444\n0:0 444\n1234:5678 640\n");
  // The file secret is a read-only bind mount of the host file.
  auto details = test_engine().inspect_container(app);
  ASSERT_TRUE(details.ok());
  bool mounted = false;
  for (const auto& mount : details->mounts) {
    if (mount.destination == "/run/secrets/db_password") {
      mounted = true;
      EXPECT_EQ(mount.type, "bind");
      EXPECT_FALSE(mount.read_write);
      EXPECT_EQ(mount.source, project.dir() + "/db_password.txt");
    }
  }
  EXPECT_TRUE(mounted);

  // Unchanged: left alone.
  ASSERT_EQ(project.berth("up -d").exit_code, 0);
  auto again = test_engine().inspect_container(app);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->id, details->id);

  // Changed content: recreated with the new text.
  project.write_file("compose.yaml", project_file("debug"));
  up = project.berth("up -d");
  ASSERT_EQ(up.exit_code, 0) << up.err;
  auto recreated = test_engine().inspect_container(app);
  ASSERT_TRUE(recreated.ok());
  EXPECT_NE(recreated->id, details->id);
  EXPECT_EQ(in_container(app, "cat /etc/app.conf"), "level=debug\n");

  // A changed variable value recreates too.
  project.write_file(".env", "API_TOKEN=tok-456\n");
  ASSERT_EQ(project.berth("up -d").exit_code, 0);
  EXPECT_EQ(in_container(app, "cat /run/secrets/token"), "tok-456");
}

TEST(SecretsConfigs, MissingSourcesAreRefusedBeforeAnyChange) {
  TestProject project("secretmiss", project_file("info"));
  // Neither db_password.txt nor API_TOKEN.
  auto up = project.berth("up -d");
  EXPECT_EQ(up.exit_code, 1);
  EXPECT_NE(up.err.find("compose.yaml:6:9: services.app.secrets[0]: secret \"db_password\": file " +
                        project.dir() + "/db_password.txt does not exist"),
            std::string::npos)
      << up.err;
  EXPECT_NE(up.err.find("compose.yaml:7:17: services.app.secrets[1]: secret \"api_token\": "
                        "environment variable \"API_TOKEN\" is not set"),
            std::string::npos)
      << up.err;
  EXPECT_TRUE(project.containers().empty());
  EXPECT_TRUE(project.networks().empty());
}

TEST(SecretsConfigs, ExternalOnesNeedASwarm) {
  TestProject project("secretext", R"(services:
  app:
    image: berth-test/busybox:latest
    secrets: [outside]
secrets:
  outside:
    external: true
)");
  auto up = project.berth("up -d");
  EXPECT_EQ(up.exit_code, 1);
  EXPECT_NE(up.err.find("compose.yaml:4:15: services.app.secrets[0]: secret \"outside\" is "
                        "external (\"outside\"), which only a swarm has; `berth up` cannot use it"),
            std::string::npos)
      << up.err;
  EXPECT_TRUE(project.containers().empty());
}

}  // namespace
}  // namespace berth::testing
