// Networks on the real engine: several networks per project, aliases, fixed
// addresses, external networks and network_mode, as docker-compose 1.29.2 has them.

#include <gtest/gtest.h>
#include <unistd.h>

#include "harness.h"

namespace berth::testing {
namespace {

// A service that idles until stopped.
const std::string k_idle = R"(    image: berth-test/busybox:latest
    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 2147483647 & wait"]
)";

// Whether `name` resolves and answers inside `container`.
bool reaches(const std::string& container, const std::string& name) {
  return run_shell("/usr/bin/docker exec " + shell_quote(container) + " ping -c1 -W2 " +
                   shell_quote(name))
             .exit_code == 0;
}

std::string address_on(const std::string& container, const std::string& network) {
  auto details = test_engine().inspect_container(container);
  if (!details.ok() || details->networks.count(network) == 0) {
    return "";
  }
  return details->networks.at(network).ip_address;
}

// A network made outside the project, removed at scope exit.
struct OutsideNetwork {
  std::string name = unique_project_name("outside");
  OutsideNetwork() { EXPECT_TRUE(test_engine().create_network({name, "bridge", {}}).ok()); }
  ~OutsideNetwork() { test_engine().remove_network(name); }
};

TEST(Networks, ServicesReachOnlyTheNetworksTheyShare) {
  TestProject project("nets", "services:\n  hub:\n" + k_idle + R"(    networks:
      front:
      back:
        aliases: [central]
  web:
)" + k_idle + R"(    networks: [front]
  api:
)" + k_idle + R"(    networks: [back]
networks:
  front:
  back:
)");
  auto up = project.berth("up -d");
  ASSERT_EQ(up.exit_code, 0) << up.err;
  const std::string hub = project.name() + "-hub-1";
  const std::string web = project.name() + "-web-1";
  const std::string api = project.name() + "-api-1";
  EXPECT_NE(address_on(hub, project.name() + "_front"), "");
  EXPECT_NE(address_on(hub, project.name() + "_back"), "");
  EXPECT_TRUE(reaches(hub, "web"));
  EXPECT_TRUE(reaches(hub, "api"));
  EXPECT_TRUE(reaches(api, "central"));  // hub's alias on back
  EXPECT_TRUE(reaches(web, "hub"));
  EXPECT_FALSE(reaches(web, "api"));
  EXPECT_FALSE(reaches(web, "central"));  // the alias is back's only
  EXPECT_EQ(project.networks().size(), 2u);  // no default: no service joins it

  auto down = project.berth("down");
  ASSERT_EQ(down.exit_code, 0) << down.err;
  EXPECT_TRUE(project.networks().empty());
}

TEST(Networks, FixedAddressInTheNetworksSubnet) {
  const std::string subnet = "10.213." + std::to_string(getpid() % 250) + ".0/24";
  const std::string address = "10.213." + std::to_string(getpid() % 250) + ".42";
  TestProject project("fixed", "services:\n  web:\n" + k_idle + R"(    networks:
      pinned:
        ipv4_address: )" + address + R"(
networks:
  pinned:
    ipam:
      config:
        - subnet: )" + subnet + "\n");
  auto up = project.berth("up -d");
  ASSERT_EQ(up.exit_code, 0) << up.err;
  EXPECT_EQ(address_on(project.name() + "-web-1", project.name() + "_pinned"), address);
}

TEST(Networks, LinkVariablesUseTheSharedNetwork) {
  TestProject project("linknet", "services:\n  web:\n" + k_idle + R"(    networks: [a, b]
    links: ["db:database"]
  db:
)" + k_idle + R"(    networks: [b]
    expose: ["5432"]
networks:
  a:
  b:
)");
  auto up = project.berth("up -d");
  ASSERT_EQ(up.exit_code, 0) << up.err;
  const std::string db = project.name() + "-db-1";
  auto env = container_env(project.name() + "-web-1");
  EXPECT_EQ(env["DATABASE_PORT_5432_TCP_ADDR"], address_on(db, project.name() + "_b"));
  EXPECT_TRUE(reaches(project.name() + "-web-1", "database"));
}

TEST(Networks, ExternalNetworkIsUsedAndNotRemoved) {
  OutsideNetwork outside;
  TestProject project("external", "services:\n  web:\n" + k_idle + R"(    networks: [shared]
networks:
  shared:
    external: true
    name: )" + outside.name + "\n");
  auto up = project.berth("up -d");
  ASSERT_EQ(up.exit_code, 0) << up.err;
  EXPECT_NE(address_on(project.name() + "-web-1", outside.name), "");
  EXPECT_TRUE(project.networks().empty());  // berth created none
  auto down = project.berth("down");
  ASSERT_EQ(down.exit_code, 0) << down.err;
  auto all = test_engine().list_networks({});
  ASSERT_TRUE(all.ok());
  bool still_there = false;
  for (const auto& network : *all) {
    still_there = still_there || network.name == outside.name;
  }
  EXPECT_TRUE(still_there);
}

TEST(Networks, MissingExternalNetworkStopsUpBeforeAnyChange) {
  const std::string missing = unique_project_name("missing");
  TestProject project("noext", "services:\n  web:\n" + k_idle + R"(networks:
  default:
    external:
      name: )" + missing + "\n");
  auto up = project.berth("up -d");
  EXPECT_EQ(up.exit_code, 1);
  EXPECT_NE(up.err.find("network \"" + missing + "\" declared as external, but could not be found"),
            std::string::npos)
      << up.err;
  EXPECT_TRUE(project.containers().empty());
}

TEST(Networks, ForeignNetworkOfTheSameNameIsNotTakenOver) {
  TestProject project("foreign", "services:\n  web:\n" + k_idle + "    networks: [front]\n" +
                                     "networks:\n  front:\n");
  const std::string name = project.name() + "_front";
  ASSERT_TRUE(test_engine().create_network({name, "bridge", {}}).ok());
  auto up = project.berth("up -d");
  test_engine().remove_network(name);
  EXPECT_EQ(up.exit_code, 1);
  EXPECT_NE(up.err.find("does not belong to project"), std::string::npos) << up.err;
  EXPECT_TRUE(project.containers().empty());
}

TEST(Networks, ChangedDriverNeedsTheNetworkRecreated) {
  const std::string with_driver = "services:\n  web:\n" + k_idle +
                                  "    networks: [front]\nnetworks:\n  front:\n    driver: ";
  TestProject project("driver", with_driver + "bridge\n");
  ASSERT_EQ(project.berth("up -d").exit_code, 0);
  project.write_file("compose.yaml", with_driver + "macvlan\n");
  auto up = project.berth("up -d");
  EXPECT_EQ(up.exit_code, 1);
  EXPECT_NE(up.err.find("network \"" + project.name() +
                        "_front\" needs to be recreated: its driver is \"bridge\", the file says "
                        "\"macvlan\""),
            std::string::npos)
      << up.err;
}

TEST(Networks, NetworkModeServiceSharesTheNetworkStack) {
  TestProject project("netmode", "services:\n  app:\n" + k_idle + "  sidecar:\n" + k_idle +
                                     "    network_mode: \"service:app\"\n");
  auto up = project.berth("up -d");
  ASSERT_EQ(up.exit_code, 0) << up.err;
  const std::string app = project.name() + "-app-1";
  const std::string sidecar = project.name() + "-sidecar-1";
  EXPECT_LT(up.err.find(app + "  Started"), up.err.find(sidecar + "  Creating")) << up.err;
  const std::string ip = address_on(app, project.name() + "_default");
  ASSERT_NE(ip, "");
  auto addresses = run_shell("/usr/bin/docker exec " + sidecar + " ip -4 addr show");
  EXPECT_NE(addresses.out.find("inet " + ip + "/"), std::string::npos) << addresses.out;
  EXPECT_TRUE(reaches(sidecar, "app"));  // the app's resolver, too
  auto details = test_engine().inspect_container(app);
  ASSERT_TRUE(details.ok());
  auto mode = run_shell("/usr/bin/docker inspect -f '{{.HostConfig.NetworkMode}}' " + sidecar);
  EXPECT_EQ(mode.out, "container:" + details->id + "\n");
}

TEST(Networks, NetworkModeHostAndNone) {
  TestProject project("hostnone", "services:\n  onhost:\n" + k_idle +
                                      "    network_mode: host\n  isolated:\n" + k_idle +
                                      "    network_mode: none\n");
  auto up = project.berth("up -d");
  ASSERT_EQ(up.exit_code, 0) << up.err;
  EXPECT_TRUE(project.networks().empty());
  auto mode = run_shell("/usr/bin/docker inspect -f '{{.HostConfig.NetworkMode}}' " +
                        project.name() + "-onhost-1 " + project.name() + "-isolated-1");
  EXPECT_EQ(mode.out, "host\nnone\n");
}

}  // namespace
}  // namespace berth::testing
