// Top-level networks, a service's networks and network_mode: the forms
// docker-compose 1.29.2 accepts, and one positioned line per problem.

#include <gtest/gtest.h>

#include "compose/loader.h"
#include "tests/unit/compose/load_helpers.h"

namespace berth::compose {
namespace {

using testing::load;
using testing::load_error;

LoadOptions named(const std::string& project) {
  LoadOptions options;
  options.project_name = project;
  return options;
}

TEST(Networks, WithoutAnyEveryServiceJoinsTheImplicitDefault) {
  Project project = load("services:\n  web:\n    image: x\n", named("proj"));
  ASSERT_EQ(project.networks.size(), 1u);
  EXPECT_EQ(project.networks[0].key, "default");
  EXPECT_EQ(project.networks[0].name, "proj_default");
  EXPECT_TRUE(project.networks[0].implicit);
  EXPECT_FALSE(project.networks[0].external);
  ASSERT_EQ(project.services[0].networks.size(), 1u);
  EXPECT_EQ(project.services[0].networks[0].key, "default");
  EXPECT_TRUE(project.services[0].networks[0].implicit);
  EXPECT_EQ(project.services[0].network_mode.kind, NetworkMode::Kind::networks);
}

TEST(Networks, LegacyFilesJoinTheDefaultToo) {
  Project project = load("web:\n  image: x\n", named("proj"));
  ASSERT_EQ(project.networks.size(), 1u);
  EXPECT_EQ(project.networks[0].name, "proj_default");
  ASSERT_EQ(project.services[0].networks.size(), 1u);
}

TEST(Networks, EveryTopLevelKey) {
  Project project = load(R"(version: "3.8"
services:
  web:
    image: x
    networks: [front]
networks:
  front:
    driver: bridge
    driver_opts:
      com.docker.network.bridge.name: brfront
      mtu: 1400
    ipam:
      driver: default
      config:
        - subnet: 172.28.0.0/16
          gateway: 172.28.0.1
          ip_range: 172.28.5.0/24
        - subnet: fd00:28::/64
    labels: [a=b]
    internal: true
    attachable: true
    enable_ipv6: yes
  back:
)",
                         named("proj"));
  ASSERT_EQ(project.networks.size(), 3u);  // front, back, then the implicit default
  const NetworkDecl& front = project.networks[0];
  EXPECT_EQ(front.key, "front");
  EXPECT_EQ(front.name, "proj_front");
  EXPECT_EQ(front.driver, "bridge");
  EXPECT_EQ(front.options, (std::map<std::string, std::string>{
                               {"com.docker.network.bridge.name", "brfront"}, {"mtu", "1400"}}));
  EXPECT_EQ(front.ipam.driver, "default");
  ASSERT_EQ(front.ipam.config.size(), 2u);
  EXPECT_EQ(front.ipam.config[0].subnet, "172.28.0.0/16");
  EXPECT_EQ(front.ipam.config[0].gateway, "172.28.0.1");
  EXPECT_EQ(front.ipam.config[0].ip_range, "172.28.5.0/24");
  EXPECT_EQ(front.ipam.config[1].subnet, "fd00:28::/64");
  EXPECT_EQ(front.labels, (std::map<std::string, std::string>{{"a", "b"}}));
  EXPECT_TRUE(front.internal);
  EXPECT_TRUE(front.attachable);
  EXPECT_TRUE(front.enable_ipv6);
  EXPECT_EQ(front.pos.line, 7);
  EXPECT_EQ(project.networks[1].name, "proj_back");
  EXPECT_FALSE(project.networks[1].internal);
  EXPECT_EQ(project.networks[2].key, "default");
}

TEST(Networks, ExternalAndCustomNames) {
  Project project = load(R"(services:
  web:
    image: x
networks:
  plain:
    external: true
  legacy:
    external:
      name: their-net
  renamed:
    external: true
    name: other-net
  custom:
    name: my-net
)",
                         named("proj"));
  EXPECT_TRUE(project.find_network("plain")->external);
  EXPECT_EQ(project.find_network("plain")->name, "plain");
  EXPECT_TRUE(project.find_network("legacy")->external);
  EXPECT_EQ(project.find_network("legacy")->name, "their-net");
  EXPECT_EQ(project.find_network("renamed")->name, "other-net");
  EXPECT_FALSE(project.find_network("custom")->external);
  EXPECT_EQ(project.find_network("custom")->name, "my-net");
}

TEST(Networks, DefaultCanBeOverriddenByAnExternalNetwork) {
  Project project = load(R"(services:
  web:
    image: x
networks:
  default:
    external:
      name: shared
)",
                         named("proj"));
  ASSERT_EQ(project.networks.size(), 1u);
  EXPECT_FALSE(project.networks[0].implicit);
  EXPECT_TRUE(project.networks[0].external);
  EXPECT_EQ(project.networks[0].name, "shared");
  EXPECT_EQ(project.services[0].networks[0].key, "default");
}

