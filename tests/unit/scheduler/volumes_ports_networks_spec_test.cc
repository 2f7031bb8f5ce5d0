// The translation of volume modes and options, port ranges and endpoint
// options into the engine's create calls, and the check of keys that need a
// newer engine API than berth's.

#include <gtest/gtest.h>

#include "compose/config_error.h"
#include "compose/loader.h"
#include "engine/json_mapping.h"
#include "scheduler/converge/api_requirements.h"
#include "scheduler/spec/container_spec.h"
#include "scheduler/network_plan.h"

namespace berth::scheduler {
namespace {

using nlohmann::json;

compose::Project load(const std::string& yaml) {
  compose::LoadOptions options;
  options.project_name = "proj";
  return compose::load_project_text(yaml, "compose.yaml", "/proj", options);
}

engine::ContainerCreate spec_of(const compose::Project& project, const std::string& service,
                                const std::string& network = "proj_default") {
  ContainerContext context;
  context.name = "proj-" + service + "-1";
  context.network = network;
  return container_create_for(project, *project.find_service(service), context);
}

// The `check_api_requirements` message lines, or "" when it passes.
std::string api_problems(const compose::Project& project, const std::vector<std::string>& names) {
  try {
    check_api_requirements(project, names);
  } catch (const compose::ConfigError& error) {
    return error.what();
  }
  return "";
}

TEST(VolumeSpec, ShortModesGoToTheEngineAsBinds) {
  const auto project = load(R"(services:
  web:
    image: x
    volumes:
      - ./a:/a:z
      - ./a:/b:ro,Z
      - ./a:/c:rshared,z
      - ./a:/d:cached
      - data:/e:nocopy
      - data:/f:ro,z
      - /anon
volumes:
  data:
)");
  const auto spec = spec_of(project, "web");
  EXPECT_EQ(spec.binds, (std::vector<std::string>{"/proj/a:/a:rw,z", "/proj/a:/b:ro,Z",
                                                  "/proj/a:/c:rw,z,rshared", "/proj/a:/d:rw",
                                                  "proj_data:/e:rw,nocopy", "proj_data:/f:ro"}));
  EXPECT_EQ(spec.anonymous_volumes, (std::vector<std::string>{"/anon"}));
  EXPECT_TRUE(spec.mounts.empty());
}

TEST(VolumeSpec, LongBindsWithCreateHostPathOrSelinuxAreBindsToo) {
  const auto project = load(R"(services:
  web:
    image: x
    volumes:
      - type: bind
        source: ./a
        target: /a
        bind: {create_host_path: true, propagation: rslave}
      - type: bind
        source: ./a
        target: /b
        read_only: true
        bind: {selinux: z}
      - type: bind
        source: ./a
        target: /c
        consistency: cached
        bind: {propagation: rshared}
      - type: tmpfs
        target: /t
        tmpfs: {size: 1k, mode: 01777}
)");
  const auto spec = spec_of(project, "web");
  EXPECT_EQ(spec.binds, (std::vector<std::string>{"/proj/a:/a:rw,rslave", "/proj/a:/b:ro,z"}));
  ASSERT_EQ(spec.mounts.size(), 2u);
  EXPECT_EQ(spec.mounts[0].type, "bind");
  EXPECT_EQ(spec.mounts[0].propagation, "rshared");
  EXPECT_EQ(spec.mounts[0].consistency, "cached");
  EXPECT_EQ(spec.mounts[1].tmpfs_size, 1024);
  EXPECT_EQ(spec.mounts[1].tmpfs_mode, 01777u);
  const json body = engine::container_create_body(spec).value();
  EXPECT_EQ(body["HostConfig"]["Mounts"][1]["TmpfsOptions"],
            json::parse(R"({"SizeBytes":1024,"Mode":1023})"));
  EXPECT_EQ(body["HostConfig"]["Mounts"][0]["Consistency"], "cached");
}

TEST(PortSpec, OneContainerPortTakesAnyOfAHostRange) {
  const auto project = load(R"(services:
  web:
    image: x
    ports:
      - target: 80
        published: 9000-9010
        name: web
      - "9100-9101:81"
      - ":82"
      - "8000-8001:83-84"
)");
  const auto spec = spec_of(project, "web");
  EXPECT_EQ(spec.port_bindings.at("80/tcp")[0].host_port, "9000-9010");
  EXPECT_EQ(spec.port_bindings.at("81/tcp")[0].host_port, "9100-9101");
  EXPECT_EQ(spec.port_bindings.at("82/tcp")[0].host_port, "");
  EXPECT_EQ(spec.port_bindings.at("83/tcp")[0].host_port, "8000");
  EXPECT_EQ(spec.port_bindings.at("84/tcp")[0].host_port, "8001");
}

const std::string k_endpoint_project = R"(services:
  web:
    image: x
    networks:
      back:
        driver_opts: {com.example.opt: "1"}
        link_local_ips: [169.254.8.8]
        mac_address: "02:42:ac:11:00:02"
      front:
networks:
  back:
    ipam:
      options: {a: b}
      config:
        - subnet: 172.28.0.0/16
          aux_addresses: {host1: 172.28.1.5}
  front:
volumes:
  data:
    driver_opts: {type: tmpfs}
)";

TEST(EndpointSpec, DriverOptsLinkLocalIpsAndTheCreateNetworksMacAddress) {
  const auto project = load(k_endpoint_project);
  const auto spec = spec_of(project, "web", "proj_back");
  ASSERT_TRUE(spec.network);
  const json body = engine::container_create_body(spec).value();
  const json& endpoint = body["NetworkingConfig"]["EndpointsConfig"]["proj_back"];
  EXPECT_EQ(endpoint["DriverOpts"], json::parse(R"({"com.example.opt":"1"})"));
  EXPECT_EQ(endpoint["IPAMConfig"]["LinkLocalIPs"], json({"169.254.8.8"}));
  EXPECT_EQ(body["MacAddress"], "02:42:ac:11:00:02");
  const auto front = endpoint_on(project, *project.find_service("web"), "proj_front", {});
  EXPECT_TRUE(front.driver_opts.empty());
  EXPECT_EQ(api_problems(project, {"web"}), "");  // back is the network it is created on
}

TEST(NetworkSpec, IpamOptionsAndAuxAddresses) {
  const auto project = load(k_endpoint_project);
  const auto spec = network_create_for(project, *project.find_network("back"));
  const json body = engine::network_create_body(spec);
  EXPECT_EQ(body["IPAM"]["Options"], json::parse(R"({"a":"b"})"));
  EXPECT_EQ(body["IPAM"]["Config"][0]["AuxiliaryAddresses"],
            json::parse(R"({"host1":"172.28.1.5"})"));
}

TEST(ApiRequirements, EachKeyNamedWithItsVersion) {
  const auto project = load(R"(services:
  web:
    image: x
    volumes:
      - type: volume
        source: data
        target: /data
        volume: {subpath: sub}
    networks:
      back:
        interface_name: eth3
      front:
        mac_address: "02:42:ac:11:00:02"
  other:
    image: x
networks:
  back:
  front:
  off:
    enable_ipv4: false
volumes:
  data:
)");
  EXPECT_EQ(api_problems(project, {"web"}),
            "compose.yaml:20:18: networks.off.enable_ipv4: needs engine API 1.47; berth speaks "
            "1.41\n"
            "compose.yaml:8:27: services.web.volumes[0].volume.subpath: needs engine API 1.45; "
            "berth speaks 1.41\n"
            "compose.yaml:11:25: services.web.networks.back.interface_name: needs engine API "
            "1.49; berth speaks 1.41\n"
            "compose.yaml:13:22: services.web.networks.front.mac_address: needs engine API "
            "1.44; berth speaks 1.41 (it sets the MAC address on network \"back\" only, the "
            "one the container is created on)");
  EXPECT_TRUE(is_newer_api("1.44"));
  EXPECT_TRUE(is_newer_api("2.0"));
  EXPECT_FALSE(is_newer_api("1.41"));
  EXPECT_FALSE(is_newer_api("1.9"));
}

}  // namespace
}  // namespace berth::scheduler
