// What run changes in a service's container: pure, no engine.

#include "scheduler/one_off/one_off_spec.h"

#include <gtest/gtest.h>

namespace berth::scheduler {
namespace {

std::optional<std::string> no_environment(const std::string&) { return std::nullopt; }

engine::ContainerCreate service_container() {
  engine::ContainerCreate spec;
  spec.name = "p-web-1";
  spec.cmd = std::vector<std::string>{"serve"};
  spec.env = {"A=service", "B=kept"};
  spec.labels = {{"com.docker.compose.oneoff", "False"},
                 {"com.docker.compose.container-number", "1"},
                 {"com.docker.compose.config-hash", "abc"}};
  spec.port_bindings["8080/tcp"].push_back({});
  spec.network = engine::EndpointConfig{"p_default", {"web"}, {}};
  spec.restart_policy = "always";
  return spec;
}

TEST(OneOffName, IsProjectServiceRunSuffix) {
  EXPECT_EQ(one_off_name("shop", "web", "0123456789ab"), "shop-web-run-0123456789ab");
  const auto suffix = random_one_off_suffix();
  EXPECT_EQ(suffix.size(), 12u);
  EXPECT_EQ(suffix.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_NE(random_one_off_suffix(), suffix);
}

TEST(ApplyRunOptions, MakesAOneOffWithoutAliasesPortsOrNumber) {
  compose::Project project;
  RunOptions options;
  auto spec = service_container();
  std::vector<engine::EndpointConfig> others = {{"p_back", {"web"}, {}}};
  ASSERT_TRUE(apply_run_options(project, options, spec, others, no_environment));
  EXPECT_EQ(spec.labels.at("com.docker.compose.oneoff"), "True");
  EXPECT_EQ(spec.labels.count("com.docker.compose.container-number"), 0u);
  EXPECT_EQ(spec.labels.count("com.docker.compose.config-hash"), 0u);
  EXPECT_TRUE(spec.network->aliases.empty());
  EXPECT_TRUE(others[0].aliases.empty());
  EXPECT_TRUE(spec.port_bindings.empty());
  EXPECT_EQ(*spec.cmd, std::vector<std::string>{"serve"});
  EXPECT_EQ(spec.restart_policy, "always");
  EXPECT_TRUE(spec.open_stdin);
  EXPECT_TRUE(spec.stdin_once);
  EXPECT_FALSE(spec.tty);
}

TEST(ApplyRunOptions, CommandLineOverridesTheService) {
  compose::Project project;
  project.directory = "/proj";
  RunOptions options;
  options.command = {"sh", "-c", "true"};
  options.entrypoint = "tini --";
  options.environment = {"A=cli", "FROM_SHELL", "UNSET"};
  options.user = "1000";
  options.working_dir = "/w";
  options.publish = {"127.0.0.1:9000:90"};
  options.service_ports = true;
  options.volumes = {"./data:/data:ro", "/cache"};
  options.name = "custom";
  options.remove = true;
  options.tty = true;
  auto spec = service_container();
  std::vector<engine::EndpointConfig> others;
  auto lookup = [](const std::string& key) -> std::optional<std::string> {
    return key == "FROM_SHELL" ? std::optional<std::string>("x") : std::nullopt;
  };
  ASSERT_TRUE(apply_run_options(project, options, spec, others, lookup));
  EXPECT_EQ(*spec.cmd, (std::vector<std::string>{"sh", "-c", "true"}));
  EXPECT_EQ(*spec.entrypoint, (std::vector<std::string>{"tini", "--"}));
  EXPECT_EQ(spec.env, (std::vector<std::string>{"A=cli", "B=kept", "FROM_SHELL=x"}));
  EXPECT_EQ(spec.user, "1000");
  EXPECT_EQ(spec.working_dir, "/w");
  EXPECT_EQ(spec.port_bindings.count("8080/tcp"), 1u);
  ASSERT_EQ(spec.port_bindings.count("90/tcp"), 1u);
  EXPECT_EQ(spec.port_bindings["90/tcp"][0].host_ip, "127.0.0.1");
  EXPECT_EQ(spec.port_bindings["90/tcp"][0].host_port, "9000");
  EXPECT_EQ(spec.binds, std::vector<std::string>{"/proj/./data:/data:ro"});
  EXPECT_EQ(spec.anonymous_volumes, std::vector<std::string>{"/cache"});
  EXPECT_EQ(spec.name, "custom");
  EXPECT_EQ(spec.restart_policy, "");
  EXPECT_TRUE(spec.tty);
}

TEST(ApplyRunOptions, RejectsWhatDoesNotParse) {
  compose::Project project;
  std::vector<engine::EndpointConfig> others;
  RunOptions bad_port;
  bad_port.publish = {"abc"};
  auto spec = service_container();
  auto result = apply_run_options(project, bad_port, spec, others, no_environment);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().message, "invalid port \"abc\" for -p");
  RunOptions bad_volume;
  bad_volume.volumes = {"a:b:c"};
  result = apply_run_options(project, bad_volume, spec, others, no_environment);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().message, "invalid volume \"a:b:c\" for -v");
}

}  // namespace
}  // namespace berth::scheduler