TEST(ServiceNetworks, ListForm) {
  Project project = load(R"(services:
  web:
    image: x
    networks: [front, back]
networks:
  front:
  back:
)");
  const auto& networks = project.services[0].networks;
  ASSERT_EQ(networks.size(), 2u);
  EXPECT_EQ(networks[0].key, "front");
  EXPECT_EQ(networks[1].key, "back");
  EXPECT_FALSE(networks[0].implicit);
  EXPECT_EQ(networks[1].pos.line, 4);
  EXPECT_EQ(networks[1].pos.key_path, "services.web.networks[1]");
}

TEST(ServiceNetworks, MapForm) {
  Project project = load(R"(services:
  web:
    image: x
    networks:
      front:
        aliases: [www, site]
        ipv4_address: 172.28.0.10
        ipv6_address: "fd00:28::10"
        priority: 100
      back:
networks:
  front:
  back:
)");
  const auto& networks = project.services[0].networks;
  ASSERT_EQ(networks.size(), 2u);
  EXPECT_EQ(networks[0].key, "front");
  EXPECT_EQ(networks[0].aliases, (std::vector<std::string>{"www", "site"}));
  EXPECT_EQ(networks[0].ipv4_address, "172.28.0.10");
  EXPECT_EQ(networks[0].ipv6_address, "fd00:28::10");
  EXPECT_EQ(networks[0].priority, 100);
  EXPECT_EQ(networks[1].key, "back");
  EXPECT_TRUE(networks[1].aliases.empty());
  EXPECT_EQ(networks[1].priority, 0);
}

TEST(NetworkMode, EveryForm) {
  Project project = load(R"(services:
  a: {image: x, network_mode: bridge}
  b: {image: x, network_mode: host}
  c: {image: x, network_mode: none}
  d: {image: x, network_mode: "service:a"}
  e: {image: x, network_mode: "container:some-container"}
)");
  using Kind = NetworkMode::Kind;
  EXPECT_EQ(project.services[0].network_mode.kind, Kind::bridge);
  EXPECT_EQ(project.services[1].network_mode.kind, Kind::host);
  EXPECT_EQ(project.services[2].network_mode.kind, Kind::none);
  EXPECT_EQ(project.services[3].network_mode.kind, Kind::service);
  EXPECT_EQ(project.services[3].network_mode.target, "a");
  EXPECT_EQ(project.services[3].network_mode.text, "service:a");
  EXPECT_EQ(project.services[4].network_mode.kind, Kind::container);
  EXPECT_EQ(project.services[4].network_mode.target, "some-container");
  // With a network_mode a service joins no network, not even the default.
  for (const Service& service : project.services) {
    EXPECT_TRUE(service.networks.empty()) << service.name;
  }
}

TEST(NetworkErrors, UndefinedNetworkNamesServiceAndNetwork) {
  EXPECT_EQ(load_error("services:\n  web:\n    image: x\n    networks: [front, nope]\n"
                       "networks:\n  front:\n"),
            "compose.yaml:4:23: services.web.networks[1]: service \"web\" uses network "
            "\"nope\", which is not declared in the top-level networks");
  EXPECT_EQ(load_error("services:\n  web:\n    image: x\n    networks:\n      nope:\n"),
            "compose.yaml:5:7: services.web.networks.nope: service \"web\" uses network "
            "\"nope\", which is not declared in the top-level networks");
}

TEST(NetworkErrors, NetworkModeAndNetworksCannotBeCombined) {
  EXPECT_EQ(load_error("services:\n  web:\n    image: x\n    network_mode: host\n"
                       "    networks: [default]\n"),
            "compose.yaml:4:19: services.web.network_mode: \"network_mode\" and \"networks\" "
            "cannot be combined");
}

TEST(NetworkErrors, NetworkModeService) {
  EXPECT_EQ(load_error("services:\n  web:\n    image: x\n    network_mode: service:nope\n"),
            "compose.yaml:4:19: services.web.network_mode: service \"web\" uses the network "
            "stack of undefined service \"nope\"");
  EXPECT_EQ(load_error("services:\n  web:\n    image: x\n    network_mode: service:web\n"),
            "compose.yaml:4:19: services.web.network_mode: service \"web\" uses the network "
            "stack of itself");
}

TEST(NetworkErrors, InvalidNetworkMode) {
  EXPECT_EQ(load_error("services:\n  web:\n    image: x\n    network_mode: weird\n"),
            "compose.yaml:4:19: services.web.network_mode: invalid network_mode \"weird\" "
            "(expected \"bridge\", \"host\", \"none\", \"service:NAME\" or \"container:NAME\")");
  EXPECT_EQ(load_error("services:\n  web:\n    image: x\n    network_mode: \"service:\"\n"),
            "compose.yaml:4:19: services.web.network_mode: invalid network_mode \"service:\" "
            "(expected \"bridge\", \"host\", \"none\", \"service:NAME\" or \"container:NAME\")");
}

