// What compose v2 accepts in volumes, ports and networks beyond the basics:
// short-syntax volume modes (SELinux, propagation, nocopy, consistency), the
// long syntax's bind/volume/tmpfs options, long ports with name/app_protocol
// and ranges, per-network endpoint keys, top-level driver/IPAM options, keys
// that need a newer engine API, and empty interpolated values.

#include <gtest/gtest.h>

#include "compose/config_output.h"
#include "compose/loader.h"
#include "compose/mount_options.h"
#include "tests/unit/compose/load_helpers.h"

namespace berth::compose {
namespace {

using testing::load;
using testing::load_error;
using StringMap = std::map<std::string, std::string>;

Service only_service(const Project& project) {
  EXPECT_EQ(project.services.size(), 1u);
  return project.services.empty() ? Service{} : project.services.front();
}

std::string one_service(const std::string& body, const std::string& rest = "") {
  return "services:\n  web:\n    image: busybox\n" + body + rest;
}

std::vector<VolumeMount> short_volumes(const std::vector<std::string>& specs) {
  std::string body = "    volumes:\n";
  for (const std::string& spec : specs) {
    body += "      - \"" + spec + "\"\n";
  }
  return only_service(load(one_service(body, "volumes:\n  data:\n"))).volumes;
}

TEST(ShortVolumeModes, SelinuxAndReadOnlyInAnyOrder) {
  auto v = short_volumes({"./a:/a1:z", "./a:/a2:Z", "./a:/a3:ro,z", "./a:/a4:z,ro", "./a:/a5:rw"});
  ASSERT_EQ(v.size(), 5u);
  EXPECT_EQ(v[0].selinux, "z");
  EXPECT_FALSE(v[0].read_only);
  EXPECT_EQ(v[1].selinux, "Z");
  EXPECT_EQ(v[2].selinux, "z");
  EXPECT_TRUE(v[2].read_only);
  EXPECT_EQ(v[3].selinux, "z");
  EXPECT_TRUE(v[3].read_only);
  EXPECT_EQ(v[4].selinux, "");
  EXPECT_FALSE(v[4].read_only);
  for (const VolumeMount& mount : v) {
    EXPECT_TRUE(mount.create_host_path);  // short-syntax binds, as compose
    EXPECT_FALSE(mount.long_syntax);
  }
}

TEST(ShortVolumeModes, PropagationConsistencyAndNocopy) {
  auto v = short_volumes({"./a:/a:rshared", "./a:/b:cached", "./a:/c:delegated,ro",
                          "./a:/d:consistent", "data:/e:nocopy", "data:/f:ro,nocopy,z"});
  ASSERT_EQ(v.size(), 6u);
  EXPECT_EQ(v[0].propagation, "rshared");
  EXPECT_EQ(v[1].consistency, "");  // macOS only: accepted, dropped, as compose does
  EXPECT_TRUE(v[2].read_only);
  EXPECT_TRUE(v[4].nocopy);
  EXPECT_EQ(v[4].kind, VolumeMount::Kind::named);
  EXPECT_TRUE(v[5].nocopy);
  EXPECT_TRUE(v[5].read_only);
  EXPECT_EQ(v[5].selinux, "");  // compose relabels binds only
}

TEST(ShortVolumeModes, MistakesAreReported) {
  std::string error = load_error(one_service(R"(    volumes:
      - ./a:/a:rx
      - ./a:/b:nocopy
      - data:/c:rshared
)",
                                             "volumes:\n  data:\n"));
  for (const char* expected : {
           "services.web.volumes[1]: \"nocopy\" applies to volumes, not to a bind mount",
           "services.web.volumes[2]: propagation \"rshared\" applies to bind mounts, not to "
           "volume \"data\"",
       }) {
    EXPECT_NE(error.find(expected), std::string::npos) << expected << "\n" << error;
  }
}

// compose v2 drops a mode word it does not know (zabbix writes "roz"): so
// does berth, but it says so.
TEST(ShortVolumeModes, UnknownWordsAreIgnoredWithAWarning) {
  Project project = load(one_service("    volumes:\n      - ./a:/a:roz\n      - ./a:/b:ro,\n"));
  const Service& web = only_service(project);
  EXPECT_FALSE(web.volumes[0].read_only);  // as compose v2 mounts it
  EXPECT_TRUE(web.volumes[1].read_only);
  ASSERT_EQ(project.warnings.size(), 2u);
  EXPECT_EQ(project.warnings[0],
            "compose.yaml:5:9: services.web.volumes[0]: unknown volume mode \"roz\" ignored, as "
            "compose v2 ignores it (known: ro, rw, z, Z, nocopy, [r]shared, [r]slave, "
            "[r]private, cached, delegated, consistent)");
}

TEST(LongVolumeOptions, BindVolumeAndTmpfsOptions) {
  Service web = only_service(load(one_service(R"(    volumes:
      - type: bind
        source: ./a
        target: /b
        read_only: true
        consistency: cached
        bind: {create_host_path: true, selinux: Z, propagation: rslave}
      - type: tmpfs
        target: /t1
        tmpfs: {size: 64m, mode: 01777}
      - type: tmpfs
        target: /t2
        tmpfs: {size: 1000, mode: 0o755}
      - type: volume
        source: data
        target: /v
        volume: {nocopy: true, subpath: sub/dir}
)",
                                              "volumes:\n  data:\n")));
  ASSERT_EQ(web.volumes.size(), 4u);
  const VolumeMount& bind = web.volumes[0];
  EXPECT_TRUE(bind.create_host_path);
  EXPECT_EQ(bind.selinux, "Z");
  EXPECT_EQ(bind.propagation, "rslave");
  EXPECT_EQ(bind.consistency, "cached");
  EXPECT_EQ(web.volumes[1].tmpfs_size, 64 * 1024 * 1024);
  EXPECT_EQ(web.volumes[1].tmpfs_mode, 01777u);
  EXPECT_EQ(web.volumes[2].tmpfs_size, 1000);
  EXPECT_EQ(web.volumes[2].tmpfs_mode, 0755u);
  EXPECT_TRUE(web.volumes[3].nocopy);
  EXPECT_EQ(web.volumes[3].subpath, "sub/dir");
  ASSERT_EQ(web.api_requirements.size(), 1u);
  EXPECT_EQ(web.api_requirements[0].version, "1.45");
  EXPECT_EQ(web.api_requirements[0].pos.key_path, "services.web.volumes[3].volume.subpath");
}

