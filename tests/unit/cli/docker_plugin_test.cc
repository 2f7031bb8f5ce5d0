// berth as a Docker CLI plugin: what the docker CLI passes (its own options,
// then the plugin's name, then berth's arguments) and the metadata it reads.

#include "cli/docker_plugin.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace berth::cli {
namespace {

using Words = std::vector<std::string>;
const char* const k_docker = "docker";

TEST(DockerPluginCall, NotAPluginCallWithoutTheNameOrTheDockerVariable) {
  EXPECT_FALSE(docker_plugin_call({"berth", "up", "-d"}, nullptr));
  EXPECT_FALSE(docker_plugin_call({"/usr/bin/berth", "berth", "up"}, nullptr));
  EXPECT_FALSE(docker_plugin_call({"berth", "up"}, k_docker));
}

TEST(DockerPluginCall, MetadataIsTheCliPluginSchema) {
  auto call = docker_plugin_call(
      {"/usr/libexec/docker/cli-plugins/docker-berth", "docker-cli-plugin-metadata"}, nullptr);
  ASSERT_TRUE(call);
  EXPECT_TRUE(call->metadata);
  const auto metadata = nlohmann::json::parse(docker_plugin_metadata());
  EXPECT_EQ(metadata["SchemaVersion"], "0.1.0");
  EXPECT_EQ(metadata["Vendor"], "berth");
  EXPECT_FALSE(metadata["Version"].get<std::string>().empty());
  EXPECT_FALSE(metadata["ShortDescription"].get<std::string>().empty());
}

TEST(DockerPluginCall, ThePluginNameIsStripped) {
  auto call = docker_plugin_call({"docker-berth", "berth", "-p", "x", "up", "-d"}, k_docker);
  ASSERT_TRUE(call);
  EXPECT_FALSE(call->metadata);
  EXPECT_EQ(call->arguments, (Words{"-p", "x", "up", "-d"}));
  // Called as berth itself (the link's target) with the docker CLI's variable set.
  call = docker_plugin_call({"/usr/bin/berth", "berth", "ps"}, k_docker);
  ASSERT_TRUE(call);
  EXPECT_EQ(call->arguments, Words{"ps"});
}

TEST(DockerPluginCall, DockerOptionsBeforeTheNameAreSkippedAndHostKept) {
  auto call = docker_plugin_call(
      {"docker-berth", "--config", "/tmp/c", "-H", "unix:///x.sock", "-D", "berth", "ps"},
      k_docker);
  ASSERT_TRUE(call);
  EXPECT_EQ(call->arguments, Words{"ps"});
  EXPECT_EQ(call->docker_host, "unix:///x.sock");
  call = docker_plugin_call({"docker-berth", "--host=tcp://h:1", "berth", "version"}, k_docker);
  ASSERT_TRUE(call);
  EXPECT_EQ(call->docker_host, "tcp://h:1");
  EXPECT_EQ(call->arguments, Words{"version"});
}

TEST(DockerPluginCall, DockerHelpBerthIsBerthsHelp) {
  auto call = docker_plugin_call({"docker-berth", "help", "berth"}, k_docker);
  ASSERT_TRUE(call);
  EXPECT_EQ(call->arguments, Words{"--help"});
  call = docker_plugin_call({"docker-berth", "help", "berth", "up"}, k_docker);
  ASSERT_TRUE(call);
  EXPECT_EQ(call->arguments, (Words{"help", "up"}));
}

TEST(DockerPluginCall, RunByHandUnderItsPluginName) {
  auto call = docker_plugin_call({"./docker-berth", "ps", "-q"}, nullptr);
  ASSERT_TRUE(call);
  EXPECT_EQ(call->arguments, (Words{"ps", "-q"}));
}

}  // namespace
}  // namespace berth::cli
