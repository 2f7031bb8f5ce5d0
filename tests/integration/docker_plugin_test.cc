// berth as a Docker CLI plugin: a DOCKER_CONFIG folder whose cli-plugins/
// holds docker-berth -> the built berth, and Debian's docker CLI (20.10) runs
// `docker berth ...` through it, as it would from /usr/libexec/docker/cli-plugins.

#include <gtest/gtest.h>

#include <filesystem>

#include "harness.h"

namespace berth::testing {
namespace {

namespace fs = std::filesystem;

// Debian's client (scripts/setup installs docker.io), else the one on PATH.
std::string docker_binary() {
  return fs::exists("/usr/bin/docker") ? "/usr/bin/docker" : "docker";
}

class DockerPlugin : public ::testing::Test {
 protected:
  void SetUp() override {
    m_config = make_temp_dir("docker-config");
    fs::create_directories(m_config / "cli-plugins");
    fs::create_symlink(BERTH_BINARY, m_config / "cli-plugins/docker-berth");
  }
  void TearDown() override { fs::remove_all(m_config); }

  // `docker ARGS` with the plugin folder, in `directory`.
  CommandResult docker(const std::string& args, const std::string& directory = ".") const {
    return run_shell("DOCKER_CONFIG=" + shell_quote(m_config.string()) + " " + docker_binary() +
                         " " + args,
                     directory);
  }

  fs::path m_config;
};

TEST_F(DockerPlugin, DockerListsBerthInItsHelp) {
  auto help = docker("--help");
  ASSERT_EQ(help.exit_code, 0) << help.err;
  bool listed = false;
  for (const auto& line : lines_of(help.out)) {
    listed = listed || (line.find("  berth") == 0 &&
                        line.find("Run multi-container projects") != std::string::npos);
  }
  EXPECT_TRUE(listed) << help.out;
}

TEST_F(DockerPlugin, VersionAndHelpThroughDocker) {
  auto version = docker("berth version --short");
  ASSERT_EQ(version.exit_code, 0) << version.err;
  EXPECT_EQ(version.out, run_shell(shell_quote(BERTH_BINARY) + " version --short").out);
  auto help = docker("berth --help");
  EXPECT_EQ(help.exit_code, 0) << help.err;
  EXPECT_NE(help.out.find("Subcommands:"), std::string::npos) << help.out;
  auto docker_help = docker("help berth");
  EXPECT_EQ(docker_help.exit_code, 0) << docker_help.err;
  EXPECT_EQ(docker_help.out, help.out);
  // A usage error keeps berth's exit code.
  EXPECT_EQ(docker("berth --no-such-flag ps").exit_code, 2);
}

TEST_F(DockerPlugin, UpAndDownThroughDocker) {
  TestProject project("dockerplugin",
                      "services:\n  web:\n    image: berth-test/busybox:latest\n"
                      "    command: [\"sleep\", \"1000\"]\n    stop_signal: SIGKILL\n");
  auto up = docker("berth -p " + project.name() + " up -d", project.dir());
  ASSERT_EQ(up.exit_code, 0) << up.err;
  auto containers = project.containers();
  ASSERT_EQ(containers.size(), 1u);
  EXPECT_EQ(containers[0].state, "running");
  auto ps = docker("berth -p " + project.name() + " ps --services", project.dir());
  EXPECT_EQ(ps.out, "web\n") << ps.err;
  auto down = docker("berth -p " + project.name() + " down", project.dir());
  ASSERT_EQ(down.exit_code, 0) << down.err;
  EXPECT_TRUE(project.containers().empty());
}

}  // namespace
}  // namespace berth::testing
