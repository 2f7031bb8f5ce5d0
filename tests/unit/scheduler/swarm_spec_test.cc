// A project translated into swarm services (`berth deploy`), and what a
// swarm cannot run reported all at once. No engine.

#include "scheduler/swarm/swarm_spec.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "compose/loader.h"
#include "engine/engine.h"

namespace berth::scheduler {
namespace {

using Strings = std::vector<std::string>;

compose::Project load(const std::string& text) {
  compose::LoadOptions options;
  options.project_name = "shop";
  return compose::load_project_text(text, "compose.yaml", "/proj", options);
}

engine::ServiceSpec spec_of(const compose::Project& project, const std::string& service,
                            const std::map<std::string, LinkedContainer>& linked = {}) {
  return swarm_service_spec(project, *project.find_service(service), linked);
}

const char* k_shop = R"(services:
  db:
    image: berth-test/busybox
    environment: {DB_NAME: notes}
    expose: ["5984"]
    volumes: [data:/data]
    healthcheck: {test: ["CMD", "true"], interval: 2s, retries: 3}
  web:
    image: berth-test/busybox
    command: httpd -f -p 8080
    entrypoint: [/bin/sh, -c]
    links: ["db:database"]
    depends_on: {db: {condition: service_healthy}}
    ports: ["8080:8080", "9000-9001:9000-9001/udp"]
    environment: {DATABASE_PORT: "overridden"}
    extra_hosts: ["somehost:10.0.0.9"]
    restart: on-failure:4
    mem_limit: 64m
    labels: {tier: front}
    deploy:
      replicas: 3
      labels: {team: blue}
      update_config: {parallelism: 1, delay: 2s, order: start-first}
      placement: {constraints: [node.role == manager]}
      endpoint_mode: vip
  agent:
    image: berth-test/busybox
    deploy: {mode: global}
volumes:
  data: {}
)";

TEST(SwarmSpec, NamesAndLabelsAreAStacks) {
  compose::Project project = load(k_shop);
  engine::ServiceSpec web = spec_of(project, "web");
  EXPECT_EQ(web.name, "shop_web");
  EXPECT_EQ(web.labels.at(labels::k_stack_namespace), "shop");
  EXPECT_EQ(web.labels.at("team"), "blue");
  EXPECT_EQ(web.labels.at(labels::k_stack_image), "berth-test/busybox");
  EXPECT_EQ(web.container_labels.at(labels::k_stack_namespace), "shop");
  EXPECT_EQ(web.container_labels.at("tier"), "front");
  EXPECT_EQ(web.labels.count("tier"), 0u);
}

TEST(SwarmSpec, ContainerSettingsModeAndPolicies) {
  compose::Project project = load(k_shop);
  engine::ServiceSpec web = spec_of(project, "web");
  EXPECT_EQ(web.image, "berth-test/busybox");
  EXPECT_EQ(web.command, (Strings{"/bin/sh", "-c"}));
  EXPECT_EQ(web.args, (Strings{"httpd", "-f", "-p", "8080"}));
  EXPECT_EQ(web.hosts, Strings{"10.0.0.9 somehost"});
  EXPECT_FALSE(web.global);
  EXPECT_EQ(web.replicas, 3u);
  ASSERT_TRUE(web.restart_policy);
  EXPECT_EQ(web.restart_policy->condition, "on-failure");
  EXPECT_EQ(web.restart_policy->max_attempts, 4u);
  EXPECT_EQ(web.limit_memory, 64 * 1024 * 1024);
  ASSERT_TRUE(web.update_config);
  EXPECT_EQ(web.update_config->parallelism, 1u);
  EXPECT_EQ(web.update_config->delay_ns, 2'000'000'000);
  EXPECT_EQ(web.update_config->order, "start-first");
  EXPECT_EQ(web.constraints, Strings{"node.role == manager"});
  EXPECT_EQ(web.endpoint_mode, "vip");
  ASSERT_EQ(web.ports.size(), 3u);
  EXPECT_EQ(web.ports[0].target_port, 8080u);
  EXPECT_EQ(web.ports[0].published_port, 8080u);
  EXPECT_EQ(web.ports[2].target_port, 9001u);
  EXPECT_EQ(web.ports[2].published_port, 9001u);
  EXPECT_EQ(web.ports[2].protocol, "udp");
  EXPECT_EQ(web.ports[2].publish_mode, "ingress");

  engine::ServiceSpec agent = spec_of(project, "agent");
  EXPECT_TRUE(agent.global);
  EXPECT_FALSE(agent.restart_policy);  // swarm's default, "any"
}

TEST(SwarmSpec, NamedVolumesHealthcheckAndNetworks) {
  compose::Project project = load(k_shop);
  engine::ServiceSpec db = spec_of(project, "db");
  ASSERT_EQ(db.mounts.size(), 1u);
  EXPECT_EQ(db.mounts[0].type, "volume");
  EXPECT_EQ(db.mounts[0].source, "shop_data");
  EXPECT_EQ(db.mounts[0].target, "/data");
  EXPECT_EQ(db.mounts[0].volume_labels.at(labels::k_stack_namespace), "shop");
  ASSERT_TRUE(db.healthcheck);
  EXPECT_EQ(db.healthcheck->test, (Strings{"CMD", "true"}));
  EXPECT_EQ(db.healthcheck->interval, 2'000'000'000);
  EXPECT_EQ(db.healthcheck->retries, 3);
  // web links to it as "database": an alias on the network they share.
  ASSERT_EQ(db.networks.size(), 1u);
  EXPECT_EQ(db.networks[0].target, "shop_default");
  EXPECT_EQ(db.networks[0].aliases, (Strings{"db", "database"}));
}

TEST(SwarmSpec, LinkVariablesPointAtTheServiceAddressAndTheFileWins) {
  compose::Project project = load(k_shop);
  LinkedContainer db = link_target_of(*project.find_service("db"), {"6000/tcp"}, {"PATH=/bin"});
  EXPECT_EQ(db.exposed_ports, (Strings{"5984/tcp", "6000/tcp"}));
  db.name = "shop_db";
  db.ip = "10.0.1.7";
  engine::ServiceSpec web = spec_of(project, "web", {{"db", db}});
  auto has = [&](const std::string& entry) {
    return std::find(web.env.begin(), web.env.end(), entry) != web.env.end();
  };
  EXPECT_TRUE(has("DATABASE_PORT_5984_TCP_ADDR=10.0.1.7")) << ::testing::PrintToString(web.env);
  EXPECT_TRUE(has("DATABASE_PORT_5984_TCP=tcp://10.0.1.7:5984"));
  EXPECT_TRUE(has("DATABASE_ENV_DB_NAME=notes"));
  EXPECT_TRUE(has("DATABASE_NAME=/web/database"));
  EXPECT_TRUE(has("DATABASE_PORT=overridden"));  // the service's own environment wins
  EXPECT_FALSE(has("DATABASE_ENV_PATH=/bin"));
}

TEST(SwarmSpec, TheHashFollowsEveryChangeAndOnlyChanges) {
  compose::Project project = load(k_shop);
  std::string hash = spec_of(project, "web").labels.at(labels::k_config_hash);
  EXPECT_EQ(hash.size(), 64u);
  EXPECT_EQ(spec_of(load(k_shop), "web").labels.at(labels::k_config_hash), hash);
  std::string changed = k_shop;
  changed.replace(changed.find("replicas: 3"), 11, "replicas: 4");
  EXPECT_NE(spec_of(load(changed), "web").labels.at(labels::k_config_hash), hash);
  // Another service's change leaves this one's hash alone.
  EXPECT_EQ(spec_of(load(changed), "db").labels.at(labels::k_config_hash),
            spec_of(project, "db").labels.at(labels::k_config_hash));
}

TEST(SwarmSpec, EverythingASwarmCannotDoIsReportedAtOnce) {
  compose::Project project = load(R"(services:
  built:
    build: .
  shared:
    image: berth-test/busybox
    volumes_from: [built]
    network_mode: host
    container_name: fixed
    privileged: true
    ports: ["127.0.0.1:80:80"]
  global:
    image: berth-test/busybox
    scale: 2
    deploy: {mode: global}
    networks: [local]
networks:
  local: {driver: bridge}
)");
  std::vector<compose::Diagnostic> problems =
      swarm_incompatibilities(project, {"built", "shared", "global"});
  std::vector<std::string> lines;
  for (const compose::Diagnostic& problem : problems) {
    lines.push_back(compose::format_diagnostic(problem));
  }
  std::string all = ::testing::PrintToString(lines);
  ASSERT_EQ(lines.size(), 8u) << all;
  EXPECT_EQ(lines[0].rfind("compose.yaml:2:3: services.built.build: a swarm cannot build images", 0),
            0u)
      << all;
  auto mentions = [&](const std::string& text) { return all.find(text) != std::string::npos; };
  EXPECT_TRUE(mentions("services.shared.volumes_from[0]: a swarm cannot share")) << all;
  EXPECT_TRUE(mentions("services.shared.network_mode: a swarm service cannot set network_mode"));
  EXPECT_TRUE(mentions("services.shared.container_name:"));
  EXPECT_TRUE(mentions("services.shared.privileged:"));
  EXPECT_TRUE(mentions("services.shared.ports: a swarm publishes on every node's interfaces"));
  EXPECT_TRUE(mentions("services.global.deploy.replicas: a global service"));
  EXPECT_TRUE(mentions("networks.local.driver: a swarm service can only join overlay networks"));
}

TEST(SwarmSpec, BerthsOwnProbeWithoutAHealthcheckIsAWarning) {
  compose::Project project = load(R"(services:
  probed:
    image: berth-test/busybox
    x-berth-health: {tcp: {port: 5984}}
  checked:
    image: berth-test/busybox
    x-berth-health: {tcp: {port: 5984}}
    healthcheck: {test: ["CMD", "true"]}
)");
  std::vector<std::string> warnings = swarm_warnings(project, {"probed", "checked"});
  ASSERT_EQ(warnings.size(), 1u) << ::testing::PrintToString(warnings);
  EXPECT_EQ(warnings[0].rfind("service \"probed\": x-berth-health is berth's own probe", 0), 0u);
  EXPECT_TRUE(swarm_incompatibilities(project, {"probed", "checked"}).empty());
}

TEST(SwarmSpec, OverlayNetworksCarryTheNamespace) {
  compose::Project project = load(R"(services:
  web: {image: berth-test/busybox, networks: [front]}
networks:
  front: {attachable: true, labels: {zone: a}}
)");
  engine::NetworkCreate network = swarm_network_create(project, *project.find_network("front"));
  EXPECT_EQ(network.name, "shop_front");
  EXPECT_EQ(network.driver, "overlay");
  EXPECT_TRUE(network.attachable);
  EXPECT_EQ(network.labels.at(labels::k_stack_namespace), "shop");
  EXPECT_EQ(network.labels.at("zone"), "a");
}

}  // namespace
}  // namespace berth::scheduler
