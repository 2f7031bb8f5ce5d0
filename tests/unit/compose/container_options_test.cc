// The container setting keys (dns, limits, healthcheck, logging, deploy, ...)
// and the long syntax of volumes and ports, from YAML to the model.

#include <gtest/gtest.h>

#include "compose/loader.h"
#include "compose/units.h"
#include "tests/unit/compose/load_helpers.h"

namespace berth::compose {
namespace {

using testing::load;
using testing::load_error;
using Strings = std::vector<std::string>;
using StringMap = std::map<std::string, std::string>;

constexpr int64_t k_mib = 1024 * 1024;
constexpr int64_t k_second_ns = 1'000'000'000;

// A copy, so that it outlives the loaded project.
Service only_service(const Project& project) {
  EXPECT_EQ(project.services.size(), 1u);
  return project.services.empty() ? Service{} : project.services.front();
}

// The service body `body` (indented by four spaces) of a one-service file.
std::string one_service(const std::string& body) {
  return "version: \"3.8\"\nservices:\n  web:\n    image: busybox\n" + body;
}

TEST(ContainerOptions, EveryKeyIntoTheModel) {
  Project project = load(one_service(R"(    extra_hosts: ["somehost:162.242.195.82", " other : ::1"]
    dns: 8.8.8.8
    dns_search: [a.example, b.example]
    cap_add: [NET_ADMIN]
    cap_drop: [MKNOD]
    privileged: true
    read_only: yes
    init: false
    tty: true
    stdin_open: true
    tmpfs: ["/run:rw,size=64m", /tmp]
    ulimits:
      nproc: 65535
      nofile: {soft: 20000, hard: 40000}
    sysctls: ["net.core.somaxconn=1024", "flag"]
    shm_size: 64m
    mem_limit: 1.5g
    cpus: 0.5
    stop_signal: SIGUSR1
    stop_grace_period: 1m30s
    pid: host
    ipc: container:other
    devices: ["/dev/ttyUSB0", "/dev/sda:/dev/xvda:rw"]
    platform: linux/amd64
    external_links: [redis_1, "project_db_1:mysql"]
    x-anything: ignored
)"));
  Service web = only_service(project);
  const ContainerOptions& o = web.options;
  EXPECT_EQ(o.extra_hosts, (Strings{"somehost:162.242.195.82", "other:::1"}));
  EXPECT_EQ(o.dns, (Strings{"8.8.8.8"}));
  EXPECT_EQ(o.dns_search, (Strings{"a.example", "b.example"}));
  EXPECT_EQ(o.cap_add, (Strings{"NET_ADMIN"}));
  EXPECT_EQ(o.cap_drop, (Strings{"MKNOD"}));
  EXPECT_TRUE(o.privileged);
  EXPECT_TRUE(o.read_only);
  EXPECT_EQ(o.init, false);
  EXPECT_TRUE(o.tty);
  EXPECT_TRUE(o.stdin_open);
  EXPECT_EQ(o.tmpfs, (StringMap{{"/run", "rw,size=64m"}, {"/tmp", ""}}));
  ASSERT_EQ(o.ulimits.size(), 2u);
  EXPECT_EQ(o.ulimits[0].name, "nproc");
  EXPECT_EQ(o.ulimits[0].soft, 65535);
  EXPECT_EQ(o.ulimits[0].hard, 65535);
  EXPECT_EQ(o.ulimits[1].name, "nofile");
  EXPECT_EQ(o.ulimits[1].soft, 20000);
  EXPECT_EQ(o.ulimits[1].hard, 40000);
  EXPECT_EQ(o.sysctls, (StringMap{{"net.core.somaxconn", "1024"}, {"flag", ""}}));
  EXPECT_EQ(o.shm_size, 64 * k_mib);
  EXPECT_EQ(o.mem_limit, 1536 * k_mib);
  EXPECT_EQ(o.cpus, 0.5);
  EXPECT_EQ(o.stop_signal, "SIGUSR1");
  EXPECT_EQ(o.stop_grace_period, 90);
  EXPECT_EQ(o.pid, "host");
  EXPECT_EQ(o.ipc, "container:other");
  ASSERT_EQ(o.devices.size(), 2u);
  EXPECT_EQ(o.devices[0].container_path, "/dev/ttyUSB0");
  EXPECT_EQ(o.devices[0].permissions, "rwm");
  EXPECT_EQ(o.devices[1].host_path, "/dev/sda");
  EXPECT_EQ(o.devices[1].container_path, "/dev/xvda");
  EXPECT_EQ(o.devices[1].permissions, "rw");
  EXPECT_EQ(o.platform, "linux/amd64");
  ASSERT_EQ(o.external_links.size(), 2u);
  EXPECT_EQ(o.external_links[0].container, "redis_1");
  EXPECT_EQ(o.external_links[0].alias, "redis_1");
  EXPECT_EQ(o.external_links[1].container, "project_db_1");
  EXPECT_EQ(o.external_links[1].alias, "mysql");
}

TEST(ContainerOptions, ExtraHostsAsAMappingAndStringForms) {
  Service web = only_service(load(one_service(R"(    extra_hosts:
      somehost: 162.242.195.82
    dns: [1.1.1.1, 9.9.9.9]
    tmpfs: /run
    sysctls:
      net.ipv4.tcp_syncookies: 0
    shm_size: 1048576
)")));
  EXPECT_EQ(web.options.extra_hosts, (Strings{"somehost:162.242.195.82"}));
  EXPECT_EQ(web.options.dns, (Strings{"1.1.1.1", "9.9.9.9"}));
  EXPECT_EQ(web.options.tmpfs, (StringMap{{"/run", ""}}));
  EXPECT_EQ(web.options.sysctls, (StringMap{{"net.ipv4.tcp_syncookies", "0"}}));
  EXPECT_EQ(web.options.shm_size, k_mib);
}

TEST(ContainerOptions, UnsetKeysKeepTheirDefaults) {
  Service web = only_service(load(one_service("")));
  EXPECT_FALSE(web.options.init.has_value());
  EXPECT_FALSE(web.options.healthcheck.has_value());
  EXPECT_FALSE(web.options.mem_limit.has_value());
  EXPECT_FALSE(web.scale.has_value());
  EXPECT_FALSE(web.deploy.replicas.has_value());
}

TEST(Healthcheck, StringTestIsAShellCommandAndDurationsAreNanoseconds) {
  Service web = only_service(load(one_service(R"(    healthcheck:
      test: curl -f http://localhost
      interval: 1m30s
      timeout: 10s
      start_period: 500ms
      start_interval: 2s
      retries: 3
)")));
  ASSERT_TRUE(web.options.healthcheck);
  const Healthcheck& check = *web.options.healthcheck;
  EXPECT_EQ(check.start_interval_ns, 2 * k_second_ns);
  EXPECT_EQ(check.test, (Strings{"CMD-SHELL", "curl -f http://localhost"}));
  EXPECT_EQ(check.interval_ns, 90 * k_second_ns);
  EXPECT_EQ(check.timeout_ns, 10 * k_second_ns);
  EXPECT_EQ(check.start_period_ns, k_second_ns / 2);
  EXPECT_EQ(check.retries, 3);
}

TEST(Healthcheck, ListFormsAndDisable) {
  Project project = load(R"(services:
  cmd:
    image: busybox
    healthcheck:
      test: ["CMD", "true"]
  shell:
    image: busybox
    healthcheck:
      test: ["CMD-SHELL", "exit 0"]
  off:
    image: busybox
    healthcheck:
      disable: true
  none:
    image: busybox
    healthcheck:
      test: ["NONE"]
  inherit:
    image: busybox
    healthcheck:
      interval: 5s
)");
  EXPECT_EQ(project.services[0].options.healthcheck->test, (Strings{"CMD", "true"}));
  EXPECT_EQ(project.services[1].options.healthcheck->test, (Strings{"CMD-SHELL", "exit 0"}));
  EXPECT_EQ(project.services[2].options.healthcheck->test, (Strings{"NONE"}));
  EXPECT_EQ(project.services[3].options.healthcheck->test, (Strings{"NONE"}));
  EXPECT_TRUE(project.services[4].options.healthcheck->test.empty());
}

TEST(Healthcheck, BadFormsAreReportedWithPositions) {
  std::string error = load_error(one_service(R"(    healthcheck:
      test: ["RUN", "true"]
      interval: 10
      retries: -1
      timout: 5s
)"));
  EXPECT_NE(error.find("compose.yaml:6:14: services.web.healthcheck.test[0]: when the healthcheck "
                       "test is a list, its first item must be \"NONE\", \"CMD\" or "
                       "\"CMD-SHELL\", got \"RUN\""),
            std::string::npos)
      << error;
  EXPECT_NE(error.find("compose.yaml:7:17: services.web.healthcheck.interval: invalid duration "
                       "\"10\""),
            std::string::npos)
      << error;
  EXPECT_NE(error.find("services.web.healthcheck.retries: expected an integer of at least 0"),
            std::string::npos)
      << error;
  EXPECT_NE(error.find("unknown key \"timout\" (did you mean \"timeout\"?)"), std::string::npos)
      << error;
}

TEST(Healthcheck, DisableCannotBeCombined) {
  std::string error = load_error(one_service(R"(    healthcheck:
      disable: true
      interval: 10s
)"));
  EXPECT_NE(error.find("services.web.healthcheck: a disabled healthcheck"), std::string::npos)
      << error;
  EXPECT_NE(load_error(one_service("    healthcheck:\n      test: []\n"))
                .find("the healthcheck test is an empty list"),
            std::string::npos);
}

TEST(Logging, DriverAndOptionsAsStrings) {
  Service web = only_service(load(one_service(R"(    logging:
      driver: json-file
      options:
        max-size: 200k
        max-file: 10
)")));
  ASSERT_TRUE(web.options.logging);
  EXPECT_EQ(web.options.logging->driver, "json-file");
  EXPECT_EQ(web.options.logging->options, (StringMap{{"max-file", "10"}, {"max-size", "200k"}}));
  EXPECT_NE(load_error(one_service("    logging:\n      drivr: syslog\n")).find("unknown key"),
            std::string::npos);
}

TEST(Deploy, ReplicasLimitsAndRestartPolicy) {
  Service web = only_service(load(one_service(R"(    deploy:
      mode: replicated
      replicas: 2
      resources:
        limits:
          cpus: '0.50'
          memory: 50M
      restart_policy:
        condition: on-failure
        max_attempts: 3
        delay: 5s
      placement:
        constraints: [node.role == manager]
      labels: {a: b}
)")));
  EXPECT_EQ(web.deploy.mode, "replicated");
  EXPECT_EQ(web.deploy.replicas, 2);
  EXPECT_EQ(web.deploy.limit_cpus, 0.5);
  EXPECT_EQ(web.deploy.limit_memory, 50 * k_mib);
  ASSERT_TRUE(web.deploy.restart_policy);
  EXPECT_EQ(web.deploy.restart_policy->condition, "on-failure");
  EXPECT_EQ(web.deploy.restart_policy->max_attempts, 3);
}

TEST(Deploy, ScaleAndReplicasConflict) {
  std::string error = load_error(one_service("    scale: 2\n    deploy:\n      replicas: 3\n"));
  EXPECT_NE(error.find("compose.yaml:7:17: services.web.deploy.replicas: both \"scale\" and "
                       "\"deploy.replicas\" are set; only one of them may be"),
            std::string::npos)
      << error;
  EXPECT_EQ(only_service(load(one_service("    scale: 0\n"))).scale, 0);
  // A global service ignores replicas, so there is nothing to conflict with.
  EXPECT_EQ(load_error(one_service("    scale: 2\n    deploy: {mode: global, replicas: 3}\n")),
            "<loaded without error>");
}

TEST(Deploy, BadValues) {
  std::string error = load_error(one_service(R"(    scale: -1
    deploy:
      mode: everywhere
      restart_policy:
        condition: sometimes
      resources:
        reservations:
          generic_resources: []
)"));
  EXPECT_NE(error.find("services.web.scale: expected an integer of at least 0, got -1"),
            std::string::npos)
      << error;
  EXPECT_NE(error.find("invalid deploy mode \"everywhere\""), std::string::npos) << error;
  EXPECT_NE(error.find("invalid restart condition \"sometimes\""), std::string::npos) << error;
  EXPECT_NE(error.find("key \"generic_resources\" is not supported yet"), std::string::npos)
      << error;
}

TEST(ContainerOptions, BadValuesAreReportedWithPositions) {
  std::string error = load_error(one_service(R"(    extra_hosts: ["nohost"]
    tmpfs: [run]
    ulimits:
      nofile: {soft: 10, hard: 5}
      NoFile: 3
      nproc: {soft: 1}
    shm_size: 64q
    cpus: lots
    stop_grace_period: forever
    pid: other
    ipc: "service:db"
    devices: ["/dev/sda:xvda"]
    external_links: ["a:b:c"]
    privileged: "true"
    dns: {a: b}
)"));
  for (const char* expected : {
           "compose.yaml:5:19: services.web.extra_hosts[0]: expected \"host:ip\", got \"nohost\"",
           "compose.yaml:6:13: services.web.tmpfs[0]: expected an absolute path in the container",
           "services.web.ulimits.nofile.soft: the soft limit of \"nofile\" may not be greater",
           "compose.yaml:9:7: services.web.ulimits.NoFile: invalid ulimit name \"NoFile\"",
           "services.web.ulimits.nproc: a ulimit mapping needs both \"soft\" and \"hard\"",
           "compose.yaml:11:15: services.web.shm_size: invalid size \"64q\"",
           "services.web.cpus: invalid CPU count \"lots\"",
           "services.web.stop_grace_period: invalid duration \"forever\"",
           "services.web.pid: invalid mode \"other\" (expected \"host\", or \"container:NAME\")",
           "services.web.ipc: sharing a service's namespace (\"service:db\") is not supported yet",
           "services.web.devices[0]: expected \"/dev/host[:/dev/container[:rwm]]\"",
           "services.web.external_links[0]: expected \"container[:alias]\", got \"a:b:c\"",
           "services.web.privileged: expected true or false, got \"true\"",
           "services.web.dns: expected a string or a sequence, got a mapping",
       }) {
    EXPECT_NE(error.find(expected), std::string::npos) << expected << "\n" << error;
  }
}

// Every compose-spec key is known: one berth does not implement is refused
// by name, never called unknown as a typo would be.
TEST(ContainerOptions, UnimplementedKeysSayNotSupportedByBerth) {
  std::string error = load_error(one_service("    use_api_socket: true\n"));
  EXPECT_NE(error.find("key \"use_api_socket\" is not supported by berth"), std::string::npos)
      << error;
}

TEST(LongVolumes, EveryTypeIntoTheModel) {
  Project project = load(R"(services:
  web:
    image: busybox
    volumes:
      - type: volume
        source: data
        target: /data
        volume: {nocopy: true}
      - type: volume
        target: /anon/
      - type: bind
        source: ./static
        target: /opt/static
        read_only: true
        bind: {propagation: rshared}
      - type: tmpfs
        target: /scratch
        tmpfs: {size: 64m}
      - /short
volumes:
  data:
)");
  std::vector<VolumeMount> v = only_service(project).volumes;
  ASSERT_EQ(v.size(), 5u);
  EXPECT_EQ(v[0].kind, VolumeMount::Kind::named);
  EXPECT_EQ(v[0].source, "data");
  EXPECT_TRUE(v[0].nocopy);
  EXPECT_TRUE(v[0].long_syntax);
  EXPECT_EQ(v[1].kind, VolumeMount::Kind::anonymous);
  EXPECT_EQ(v[1].target, "/anon");
  EXPECT_EQ(v[2].kind, VolumeMount::Kind::bind);
  EXPECT_EQ(v[2].source, "/proj/static");
  EXPECT_TRUE(v[2].read_only);
  EXPECT_EQ(v[2].propagation, "rshared");
  EXPECT_EQ(v[3].kind, VolumeMount::Kind::tmpfs);
  EXPECT_EQ(v[3].tmpfs_size, 64 * k_mib);
  EXPECT_FALSE(v[4].long_syntax);
}

TEST(LongVolumes, BadEntries) {
  std::string error = load_error(R"(services:
  web:
    image: busybox
    volumes:
      - type: npipe
        target: /x
      - type: bind
        target: /y
      - type: tmpfs
        source: nope
        target: /z
      - type: volume
        source: undeclared
        target: /w
        bind: {propagation: shared}
      - type: volume
        target: relative
      - source: x
)");
  for (const char* expected : {
           "services.web.volumes[0].type: invalid volume type \"npipe\"",
           "services.web.volumes[1]: a bind mount needs a \"source\"",
           "services.web.volumes[2].source: a tmpfs mount has no source",
           "services.web.volumes[3].bind: \"bind\" options need type \"bind\", not \"volume\"",
           "services.web.volumes[4].target: expected an absolute path in the container",
           "services.web.volumes[5]: a volume in the long syntax needs a \"type\" and a \"target\"",
       }) {
    EXPECT_NE(error.find(expected), std::string::npos) << expected << "\n" << error;
  }
  EXPECT_NE(load_error(R"(services:
  web:
    image: busybox
    volumes:
      - type: volume
        source: undeclared
        target: /w
)")
                .find("uses volume \"undeclared\", which is not declared"),
            std::string::npos);
}

TEST(LongPorts, IntoPortMappings) {
  Service web = only_service(load(R"(services:
  web:
    image: busybox
    ports:
      - target: 80
        published: 8080
        protocol: tcp
        mode: host
      - target: 53
        published: "5353"
        host_ip: 127.0.0.1
        protocol: udp
      - target: 9000
      - "7000:7000"
)"));
  ASSERT_EQ(web.ports.size(), 4u);
  EXPECT_EQ(web.ports[0].container_start, 80);
  EXPECT_EQ(web.ports[0].host_start, 8080);
  EXPECT_EQ(web.ports[0].protocol, "tcp");
  EXPECT_EQ(web.ports[1].host_ip, "127.0.0.1");
  EXPECT_EQ(web.ports[1].host_start, 5353);
  EXPECT_EQ(web.ports[1].host_end, 5353);
  EXPECT_EQ(web.ports[1].protocol, "udp");
  EXPECT_EQ(web.ports[2].host_start, 0);
  EXPECT_EQ(web.ports[3].host_start, 7000);
}

TEST(LongPorts, BadEntries) {
  std::string error = load_error(R"(services:
  web:
    image: busybox
    ports:
      - published: 80
      - target: 70000
      - target: 80
        protocol: icmp
        host_ip: localhost
        mode: bridge
)");
  for (const char* expected : {
           "services.web.ports[0]: a port in the long syntax needs a \"target\"",
           "services.web.ports[1].target: invalid port \"70000\"",
           "services.web.ports[2].protocol: invalid protocol \"icmp\"",
           "services.web.ports[2].host_ip: invalid IP address \"localhost\"",
       }) {
    EXPECT_NE(error.find(expected), std::string::npos) << expected << "\n" << error;
  }
}

TEST(Units, ByteSizes) {
  EXPECT_EQ(parse_byte_size("1024"), 1024);
  EXPECT_EQ(parse_byte_size("100b"), 100);
  EXPECT_EQ(parse_byte_size("2k"), 2048);
  EXPECT_EQ(parse_byte_size("64m"), 64 * k_mib);
  EXPECT_EQ(parse_byte_size("64MB"), 64 * k_mib);
  EXPECT_EQ(parse_byte_size("1.5g"), 1536 * k_mib);
  EXPECT_EQ(parse_byte_size("1.5k"), 1536);
  EXPECT_EQ(parse_byte_size("0.5"), 0);  // truncated to whole bytes, as docker-py does
  for (const char* bad : {"", "m", "64q", "-1m", "64bb", "1e3", "6 4m"}) {
    EXPECT_FALSE(parse_byte_size(bad)) << bad;
  }
}

TEST(Units, Durations) {
  EXPECT_EQ(parse_duration_ns("10s"), 10 * k_second_ns);
  EXPECT_EQ(parse_duration_ns("1m30s"), 90 * k_second_ns);
  EXPECT_EQ(parse_duration_ns("1h"), 3600 * k_second_ns);
  EXPECT_EQ(parse_duration_ns("1.5s"), 1'500'000'000);
  EXPECT_EQ(parse_duration_ns("30ms"), 30'000'000);
  EXPECT_EQ(parse_duration_ns("2us"), 2000);
  EXPECT_EQ(parse_duration_ns("2\xc2\xb5s"), 2000);
  EXPECT_EQ(parse_duration_ns("5ns"), 5);
  EXPECT_EQ(parse_duration_ns("1h2m3s4ms"), 3723'004'000'000);
  EXPECT_EQ(parse_duration_ns("1M"), 60 * k_second_ns);  // case-insensitive, as compose
  for (const char* bad : {"", "10", "s", "1s1m", "1s1s", "1d", "-1s", "1.2.3s", "2usus"}) {
    EXPECT_FALSE(parse_duration_ns(bad)) << bad;
  }
}

}  // namespace
}  // namespace berth::compose
