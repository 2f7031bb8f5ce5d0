#include "scheduler/spec/container_spec.h"

#include <gtest/gtest.h>

#include <chrono>

#include "project_builder.h"
#include "scheduler/spec/config_hash.h"
#include "scheduler/spec/container_options_spec.h"
#include "scheduler/container_listing.h"
#include "scheduler/container_naming.h"
#include "scheduler/labels.h"
#include "scheduler/sha256.h"

namespace berth::scheduler {
namespace {

TEST(ContainerSpec, CarriesTheServiceAndTheProjectLabels) {
  compose::Project project;
  project.name = "proj";
  project.directory = "/srv/proj";
  project.files = {"/srv/proj/compose.yaml"};
  project.volumes.push_back({"data", "proj_data", false, "", {}, {}});
  auto& web = testing::add_service(project, "web");
  web.command = std::vector<std::string>{"sh", "-c", "true"};
  web.environment = {{"A", "1"}, {"DB_PORT", "mine"}};
  web.ports = {{"127.0.0.1", 8080, 8080, 80, 80, "tcp"}, {"", 0, 0, 53, 53, "udp"}};
  web.expose = {{9000, 9001, "tcp"}};
  web.volumes = {{compose::VolumeMount::Kind::named, "data", "/data", false},
                 {compose::VolumeMount::Kind::bind, "/srv/proj/conf", "/conf", true},
                 {compose::VolumeMount::Kind::anonymous, "", "/cache", false}};
  ContainerContext context;
  context.name = "proj-web-1";
  context.network = "proj_default";
  context.config_hash = "abc";
  context.link_environment = {"DB_PORT=tcp://10.0.0.2:5984", "DB_NAME=/proj-web-1/db"};
  context.network_links = {"proj-db-1:db"};

  auto spec = container_create_for(project, web, context);
  EXPECT_EQ(spec.name, "proj-web-1");
  EXPECT_EQ(spec.cmd, (std::vector<std::string>{"sh", "-c", "true"}));
  EXPECT_FALSE(spec.entrypoint.has_value());
  EXPECT_EQ(spec.env, (std::vector<std::string>{"DB_PORT=mine", "DB_NAME=/proj-web-1/db", "A=1"}));
  EXPECT_EQ(spec.labels.at(labels::k_project), "proj");
  EXPECT_EQ(spec.labels.at(labels::k_service), "web");
  EXPECT_EQ(spec.labels.at(labels::k_container_number), "1");
  EXPECT_EQ(spec.labels.at(labels::k_oneoff), "False");
  EXPECT_EQ(spec.labels.at(labels::k_config_hash), "abc");
  EXPECT_EQ(spec.exposed_ports,
            (std::vector<std::string>{"9000/tcp", "9001/tcp", "80/tcp", "53/udp"}));
  ASSERT_EQ(spec.port_bindings.at("80/tcp").size(), 1u);
  EXPECT_EQ(spec.port_bindings.at("80/tcp")[0].host_ip, "127.0.0.1");
  EXPECT_EQ(spec.port_bindings.at("80/tcp")[0].host_port, "8080");
  EXPECT_EQ(spec.port_bindings.at("53/udp")[0].host_port, "");
  EXPECT_EQ(spec.binds,
            (std::vector<std::string>{"proj_data:/data:rw", "/srv/proj/conf:/conf:ro"}));
  EXPECT_EQ(spec.anonymous_volumes, (std::vector<std::string>{"/cache"}));
  ASSERT_TRUE(spec.network.has_value());
  EXPECT_EQ(spec.network->network, "proj_default");
  EXPECT_EQ(spec.network->aliases, (std::vector<std::string>{"web"}));
  EXPECT_EQ(spec.network->links, (std::vector<std::string>{"proj-db-1:db"}));
}

TEST(ContainerNaming, ComposeV2StyleNames) {
  EXPECT_EQ(container_name("hello", "web", 3), "hello-web-3");
  EXPECT_EQ(container_name_without_project("hello", "hello-web-3"), "web-3");
  EXPECT_EQ(default_network_name("hello"), "hello_default");
  EXPECT_EQ(parse_container_number("12"), 12);
  EXPECT_FALSE(parse_container_number("0").has_value());
  EXPECT_FALSE(parse_container_number("1x").has_value());
  EXPECT_FALSE(parse_container_number("").has_value());
}

TEST(Sha256, KnownVectors) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex(std::string(1000, 'a')),
            "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3");
}