TEST(LongVolumeOptions, MistakesAreReported) {
  std::string error = load_error(one_service(R"(    volumes:
      - type: bind
        source: ./a
        target: /b
        bind: {selinux: x, create_host_path: maybe, recursive: enabled}
      - type: tmpfs
        target: /t
        tmpfs: {mode: rwx}
      - type: tmpfs
        target: /u
        tmpfs: {mode: "1777"}
      - type: tmpfs
        target: /w
        tmpfs: {mode: 0999}
)"));
  for (const char* expected : {
           "services.web.volumes[0].bind.selinux: invalid selinux \"x\"",
           "services.web.volumes[0].bind.create_host_path: expected true or false, got \"maybe\"",
           "services.web.volumes[0].bind: unknown key \"recursive\"",
           "services.web.volumes[1].tmpfs.mode: invalid mode \"rwx\" (expected permission bits "
           "in octal, e.g. 01777 or 0o755)",
           "services.web.volumes[2].tmpfs.mode: invalid mode \"1777\"",
           "services.web.volumes[3].tmpfs.mode: invalid mode \"0999\"",
       }) {
    EXPECT_NE(error.find(expected), std::string::npos) << expected << "\n" << error;
  }
}

TEST(FileMode, AsYamlReadsAnInteger) {
  EXPECT_EQ(parse_file_mode("01777"), 01777u);
  EXPECT_EQ(parse_file_mode("0o755"), 0755u);
  EXPECT_EQ(parse_file_mode("0x1ff"), 0777u);
  EXPECT_EQ(parse_file_mode("493"), 0755u);  // decimal, as compose reads it
  EXPECT_EQ(parse_file_mode("0"), 0u);
  EXPECT_FALSE(parse_file_mode("0999"));
  EXPECT_FALSE(parse_file_mode("017777"));
  EXPECT_FALSE(parse_file_mode(""));
  EXPECT_FALSE(parse_file_mode("-1"));
}

TEST(TopLevelVolumes, DriverOptsAndLabels) {
  Project project = load(one_service("", R"(volumes:
  data:
    driver: local
    driver_opts: {type: tmpfs, device: tmpfs, o: "size=10m", uid: 1000}
    labels: [a=b]
)"));
  ASSERT_EQ(project.volumes.size(), 1u);
  EXPECT_EQ(project.volumes[0].driver_opts,
            (StringMap{{"type", "tmpfs"}, {"device", "tmpfs"}, {"o", "size=10m"}, {"uid", "1000"}}));
  EXPECT_EQ(project.volumes[0].labels, (StringMap{{"a", "b"}}));
}

TEST(LongPortKeys, NameAppProtocolModeAndRanges) {
  Service web = only_service(load(one_service(R"(    ports:
      - name: web
        app_protocol: http
        target: 80
        published: "8080"
        host_ip: 127.0.0.1
        protocol: tcp
        mode: host
      - target: 81
        published: 9000-9001
      - target: 82
        published: ""
        host_ip: ""
      - "9100-9101:83"
)")));
  ASSERT_EQ(web.ports.size(), 4u);
  EXPECT_EQ(web.ports[0].name, "web");
  EXPECT_EQ(web.ports[0].app_protocol, "http");
  EXPECT_EQ(web.ports[0].mode, "host");
  EXPECT_EQ(web.ports[0].host_start, 8080);
  EXPECT_EQ(web.ports[1].host_start, 9000);
  EXPECT_EQ(web.ports[1].host_end, 9001);
  EXPECT_EQ(web.ports[1].container_start, 81);
  EXPECT_EQ(web.ports[1].mode, "");
  EXPECT_EQ(web.ports[2].host_start, 0);
  EXPECT_EQ(web.ports[2].host_ip, "");
  EXPECT_EQ(web.ports[3].host_start, 9100);
  EXPECT_EQ(web.ports[3].host_end, 9101);
  EXPECT_EQ(web.ports[3].container_end, 83);
}

TEST(LongPortKeys, Mistakes) {
  std::string error = load_error(one_service(R"(    ports:
      - target: 80
        published: 9001-9000
      - target: 81
        mode: bridge
      - "8000-8001:80-82"
)"));
  for (const char* expected : {
           "services.web.ports[0].published: invalid port \"9001-9000\"",
           "services.web.ports[1].mode: invalid mode \"bridge\"",
           "services.web.ports[2]: expected \"[ip:]host:container[/proto]\", got "
           "\"8000-8001:80-82\"",
       }) {
    EXPECT_NE(error.find(expected), std::string::npos) << expected << "\n" << error;
  }
}

TEST(EmptyValues, AsComposeV2TakesThem) {
  LoadOptions options;
  options.environment = {};
  Project project = load(R"(services:
  web:
    image: busybox
    container_name: ${U:-}
    hostname: ${U:-}
    ipc: ${U:-}
    pid: ${U:-}
    network_mode: ${U:-}
    platform: ${U:-}
    restart: ${U:-}
    stop_signal: ${U:-}
    user: ${U:-}
    working_dir: ${U:-}
    ports:
      - "${U:-}:443:443"
      - "${U:-}:8080:80/udp"
      - "${U:-}:81"
  built:
    build: .
    image: ${U:-}
)",
                         options);
  const Service& web = project.services[0];
  EXPECT_EQ(web.container_name, "");
  EXPECT_EQ(web.hostname, "");
  EXPECT_EQ(web.options.ipc, "");
  EXPECT_EQ(web.options.pid, "");
  EXPECT_EQ(web.network_mode.kind, NetworkMode::Kind::networks);
  EXPECT_EQ(web.networks.size(), 1u);  // joins `default`, as when not written
  EXPECT_EQ(web.options.platform, "");
  EXPECT_EQ(web.restart, "");
  EXPECT_EQ(web.options.stop_signal, "");
  EXPECT_EQ(web.user, "");
  ASSERT_EQ(web.ports.size(), 3u);
  EXPECT_EQ(web.ports[0].host_ip, "");
  EXPECT_EQ(web.ports[0].host_start, 443);
  EXPECT_EQ(web.ports[1].protocol, "udp");
  EXPECT_EQ(web.ports[2].host_start, 0);
  EXPECT_EQ(web.ports[2].container_start, 81);
  const Service& built = project.services[1];
  EXPECT_FALSE(built.image.empty());  // "<project>-built"
}

TEST(EmptyValues, AnEmptyImageWithoutBuildIsStillAnError) {
  EXPECT_EQ(load_error("services:\n  web:\n    image: ${U:-}\n"),
            "compose.yaml:3:12: services.web.image: the image name is empty");
}

TEST(ServiceNetworkKeys, EndpointExtras) {
  Service web = only_service(load(one_service(R"(    networks:
      back:
        aliases: [db]
        ipv4_address: 172.28.0.10
        priority: 10
        driver_opts: {com.example.opt: "1", mtu: 1400}
        link_local_ips: [169.254.8.8, "fe80::8"]
        mac_address: "02:42:ac:11:00:02"
        interface_name: eth7
        gw_priority: 5
)",
                                              "networks:\n  back:\n")));
  ASSERT_EQ(web.networks.size(), 1u);
  const ServiceNetwork& back = web.networks[0];
  EXPECT_EQ(back.driver_opts, (StringMap{{"com.example.opt", "1"}, {"mtu", "1400"}}));
  EXPECT_EQ(back.link_local_ips, (std::vector<std::string>{"169.254.8.8", "fe80::8"}));
  EXPECT_EQ(back.mac_address, "02:42:ac:11:00:02");
  EXPECT_EQ(back.interface_name, "eth7");
  EXPECT_EQ(back.gw_priority, 5);
  ASSERT_EQ(web.api_requirements.size(), 2u);
  EXPECT_EQ(web.api_requirements[0].version, "1.49");
  EXPECT_EQ(web.api_requirements[0].pos.key_path, "services.web.networks.back.interface_name");
  EXPECT_EQ(web.api_requirements[1].version, "1.48");
  EXPECT_EQ(web.api_requirements[1].pos.key_path, "services.web.networks.back.gw_priority");
}

TEST(ServiceNetworkKeys, Mistakes) {
  std::string error = load_error(one_service(R"(    networks:
      back:
        link_local_ips: [nope]
        mac_address: 02-42
        gw_priority: high
        driver_opts: [a]
)",
                                             "networks:\n  back:\n"));
  for (const char* expected : {
           "services.web.networks.back.link_local_ips[0]: invalid IP address \"nope\"",
           "services.web.networks.back.mac_address: invalid MAC address \"02-42\"",
           "services.web.networks.back.gw_priority: expected an integer, got \"high\"",
           "services.web.networks.back.driver_opts: expected a mapping, got a sequence",
       }) {
    EXPECT_NE(error.find(expected), std::string::npos) << expected << "\n" << error;
  }
}

TEST(TopLevelNetworkKeys, Ipv4IpamOptionsAndAuxAddresses) {
  Project project = load(one_service("", R"(networks:
  back:
    enable_ipv4: false
    driver_opts: {com.docker.network.bridge.name: br-back}
    labels: {a: b}
    ipam:
      driver: default
      options: {foo: bar}
      config:
        - subnet: 172.28.0.0/16
          aux_addresses: {host1: 172.28.1.5}
  front:
    enable_ipv4: true
)"));
  const NetworkDecl* back = project.find_network("back");
  ASSERT_NE(back, nullptr);
  EXPECT_EQ(back->enable_ipv4, false);
  EXPECT_EQ(back->options, (StringMap{{"com.docker.network.bridge.name", "br-back"}}));
  EXPECT_EQ(back->ipam.options, (StringMap{{"foo", "bar"}}));
  ASSERT_EQ(back->ipam.config.size(), 1u);
  EXPECT_EQ(back->ipam.config[0].aux_addresses, (StringMap{{"host1", "172.28.1.5"}}));
  ASSERT_EQ(project.api_requirements.size(), 1u);  // only turning IPv4 off needs 1.47
  EXPECT_EQ(project.api_requirements[0].version, "1.47");
  EXPECT_EQ(project.api_requirements[0].pos.key_path, "networks.back.enable_ipv4");
  EXPECT_NE(load_error(one_service("", R"(networks:
  back:
    ipam:
      config:
        - subnet: 172.28.0.0/16
          aux_addresses: {host1: nope}
)"))
                .find("networks.back.ipam.config[0].aux_addresses.host1: invalid IP address"),
            std::string::npos);
}

// `config` prints each key in compose v2's shape, and reading that back gives the same project.
TEST(ConfigOutput, NewKeysRoundTrip) {
  const std::string text = one_service(R"(    volumes:
      - ./a:/a:ro,z
      - ./a:/p:rshared
      - data:/n:nocopy
      - type: bind
        source: /srv
        target: /b
        consistency: cached
        bind: {selinux: Z}
      - type: tmpfs
        target: /t
        tmpfs: {size: 64m, mode: 01777}
      - type: volume
        source: data
        target: /s
        volume: {subpath: sub}
    ports:
      - name: web
        app_protocol: http
        target: 80
        published: 9000-9001
        mode: host
      - target: 90
    networks:
      back:
        driver_opts: {mtu: "1400"}
        link_local_ips: [169.254.8.8]
        mac_address: "02:42:ac:11:00:02"
        gw_priority: 2
)",
                                       R"(volumes:
  data:
    driver_opts: {type: tmpfs, device: tmpfs}
networks:
  back:
    enable_ipv4: true
    ipam:
      options: {foo: bar}
      config:
        - subnet: 172.28.0.0/16
          aux_addresses: {host1: 172.28.1.5}
)");
  Project project = load(text);
  const std::string json = project_to_json(project);
  for (const char* expected : {
           R"("bind": {
            "create_host_path": true,
            "selinux": "z"
          })",
           R"("propagation": "rshared")",
           R"("volume": {
            "nocopy": true
          })",
           R"("consistency": "cached")",
           R"("tmpfs": {
            "mode": 1023,
            "size": 67108864
          })",
           R"("subpath": "sub")",
           R"("app_protocol": "http")",
           R"("published": "9000-9001")",
           R"("mode": "host")",
           R"("name": "web")",
           R"("link_local_ips": [)",
           R"("mac_address": "02:42:ac:11:00:02")",
           R"("gw_priority": 2)",
           R"("enable_ipv4": true)",
           R"("aux_addresses": {)",
           R"("options": {
          "foo": "bar"
        })",
       }) {
    EXPECT_NE(json.find(expected), std::string::npos) << expected << "\n" << json;
  }
  EXPECT_EQ(project_to_json(load(project_to_yaml(project))), json);
  EXPECT_EQ(project_to_json(load(json)), json);
}

}  // namespace
}  // namespace berth::compose
