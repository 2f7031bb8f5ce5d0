// The JSON of network creation, connect/disconnect and of a container's
// network settings (endpoint addresses, network modes).

#include <gtest/gtest.h>

#include "engine/json_mapping.h"

namespace berth::engine {
namespace {

using nlohmann::json;

TEST(NetworkCreateBody, EverySetting) {
  NetworkCreate spec;
  spec.name = "proj_front";
  spec.driver = "bridge";
  spec.labels = {{"com.docker.compose.project", "proj"}};
  spec.options = {{"com.docker.network.bridge.name", "brfront"}};
  spec.internal = true;
  spec.attachable = true;
  spec.enable_ipv6 = true;
  spec.ipam_pools = {{"172.28.0.0/16", "172.28.5.0/24", "172.28.0.1"}, {"fd00:28::/64", "", ""}};
  EXPECT_EQ(network_create_body(spec), json::parse(R"({
      "Name": "proj_front", "CheckDuplicate": true, "Driver": "bridge",
      "Labels": {"com.docker.compose.project": "proj"},
      "Options": {"com.docker.network.bridge.name": "brfront"},
      "Internal": true, "Attachable": true, "EnableIPv6": true,
      "IPAM": {"Driver": "default", "Options": {}, "Config": [
        {"Subnet": "172.28.0.0/16", "IPRange": "172.28.5.0/24", "Gateway": "172.28.0.1"},
        {"Subnet": "fd00:28::/64"}]}})"));
}

TEST(NetworkCreateBody, IpamDriverAlone) {
  NetworkCreate spec;
  spec.name = "n";
  spec.ipam_driver = "custom";
  const json body = network_create_body(spec);
  EXPECT_EQ(body["IPAM"], json::parse(R"({"Driver": "custom", "Config": [], "Options": {}})"));
  EXPECT_FALSE(body.contains("Internal"));
  EXPECT_FALSE(body.contains("Options"));
}

TEST(NetworkConnectBody, AliasesLinksAndAddresses) {
  EndpointConfig endpoint{"ignored", {"web", "www"}, {"proj-db-1:db"}};
  endpoint.ipv4_address = "172.28.0.10";
  endpoint.ipv6_address = "fd00:28::10";
  EXPECT_EQ(network_connect_body("abc123", endpoint), json::parse(R"({
      "Container": "abc123",
      "EndpointConfig": {"Aliases": ["web", "www"], "Links": ["proj-db-1:db"],
        "IPAMConfig": {"IPv4Address": "172.28.0.10", "IPv6Address": "fd00:28::10"}}})"));
  EXPECT_EQ(network_connect_body("abc123", EndpointConfig{"n", {}, {}}), json::parse(R"({
      "Container": "abc123", "EndpointConfig": {"Aliases": [], "Links": []}})"));
}

TEST(NetworkDisconnectBody, ContainerAndForce) {
  EXPECT_EQ(network_disconnect_body("web", true),
            json::parse(R"({"Container": "web", "Force": true})"));
}

TEST(ContainerNetworking, FixedAddressOnTheCreateNetwork) {
  ContainerCreate spec;
  spec.image = "busybox";
  spec.network = EndpointConfig{"proj_front", {"web"}, {}};
  spec.network->ipv4_address = "172.28.0.10";
  const auto body = container_create_body(spec);
  ASSERT_TRUE(body.ok());
  EXPECT_EQ((*body)["HostConfig"]["NetworkMode"], "proj_front");
  EXPECT_EQ((*body)["NetworkingConfig"], json::parse(R"({"EndpointsConfig": {"proj_front":
      {"Aliases": ["web"], "Links": [], "IPAMConfig": {"IPv4Address": "172.28.0.10"}}}})"));
}

TEST(ContainerNetworking, NetworkModeSendsNoEndpoint) {
  ContainerCreate spec;
  spec.image = "busybox";
  spec.network_mode = "container:0123abcd";
  const auto body = container_create_body(spec);
  ASSERT_TRUE(body.ok());
  EXPECT_EQ((*body)["HostConfig"]["NetworkMode"], "container:0123abcd");
  EXPECT_FALSE(body->contains("NetworkingConfig"));
}

TEST(ContainerNetworking, LinksOnTheDefaultBridgeAreLegacyLinks) {
  ContainerCreate spec;
  spec.image = "busybox";
  spec.network = EndpointConfig{"bridge", {}, {"proj-db-1:db"}};
  const auto body = container_create_body(spec);
  ASSERT_TRUE(body.ok());
  EXPECT_EQ((*body)["HostConfig"]["NetworkMode"], "bridge");
  EXPECT_EQ((*body)["HostConfig"]["Links"], json({"proj-db-1:db"}));
  // On a user-defined network the links stay endpoint links.
  spec.network->network = "proj_default";
  EXPECT_FALSE((*container_create_body(spec))["HostConfig"].contains("Links"));
}

}  // namespace
}  // namespace berth::engine
