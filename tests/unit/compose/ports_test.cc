#include "compose/ports.h"

#include <gtest/gtest.h>

namespace berth::compose {
namespace {

TEST(ParsePortMapping, ContainerPortOnly) {
  std::optional<PortMapping> mapping = parse_port_mapping("80");
  ASSERT_TRUE(mapping);
  EXPECT_EQ(mapping->host_ip, "");
  EXPECT_EQ(mapping->host_start, 0);
  EXPECT_EQ(mapping->host_end, 0);
  EXPECT_EQ(mapping->container_start, 80);
  EXPECT_EQ(mapping->container_end, 80);
  EXPECT_EQ(mapping->protocol, "tcp");
}

TEST(ParsePortMapping, HostAndContainer) {
  std::optional<PortMapping> mapping = parse_port_mapping("8080:80");
  ASSERT_TRUE(mapping);
  EXPECT_EQ(mapping->host_ip, "");
  EXPECT_EQ(mapping->host_start, 8080);
  EXPECT_EQ(mapping->host_end, 8080);
  EXPECT_EQ(mapping->container_start, 80);
  EXPECT_EQ(mapping->container_end, 80);
}

TEST(ParsePortMapping, HostIp) {
  std::optional<PortMapping> mapping = parse_port_mapping("127.0.0.1:8080:80");
  ASSERT_TRUE(mapping);
  EXPECT_EQ(mapping->host_ip, "127.0.0.1");
  EXPECT_EQ(mapping->host_start, 8080);
  EXPECT_EQ(mapping->container_start, 80);
}

TEST(ParsePortMapping, HostIpWithEphemeralHostPort) {
  std::optional<PortMapping> mapping = parse_port_mapping("127.0.0.1::80");
  ASSERT_TRUE(mapping);
  EXPECT_EQ(mapping->host_ip, "127.0.0.1");
  EXPECT_EQ(mapping->host_start, 0);
  EXPECT_EQ(mapping->host_end, 0);
  EXPECT_EQ(mapping->container_start, 80);
}

// As compose v2 reads what an empty variable leaves: "${BIND:-}:443:443", "${PORT:-}:80".
TEST(ParsePortMapping, EmptyHostIpOrHostPort) {
  std::optional<PortMapping> mapping = parse_port_mapping(":443:443");
  ASSERT_TRUE(mapping);
  EXPECT_EQ(mapping->host_ip, "");
  EXPECT_EQ(mapping->host_start, 443);
  mapping = parse_port_mapping(":80");
  ASSERT_TRUE(mapping);
  EXPECT_EQ(mapping->host_start, 0);
  EXPECT_EQ(mapping->container_start, 80);
  mapping = parse_port_mapping("::80/udp");
  ASSERT_TRUE(mapping);
  EXPECT_EQ(mapping->host_ip, "");
  EXPECT_EQ(mapping->host_start, 0);
  EXPECT_EQ(mapping->protocol, "udp");
}

// One container port may take any free port of a host range.
TEST(ParsePortMapping, HostRangeForOneContainerPort) {
  std::optional<PortMapping> mapping = parse_port_mapping("127.0.0.1:8000-8010:80");
  ASSERT_TRUE(mapping);
  EXPECT_EQ(mapping->host_start, 8000);
  EXPECT_EQ(mapping->host_end, 8010);
  EXPECT_EQ(mapping->container_start, 80);
  EXPECT_EQ(mapping->container_end, 80);
  EXPECT_EQ(published_port(*mapping, 80), "8000-8010");
  EXPECT_EQ(published_port(*parse_port_mapping("8000-8001:80-81"), 81), "8001");
  EXPECT_EQ(published_port(*parse_port_mapping("80"), 80), "");
}

TEST(ParsePortMapping, BracketedIpv6HostIp) {
  std::optional<PortMapping> mapping = parse_port_mapping("[::1]:8080:80/udp");
  ASSERT_TRUE(mapping);
  EXPECT_EQ(mapping->host_ip, "::1");
  EXPECT_EQ(mapping->host_start, 8080);
  EXPECT_EQ(mapping->container_start, 80);
  EXPECT_EQ(mapping->protocol, "udp");
}

TEST(ParsePortMapping, Ranges) {
  std::optional<PortMapping> mapping = parse_port_mapping("8000-8010:9000-9010");
  ASSERT_TRUE(mapping);
  EXPECT_EQ(mapping->host_start, 8000);
  EXPECT_EQ(mapping->host_end, 8010);
  EXPECT_EQ(mapping->container_start, 9000);
  EXPECT_EQ(mapping->container_end, 9010);
}

TEST(ParsePortMapping, ContainerRangeOnly) {
  std::optional<PortMapping> mapping = parse_port_mapping("7000-7002");
  ASSERT_TRUE(mapping);
  EXPECT_EQ(mapping->host_start, 0);
  EXPECT_EQ(mapping->container_start, 7000);
  EXPECT_EQ(mapping->container_end, 7002);
}

TEST(ParsePortMapping, Protocols) {
  EXPECT_EQ(parse_port_mapping("53:53/udp")->protocol, "udp");
  EXPECT_EQ(parse_port_mapping("80/tcp")->protocol, "tcp");
  EXPECT_EQ(parse_port_mapping("9/sctp")->protocol, "sctp");
}

TEST(ParsePortMapping, HostPortZeroLetsTheEnginePick) {
  std::optional<PortMapping> mapping = parse_port_mapping("0:80");
  ASSERT_TRUE(mapping);
  EXPECT_EQ(mapping->host_start, 0);
  EXPECT_EQ(mapping->container_start, 80);
}

TEST(ParsePortMapping, Limits) {
  EXPECT_EQ(parse_port_mapping("65535:1")->host_start, 65535);
  EXPECT_EQ(parse_port_mapping("1")->container_start, 1);
}

TEST(ParsePortMapping, RejectsBadText) {
  // clang-format off
  const char* const bad_texts[] = {
      "", "x", "80:x", "x:80", "0", "65536", "99999:80", "80:0", "-80", "80-", "80-70",
      "8000-8010:8000-8011", "80:8000-8010", "0:80-81", "0-5:80-85", "80/",
      "80/tcpx", "80/TCP", "80:", "1:2:3:4", "1.2.3:80:80", "localhost:80:80", "[::1]80:80",
      "[zz]:80:80", "[::1]:80", " 80", "+80", "8080:80 ", "123456"
  };
  // clang-format on
  for (const char* text : bad_texts) {
    EXPECT_FALSE(parse_port_mapping(text)) << "\"" << text << "\"";
  }
}

TEST(ParseExposedPort, SinglePort) {
  std::optional<ExposedPort> port = parse_exposed_port("5984");
  ASSERT_TRUE(port);
  EXPECT_EQ(port->start, 5984);
  EXPECT_EQ(port->end, 5984);
  EXPECT_EQ(port->protocol, "tcp");
}

TEST(ParseExposedPort, RangeWithProtocol) {
  std::optional<ExposedPort> port = parse_exposed_port("7000-7010/udp");
  ASSERT_TRUE(port);
  EXPECT_EQ(port->start, 7000);
  EXPECT_EQ(port->end, 7010);
  EXPECT_EQ(port->protocol, "udp");
}

TEST(ParseExposedPort, RejectsBadText) {
  for (const char* text : {"", "0", "x", "80:80", "7010-7000", "80/http", "65536", "0-10", "80/"}) {
    EXPECT_FALSE(parse_exposed_port(text)) << "\"" << text << "\"";
  }
}

}  // namespace
}  // namespace berth::compose
