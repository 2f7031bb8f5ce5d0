// Volume modes and options, long ports, per-network endpoint options and
// top-level driver options reach the engine: berth brings a project up and
// `docker inspect` shows what the engine got. Keys that need a newer engine
// API than berth's are printed by `config` and refused by `up` before any
// change.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "docker_cli.h"
#include "harness.h"

namespace berth::testing {
namespace {

using nlohmann::json;

json inspect(const std::string& kind, const std::string& name) {
  return docker_inspect(name, kind == "container" ? "" : kind);
}

std::string exec(const std::string& container, const std::string& command) {
  return docker_exec_sh(container, command);
}

const char* const k_sleep = R"(["sh", "-c", "trap 'exit 0' TERM; sleep 2147483647 & wait"])";

TEST(VolumesPortsNetworks, SelinuxModesTmpfsModeAndVolumeDriverOpts) {
  TestProject project("volmodes", std::string(R"(services:
  app:
    image: berth-test/busybox:latest
    command: )") + k_sleep + R"(
    volumes:
      - ./a:/a:z
      - ./a:/b:ro,z
      - ./made:/m:Z
      - data:/data:nocopy
      - type: tmpfs
        target: /t
        tmpfs: {size: 2m, mode: 01770}
      - type: bind
        source: ./a
        target: /l
        bind: {selinux: z, create_host_path: true}
volumes:
  data:
    driver_opts: {type: tmpfs, device: tmpfs, o: "size=10m"}
    labels: {com.example.kind: scratch}
)");
  project.write_file("a/hello", "hi\n");
  auto up = project.berth("up -d");
  ASSERT_EQ(up.exit_code, 0) << up.err;
  const std::string app = project.name() + "-app-1";
  const json details = inspect("container", app);
  const json& host = details["HostConfig"];
  const std::string dir = project.dir();
  EXPECT_EQ(host["Binds"], json({dir + "/a:/a:rw,z", dir + "/a:/b:ro,z", dir + "/made:/m:rw,Z",
                                 project.name() + "_data:/data:rw,nocopy", dir + "/a:/l:rw,z"}));
  EXPECT_EQ(host["Mounts"], json::parse(R"([{"Type":"tmpfs","Target":"/t",
      "TmpfsOptions":{"SizeBytes":2097152,"Mode":1016}}])"));
  EXPECT_EQ(details["State"]["Running"], true);
  EXPECT_EQ(exec(app, "cat /a/hello /b/hello"), "hi\nhi\n");
  EXPECT_NE(exec(app, "touch /b/x 2>&1; echo $?"), "0\n");  // read-only
  EXPECT_EQ(exec(app, "stat -c %a /t"), "1770\n");
  EXPECT_TRUE(std::filesystem::is_directory(dir + "/made"));  // created, as compose does
  const json volume = inspect("volume", project.name() + "_data");
  EXPECT_EQ(volume["Options"], json::parse(R"({"type":"tmpfs","device":"tmpfs","o":"size=10m"})"));
  EXPECT_EQ(volume["Labels"]["com.example.kind"], "scratch");
  EXPECT_NE(exec(app, "grep ' /data ' /proc/mounts"), "");
}

TEST(VolumesPortsNetworks, LongPortsAndEndpointOptions) {
  // Outside the engine's default pools (172.17-31/16, 192.168/20): a fixed
  // 172.31.x subnet overlapped a default network another test had just made.
  const std::string third = std::to_string(getpid() % 250);
  TestProject project("portsnet", std::string(R"(services:
  app:
    image: berth-test/busybox:latest
    command: )") + k_sleep + R"(
    ports:
      - name: web
        app_protocol: http
        target: 80
        host_ip: 127.0.0.1
        mode: host
      - "${BIND:-}:81"
    networks:
      back:
        driver_opts: {com.example.opt: "1"}
        link_local_ips: [169.254.8.8]
        mac_address: "02:42:ac:1f:00:07"
networks:
  back:
    ipam:
      options: {com.example.ipam: "x"}
      config:
        - subnet: 10.214.)" + third + R"(.0/24
          aux_addresses: {reserved: 10.214.)" + third + R"(.5}
)");
  auto up = project.berth("up -d");
  ASSERT_EQ(up.exit_code, 0) << up.err;
  const json details = inspect("container", project.name() + "-app-1");
  const json& bindings = details["HostConfig"]["PortBindings"];
  EXPECT_EQ(bindings["80/tcp"], json::parse(R"([{"HostIp":"127.0.0.1","HostPort":""}])"));
  EXPECT_EQ(bindings["81/tcp"], json::parse(R"([{"HostIp":"","HostPort":""}])"));
  EXPECT_FALSE(details["NetworkSettings"]["Ports"]["80/tcp"].empty());
  const json& endpoint = details["NetworkSettings"]["Networks"][project.name() + "_back"];
  EXPECT_EQ(endpoint["DriverOpts"], json::parse(R"({"com.example.opt":"1"})"));
  EXPECT_EQ(endpoint["IPAMConfig"]["LinkLocalIPs"], json({"169.254.8.8"}));
  EXPECT_EQ(endpoint["MacAddress"], "02:42:ac:1f:00:07");
  const json network = inspect("network", project.name() + "_back");
  EXPECT_EQ(network["IPAM"]["Options"], json::parse(R"({"com.example.ipam":"x"})"));
  EXPECT_EQ(network["IPAM"]["Config"][0]["AuxiliaryAddresses"],
            json({{"reserved", "10.214." + third + ".5"}}));
}

TEST(VolumesPortsNetworks, NewerApiKeysArePrintedButRefusedByUp) {
  TestProject project("newapi", R"(services:
  app:
    image: berth-test/busybox:latest
    volumes:
      - type: volume
        source: data
        target: /data
        volume: {subpath: sub}
    networks:
      default:
        gw_priority: 1
volumes:
  data:
)");
  auto config = project.berth("config");
  ASSERT_EQ(config.exit_code, 0) << config.err;
  EXPECT_NE(config.out.find("subpath: sub"), std::string::npos) << config.out;
  EXPECT_NE(config.out.find("gw_priority: 1"), std::string::npos) << config.out;
  auto up = project.berth("up -d");
  EXPECT_EQ(up.exit_code, 1);
  EXPECT_EQ(up.err,
            "compose.yaml:8:27: services.app.volumes[0].volume.subpath: needs engine API 1.45; "
            "berth speaks 1.41\n"
            "compose.yaml:11:22: services.app.networks.default.gw_priority: needs engine API "
            "1.48; berth speaks 1.41\n");
  EXPECT_TRUE(project.containers().empty());
  EXPECT_TRUE(project.volumes().empty());
  EXPECT_TRUE(project.networks().empty());
}

}  // namespace
}  // namespace berth::testing
