#include "scheduler/container_spec.h"

#include <gtest/gtest.h>

#include "project_builder.h"
#include "scheduler/config_hash.h"
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

}  // namespace
}  // namespace berth::scheduler
