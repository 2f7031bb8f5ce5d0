// The scheduler's choice of networks: which ones a container joins and in
// which order, with what aliases, and what `up` creates.

#include "scheduler/network_plan.h"

#include <gtest/gtest.h>

#include "compose/loader.h"
#include "scheduler/spec/container_spec.h"
#include "scheduler/dependency_graph.h"
#include "scheduler/labels.h"

namespace berth::scheduler {
namespace {

compose::Project load(const std::string& yaml) {
  compose::LoadOptions options;
  options.project_name = "proj";
  return compose::load_project_text(yaml, "compose.yaml", "/proj", options);
}

std::vector<std::string> names(const std::vector<Attachment>& attachments) {
  std::vector<std::string> out;
  for (const auto& attachment : attachments) {
    out.push_back(attachment.network);
  }
  return out;
}

const std::string k_three_networks = R"(services:
  web:
    image: x
    networks: [zeta, alpha, default]
  api:
    image: x
    networks:
      zeta:
      alpha:
        priority: 10
      default:
        priority: 10
  db:
    image: x
    networks:
      alpha:
        aliases: [database, db]
        ipv4_address: 172.28.0.10
  solo:
    image: x
networks:
  zeta:
  alpha:
    ipam:
      config: [{subnet: 172.28.0.0/16}]
  unused:
)";

TEST(Attachments, ByEngineNameWithoutPriorities) {
  const auto project = load(k_three_networks);
  EXPECT_EQ(names(attachments_of(project, *project.find_service("web"))),
            (std::vector<std::string>{"proj_alpha", "proj_default", "proj_zeta"}));
  EXPECT_EQ(names(attachments_of(project, *project.find_service("solo"))),
            (std::vector<std::string>{"proj_default"}));
}

TEST(Attachments, ByPriorityThenAsWritten) {
  const auto project = load(k_three_networks);
  EXPECT_EQ(names(attachments_of(project, *project.find_service("api"))),
            (std::vector<std::string>{"proj_alpha", "proj_default", "proj_zeta"}));
  const auto reordered = load(R"(services:
  api:
    image: x
    networks:
      zeta: {priority: 1}
      default: {priority: 5}
      alpha:
networks:
  zeta:
  alpha:
)");
  EXPECT_EQ(names(attachments_of(reordered, reordered.services[0])),
            (std::vector<std::string>{"proj_default", "proj_zeta", "proj_alpha"}));
}

TEST(Attachments, NetworkModes) {
  const auto project = load(R"(services:
  a: {image: x, network_mode: bridge}
  b: {image: x, network_mode: host}
  c: {image: x, network_mode: "service:a"}
  d: {image: x, network_mode: none}
)");
  EXPECT_EQ(names(attachments_of(project, project.services[0])),
            (std::vector<std::string>{"bridge"}));
  EXPECT_TRUE(attachments_of(project, project.services[1]).empty());
  EXPECT_TRUE(attachments_of(project, project.services[2]).empty());
  EXPECT_EQ(engine_network_mode(project.services[0], ""), "");
  EXPECT_EQ(engine_network_mode(project.services[1], ""), "host");
  EXPECT_EQ(engine_network_mode(project.services[2], "0123abcd"), "container:0123abcd");
  EXPECT_EQ(engine_network_mode(project.services[3], ""), "none");
}

TEST(Attachments, SharedNetworksInTheLinkingServicesOrder) {
  const auto project = load(k_three_networks);
  const auto& web = *project.find_service("web");
  EXPECT_EQ(shared_networks(project, web, *project.find_service("api")),
            (std::vector<std::string>{"proj_alpha", "proj_default", "proj_zeta"}));
  EXPECT_EQ(shared_networks(project, web, *project.find_service("db")),
            (std::vector<std::string>{"proj_alpha"}));
  EXPECT_TRUE(
      shared_networks(project, *project.find_service("db"), *project.find_service("solo")).empty());
}

TEST(Endpoints, ServiceNameThenAliasesAndFixedAddress) {
  const auto project = load(k_three_networks);
  const auto& db = *project.find_service("db");
  const auto endpoint = endpoint_on(project, db, "proj_alpha", {"proj-x-1:x"});
  EXPECT_EQ(endpoint.network, "proj_alpha");
  EXPECT_EQ(endpoint.aliases, (std::vector<std::string>{"db", "database"}));
  EXPECT_EQ(endpoint.ipv4_address, "172.28.0.10");
  EXPECT_EQ(endpoint.links, (std::vector<std::string>{"proj-x-1:x"}));
  const auto plain = endpoint_on(project, *project.find_service("web"), "proj_zeta", {});
  EXPECT_EQ(plain.aliases, (std::vector<std::string>{"web"}));
  EXPECT_EQ(plain.ipv4_address, "");
}

TEST(Endpoints, TheDefaultBridgeTakesNoAliases) {
  const auto project = load("services:\n  a: {image: x, network_mode: bridge}\n");
  const auto endpoint = endpoint_on(project, project.services[0], "bridge", {"proj-b-1:b"});
  EXPECT_TRUE(endpoint.aliases.empty());
  EXPECT_EQ(endpoint.links, (std::vector<std::string>{"proj-b-1:b"}));
}

TEST(NetworksUsed, OnlyThoseOfTheNamedServicesInDeclarationOrder) {
  const auto project = load(k_three_networks);
  std::vector<std::string> keys;
  for (const auto* decl : networks_used(project, {"db", "web"})) {
    keys.push_back(decl->key);
  }
  EXPECT_EQ(keys, (std::vector<std::string>{"zeta", "alpha", "default"}));
  EXPECT_EQ(networks_used(project, {"db"}).size(), 1u);
  EXPECT_EQ(unused_networks(project), (std::vector<std::string>{"unused"}));
}

TEST(NetworksUsed, NetworkModeServicesUseNone) {
  const auto project = load("services:\n  a: {image: x, network_mode: host}\n");
  EXPECT_TRUE(networks_used(project, {"a"}).empty());
  EXPECT_TRUE(unused_networks(project).empty());  // the implicit default is never "unused"
}

TEST(NetworkCreateFor, LabelsNameAndSettings) {
  const auto project = load(R"(services:
  web: {image: x, networks: [front]}
networks:
  front:
    name: custom-front
    driver: bridge
    driver_opts: {mtu: 1400}
    internal: true
    labels: {team: web}
    ipam:
      config: [{subnet: 172.28.0.0/16, gateway: 172.28.0.1}]
)");
  const auto spec = network_create_for(project, *project.find_network("front"));
  EXPECT_EQ(spec.name, "custom-front");
  EXPECT_EQ(spec.driver, "bridge");
  EXPECT_EQ(spec.labels,
            (std::map<std::string, std::string>{
                {labels::k_project, "proj"}, {labels::k_network, "front"}, {"team", "web"}}));
  EXPECT_EQ(spec.options, (std::map<std::string, std::string>{{"mtu", "1400"}}));
  EXPECT_TRUE(spec.internal);
  EXPECT_TRUE(spec.attachable);  // as docker-compose 1.29.2, always
  ASSERT_EQ(spec.ipam_pools.size(), 1u);
  EXPECT_EQ(spec.ipam_pools[0].subnet, "172.28.0.0/16");
  EXPECT_EQ(spec.ipam_pools[0].gateway, "172.28.0.1");
  const auto plain = network_create_for(project, *project.find_network("default"));
  EXPECT_EQ(plain.name, "proj_default");
  EXPECT_EQ(plain.driver, "bridge");
  EXPECT_FALSE(plain.internal);
}

TEST(ContainerSpecNetworking, CreatedOnTheFirstNetworkWithItsAliases) {
  const auto project = load(k_three_networks);
  ContainerContext context;
  context.name = "proj-db-1";
  context.network = "proj_alpha";
  const auto spec = container_create_for(project, *project.find_service("db"), context);
  ASSERT_TRUE(spec.network.has_value());
  EXPECT_EQ(spec.network->aliases, (std::vector<std::string>{"db", "database"}));
  EXPECT_EQ(spec.network->ipv4_address, "172.28.0.10");
  EXPECT_EQ(spec.network_mode, "");
}

TEST(ContainerSpecNetworking, NetworkModeReplacesTheNetwork) {
  const auto project = load("services:\n  a: {image: x}\n  b: {image: x, network_mode: host}\n");
  ContainerContext context;
  context.name = "proj-b-1";
  context.network_mode = "host";
  const auto spec = container_create_for(project, project.services[1], context);
  EXPECT_FALSE(spec.network.has_value());
  EXPECT_EQ(spec.network_mode, "host");
}

TEST(DependencyGraphNetworkMode, TheSharedServiceStartsFirst) {
  const auto project = load(R"(services:
  web: {image: x, network_mode: "service:db"}
  db: {image: x}
)");
  const auto graph = DependencyGraph::build(project);
  EXPECT_EQ(graph.start_order(), (std::vector<std::string>{"db", "web"}));
  ASSERT_EQ(graph.edges().size(), 1u);
  EXPECT_EQ(graph.edges()[0].kind, DependencyKind::network_mode);
}

}  // namespace
}  // namespace berth::scheduler