TEST(ConfigHash, StableAndSensitiveToConfigAndImage) {
  compose::Project project;
  auto& web = testing::add_service(project, "web");
  const auto first = config_hash(web, "sha256:1");
  EXPECT_EQ(first, config_hash(web, "sha256:1"));
  EXPECT_NE(first, config_hash(web, "sha256:2"));
  auto changed = web;
  changed.environment.push_back({"A", "1"});
  EXPECT_NE(first, config_hash(changed, "sha256:1"));
  auto reordered = web;
  reordered.depends_on.push_back({});
  EXPECT_EQ(first, config_hash(reordered, "sha256:1"));
}

TEST(FormatPorts, PublishedAndExposedAsDockerShowsThem) {
  std::vector<engine::PublishedPort> ports = {{"0.0.0.0", 8080, 49153, "tcp"},
                                              {"::", 8080, 49153, "tcp"},
                                              {"", 5984, 0, "tcp"}};
  EXPECT_EQ(format_ports(ports), "5984/tcp, 0.0.0.0:49153->8080/tcp, [::]:49153->8080/tcp");
}

// A service using every container setting, for the tests below.
compose::Service service_with_settings(compose::Project& project) {
  auto& web = testing::add_service(project, "web");
  compose::ContainerOptions& o = web.options;
  o.extra_hosts = {"somehost:10.0.0.1"};
  o.dns = {"8.8.8.8"};
  o.dns_search = {"example.com"};
  o.cap_add = {"NET_ADMIN"};
  o.cap_drop = {"MKNOD"};
  o.privileged = true;
  o.read_only = true;
  o.init = true;
  o.tty = true;
  o.stdin_open = true;
  o.tmpfs = {{"/run", "size=1m"}};
  o.ulimits = {{"nofile", 1024, 2048}};
  o.sysctls = {{"net.core.somaxconn", "1024"}};
  o.shm_size = 64 << 20;
  o.mem_limit = 512 << 20;
  o.cpus = 0.3;
  o.stop_signal = "SIGUSR1";
  o.stop_grace_period = 90;
  o.healthcheck =
      compose::Healthcheck{{"CMD", "true"}, 1'000'000'000, std::nullopt, std::nullopt, 3, std::nullopt};
  o.logging = compose::Logging{"json-file", {{"max-size", "1m"}}};
  o.pid = "host";
  o.ipc = "shareable";
  o.devices = {{"/dev/sda", "/dev/xvda", "r"}};
  o.platform = "linux/amd64";
  o.external_links = {{"redis_1", "redis_1"}, {"project_db_1", "mysql"}};
  return web;
}

ContainerContext context_on(const std::string& network) {
  ContainerContext context;
  context.name = "proj-web-1";
  context.network = network;
  context.network_links = {"proj-db-1:db"};
  return context;
}

TEST(ContainerSpec, CarriesTheContainerSettings) {
  compose::Project project;
  project.name = "proj";
  auto web = service_with_settings(project);
  auto spec = container_create_for(project, web, context_on("proj_default"));
  EXPECT_EQ(spec.extra_hosts, (std::vector<std::string>{"somehost:10.0.0.1"}));
  EXPECT_EQ(spec.dns, (std::vector<std::string>{"8.8.8.8"}));
  EXPECT_EQ(spec.dns_search, (std::vector<std::string>{"example.com"}));
  EXPECT_EQ(spec.cap_add, (std::vector<std::string>{"NET_ADMIN"}));
  EXPECT_EQ(spec.cap_drop, (std::vector<std::string>{"MKNOD"}));
  EXPECT_TRUE(spec.privileged);
  EXPECT_TRUE(spec.readonly_rootfs);
  EXPECT_EQ(spec.init, true);
  EXPECT_TRUE(spec.tty);
  EXPECT_TRUE(spec.open_stdin);
  EXPECT_EQ(spec.tmpfs.at("/run"), "size=1m");
  ASSERT_EQ(spec.ulimits.size(), 1u);
  EXPECT_EQ(spec.ulimits[0].name, "nofile");
  EXPECT_EQ(spec.ulimits[0].soft, 1024);
  EXPECT_EQ(spec.ulimits[0].hard, 2048);
  EXPECT_EQ(spec.sysctls.at("net.core.somaxconn"), "1024");
  EXPECT_EQ(spec.shm_size, 64 << 20);
  EXPECT_EQ(spec.memory, 512 << 20);
  EXPECT_EQ(spec.nano_cpus, 300'000'000);  // rounded: 0.3 * 1e9 is 299999999.99...
  EXPECT_EQ(spec.stop_signal, "SIGUSR1");
  EXPECT_EQ(spec.stop_timeout, 90);
  ASSERT_TRUE(spec.healthcheck);
  EXPECT_EQ(spec.healthcheck->test, (std::vector<std::string>{"CMD", "true"}));
  EXPECT_EQ(spec.healthcheck->interval, 1'000'000'000);
  EXPECT_EQ(spec.healthcheck->timeout, 0);
  EXPECT_EQ(spec.healthcheck->retries, 3);
  ASSERT_TRUE(spec.log_config);
  EXPECT_EQ(spec.log_config->type, "json-file");
  EXPECT_EQ(spec.log_config->config.at("max-size"), "1m");
  EXPECT_EQ(spec.pid_mode, "host");
  EXPECT_EQ(spec.ipc_mode, "shareable");
  ASSERT_EQ(spec.devices.size(), 1u);
  EXPECT_EQ(spec.devices[0].path_in_container, "/dev/xvda");
  EXPECT_EQ(spec.devices[0].cgroup_permissions, "r");
  EXPECT_EQ(spec.platform, "linux/amd64");
  // External links join the service's own links on the network it is created on.
  ASSERT_TRUE(spec.network);
  EXPECT_EQ(spec.network->links,
            (std::vector<std::string>{"proj-db-1:db", "redis_1:redis_1", "project_db_1:mysql"}));
}

TEST(ContainerSpec, ExternalLinksNeedANetwork) {
  compose::Project project;
  auto web = service_with_settings(project);
  ContainerContext context = context_on("");
  context.network_mode = "host";
  auto spec = container_create_for(project, web, context);
  EXPECT_FALSE(spec.network.has_value());
  EXPECT_EQ(spec.network_mode, "host");
}

TEST(ContainerSpec, DeployLimitsAndRestartPolicyWin) {
  compose::Project project;
  auto web = service_with_settings(project);
  web.restart = "always";
  auto plain = container_create_for(project, web, context_on("proj_default"));
  EXPECT_EQ(plain.restart_policy, "always");
  web.deploy.limit_cpus = 1.5;
  web.deploy.limit_memory = 50 << 20;
  web.deploy.restart_policy = compose::DeployRestartPolicy{"on-failure", 3};
  auto spec = container_create_for(project, web, context_on("proj_default"));
  EXPECT_EQ(spec.nano_cpus, 1'500'000'000);
  EXPECT_EQ(spec.memory, 50 << 20);
  EXPECT_EQ(spec.restart_policy, "on-failure:3");
  web.deploy.restart_policy = compose::DeployRestartPolicy{"none", std::nullopt};
  EXPECT_EQ(effective_restart_policy(web), "no");
  // The engine takes a retry count with on-failure only.
  web.deploy.restart_policy = compose::DeployRestartPolicy{"any", 5};
  EXPECT_EQ(effective_restart_policy(web), "always");
  web.deploy.restart_policy = compose::DeployRestartPolicy{"on-failure", std::nullopt};
  EXPECT_EQ(effective_restart_policy(web), "on-failure");
}

TEST(ContainerSpec, LongSyntaxVolumesBecomeMounts) {
  compose::Project project;
  project.volumes.push_back({"data", "proj_data", false, "", {}, {}});
  auto& web = testing::add_service(project, "web");
  compose::VolumeMount named{compose::VolumeMount::Kind::named, "data", "/data", false};
  named.long_syntax = true;
  named.nocopy = true;
  compose::VolumeMount anonymous{compose::VolumeMount::Kind::anonymous, "", "/cache", false};
  anonymous.long_syntax = true;
  compose::VolumeMount bind{compose::VolumeMount::Kind::bind, "/srv/static", "/static", true};
  bind.long_syntax = true;
  bind.propagation = "rshared";
  compose::VolumeMount tmpfs{compose::VolumeMount::Kind::tmpfs, "", "/scratch", false};
  tmpfs.long_syntax = true;
  tmpfs.tmpfs_size = 1 << 20;
  compose::VolumeMount short_bind{compose::VolumeMount::Kind::bind, "/srv/conf", "/conf", true};
  web.volumes = {named, anonymous, bind, tmpfs, short_bind};
  auto spec = container_create_for(project, web, context_on("proj_default"));
  EXPECT_EQ(spec.binds, (std::vector<std::string>{"/srv/conf:/conf:ro"}));
  EXPECT_TRUE(spec.anonymous_volumes.empty());
  ASSERT_EQ(spec.mounts.size(), 4u);
  EXPECT_EQ(spec.mounts[0].type, "volume");
  EXPECT_EQ(spec.mounts[0].source, "proj_data");
  EXPECT_TRUE(spec.mounts[0].no_copy);
  EXPECT_EQ(spec.mounts[1].type, "volume");
  EXPECT_EQ(spec.mounts[1].source, "");
  EXPECT_EQ(spec.mounts[2].type, "bind");
  EXPECT_EQ(spec.mounts[2].source, "/srv/static");
  EXPECT_TRUE(spec.mounts[2].read_only);
  EXPECT_EQ(spec.mounts[2].propagation, "rshared");
  EXPECT_EQ(spec.mounts[3].type, "tmpfs");
  EXPECT_EQ(spec.mounts[3].tmpfs_size, 1 << 20);
}

TEST(ConfigHash, CoversContainerSettingsButNotScale) {
  compose::Project project;
  auto& web = testing::add_service(project, "web");
  const auto plain = config_hash(web, "sha256:1");
  auto scaled = web;
  scaled.scale = 3;
  EXPECT_EQ(plain, config_hash(scaled, "sha256:1"));
  scaled.deploy.replicas = 2;
  EXPECT_EQ(plain, config_hash(scaled, "sha256:1"));
  auto changed = web;
  changed.options.dns = {"1.1.1.1"};
  EXPECT_NE(plain, config_hash(changed, "sha256:1"));
  changed = web;
  changed.options.healthcheck = compose::Healthcheck{};
  EXPECT_NE(plain, config_hash(changed, "sha256:1"));
  changed = web;
  changed.deploy.limit_memory = 1;
  EXPECT_NE(plain, config_hash(changed, "sha256:1"));
  changed = web;
  changed.volumes = {{compose::VolumeMount::Kind::anonymous, "", "/x", false}};
  auto long_syntax = changed;
  long_syntax.volumes[0].long_syntax = true;
  EXPECT_NE(config_hash(changed, "sha256:1"), config_hash(long_syntax, "sha256:1"));
}

// issue 19: every port exposed, some also published, listed once each in
// bounded time (the list was searched for each port: minutes for 65535).
TEST(ContainerSpec, ExposingEveryPortIsLinear) {
  compose::Service service;
  service.expose = {{1, 65535, "tcp"}, {53, 53, "udp"}};
  service.ports = {{"", 0, 0, 80, 80, "tcp"}, {"", 0, 0, 53, 53, "udp"}};
  const auto start = std::chrono::steady_clock::now();
  const auto ports = service_exposed_ports(service);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
  ASSERT_EQ(ports.size(), 65536u);
  EXPECT_EQ(ports.front(), "1/tcp");
  EXPECT_EQ(ports[65534], "65535/tcp");
  EXPECT_EQ(ports.back(), "53/udp");
}

}  // namespace
}  // namespace berth::scheduler