TEST(NetworkErrors, KeysTheEngineRefusesWithTheMode) {
  EXPECT_EQ(load_error(R"(services:
  web:
    image: x
    network_mode: service:db
    ports: ["80:80"]
    hostname: web
  db:
    image: x
)"),
            "compose.yaml:4:19: services.web.network_mode: network_mode \"service:db\" cannot be "
            "combined with \"ports\"\n"
            "compose.yaml:4:19: services.web.network_mode: network_mode \"service:db\" cannot be "
            "combined with \"hostname\"");
  EXPECT_EQ(load_error("services:\n  web:\n    image: x\n    network_mode: host\n"
                       "    links: [db]\n  db:\n    image: x\n"),
            "compose.yaml:4:19: services.web.network_mode: network_mode \"host\" cannot be "
            "combined with \"links\"");
}

TEST(NetworkErrors, ExternalWithOtherSettings) {
  EXPECT_EQ(load_error(R"(services:
  web: {image: x}
networks:
  a:
    external: true
    driver: bridge
    labels: [a=b]
)"),
            "compose.yaml:7:5: networks.a: key \"labels\" cannot be used with an external "
            "network");
}

TEST(NetworkErrors, UnknownKeysAndWrongTypes) {
  EXPECT_EQ(load_error("services:\n  web: {image: x}\nnetworks:\n  a:\n    externl: true\n"),
            "compose.yaml:5:5: networks.a: unknown key \"externl\" (did you mean \"external\"?)");
  EXPECT_EQ(load_error("services:\n  web: {image: x}\nnetworks: [a]\n"),
            "compose.yaml:3:11: networks: expected a mapping, got a sequence");
  EXPECT_EQ(load_error("services:\n  web: {image: x}\nnetworks:\n  a:\n    internal: maybe\n"),
            "compose.yaml:5:15: networks.a.internal: expected true or false, got \"maybe\"");
  EXPECT_EQ(load_error("services:\n  web:\n    image: x\n    networks: front\n"),
            "compose.yaml:4:15: services.web.networks: expected a sequence or a mapping, got a "
            "string");
  EXPECT_EQ(load_error("services:\n  web:\n    image: x\n    networks:\n      default:\n"
                       "        priority: high\n        alias: [a]\n"),
            "compose.yaml:6:19: services.web.networks.default.priority: expected an integer, got "
            "\"high\"\n"
            "compose.yaml:7:9: services.web.networks.default: unknown key \"alias\" (did you mean "
            "\"aliases\"?)");
}

TEST(NetworkErrors, Addresses) {
  EXPECT_EQ(load_error(R"(services:
  web:
    image: x
    networks:
      a:
        ipv4_address: 172.28.0.300
networks:
  a:
    ipam:
      config:
        - subnet: nonsense
          gateway: 1.2.3
)"),
            "compose.yaml:6:23: services.web.networks.a.ipv4_address: invalid IPv4 address "
            "\"172.28.0.300\" (expected such as \"172.28.0.10\")\n"
            "compose.yaml:11:19: networks.a.ipam.config[0].subnet: invalid subnet \"nonsense\" "
            "(expected CIDR notation such as \"172.28.0.0/16\")\n"
            "compose.yaml:12:20: networks.a.ipam.config[0].gateway: invalid gateway \"1.2.3\" "
            "(expected an IP address)");
}

TEST(NetworkErrors, ListedTwiceAndBadNames) {
  EXPECT_EQ(load_error("services:\n  web:\n    image: x\n    networks: [default, default]\n"),
            "compose.yaml:4:25: services.web.networks[1]: network \"default\" is listed twice");
  EXPECT_EQ(load_error("services:\n  web: {image: x}\nnetworks:\n  _bad:\n"),
            "compose.yaml:4:3: networks._bad: invalid network name \"_bad\"");
}

TEST(NetworkErrors, EmptyNetworks) {
  EXPECT_EQ(load_error("services:\n  web:\n    image: x\n    networks: []\n"),
            "compose.yaml:4:15: services.web.networks: no network is named (write network_mode: "
            "none for a container without networks)");
}

TEST(NetworkErrors, UnknownIpamKey) {
  EXPECT_EQ(load_error("services:\n  web: {image: x}\nnetworks:\n  a:\n    ipam:\n"
                       "      option: {a: b}\n"),
            "compose.yaml:6:7: networks.a.ipam: unknown key \"option\" (did you mean \"options\"?)");
}

}  // namespace
}  // namespace berth::compose
