// The container setting keys (extra_hosts, dns, limits, healthcheck, logging,
// long-syntax volumes and ports, deploy, ...) reach the engine: berth brings a
// project up and `docker inspect` shows what the engine got.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <thread>

#include "docker_cli.h"
#include "harness.h"

namespace berth::testing {
namespace {

using nlohmann::json;

const char* const k_project_file = R"(version: "3.8"
services:
  app:
    image: berth-test/busybox:latest
    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 2147483647 & wait"]
    labels:
      com.example.tier: test
    extra_hosts: ["somehost:10.1.2.3"]
    dns: 9.9.9.9
    dns_search: example.test
    cap_add: [NET_ADMIN]
    cap_drop: [MKNOD]
    read_only: true
    tmpfs: ["/run:size=1m", /tmp]
    ulimits:
      nofile: {soft: 1024, hard: 2048}
    sysctls:
      net.core.somaxconn: 1024
    shm_size: 64m
    init: true
    tty: true
    stdin_open: true
    stop_signal: SIGTERM
    stop_grace_period: 1m30s
    healthcheck:
      test: ["CMD", "true"]
      interval: 1s
      timeout: 1s
      retries: 2
      start_period: 1s
    mem_limit: 64m
    cpus: 0.5
    logging:
      driver: json-file
      options:
        max-size: 1m
        max-file: 2
    volumes:
      - type: tmpfs
        target: /scratch
        tmpfs: {size: 1m}
      - type: volume
        source: data
        target: /data
        volume: {nocopy: true}
    ports:
      - target: 80
        host_ip: 127.0.0.1
    devices: ["/dev/null:/dev/mynull:rwm"]
    platform: linux/amd64
  limited:
    image: berth-test/busybox:latest
    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 2147483647 & wait"]
    healthcheck:
      disable: true
    deploy:
      resources:
        limits: {cpus: "0.25", memory: 32M}
      restart_policy: {condition: on-failure, max_attempts: 3}
volumes:
  data:
)";

constexpr int64_t k_mib = 1024 * 1024;

json inspect(const std::string& container) { return docker_inspect(container); }

std::string exec(const std::string& container, const std::string& command) {
  return docker_exec_sh(container, command);
}

// The health check runs every second; give it a few rounds.
std::string health_status_after_checks(const std::string& container) {
  std::string status;
  for (int attempt = 0; attempt < 100 && status != "healthy"; ++attempt) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    status = inspect(container)["State"]["Health"].value("Status", "");
  }
  return status;
}

void expect_host_config(const json& host, const std::string& project) {
  EXPECT_EQ(host["ExtraHosts"], json({"somehost:10.1.2.3"}));
  EXPECT_EQ(host["Dns"], json({"9.9.9.9"}));
  EXPECT_EQ(host["DnsSearch"], json({"example.test"}));
  EXPECT_EQ(host["CapAdd"], json({"NET_ADMIN"}));
  EXPECT_EQ(host["CapDrop"], json({"MKNOD"}));
  EXPECT_EQ(host["ReadonlyRootfs"], true);
  EXPECT_EQ(host["Tmpfs"], json::parse(R"({"/run":"size=1m","/tmp":""})"));
  EXPECT_EQ(host["Ulimits"], json::parse(R"([{"Name":"nofile","Soft":1024,"Hard":2048}])"));
  EXPECT_EQ(host["Sysctls"], json::parse(R"({"net.core.somaxconn":"1024"})"));
  EXPECT_EQ(host["ShmSize"], 64 * k_mib);
  EXPECT_EQ(host["Init"], true);
  EXPECT_EQ(host["Memory"], 64 * k_mib);
  EXPECT_EQ(host["NanoCpus"], 500'000'000);
  EXPECT_EQ(host["LogConfig"],
            json::parse(R"({"Type":"json-file","Config":{"max-size":"1m","max-file":"2"}})"));
  EXPECT_EQ(host["Devices"], json::parse(R"([{"PathOnHost":"/dev/null",
      "PathInContainer":"/dev/mynull","CgroupPermissions":"rwm"}])"));
  EXPECT_EQ(host["Mounts"], json::parse(R"([
      {"Type":"tmpfs","Target":"/scratch","TmpfsOptions":{"SizeBytes":1048576}},
      {"Type":"volume","Source":")" + project + R"(_data","Target":"/data",
       "VolumeOptions":{"NoCopy":true}}])"));
  EXPECT_EQ(host["PortBindings"],
            json::parse(R"({"80/tcp":[{"HostIp":"127.0.0.1","HostPort":""}]})"));
}

TEST(ContainerOptions, TheEngineGetsEverySetting) {
  TestProject project("options", k_project_file);
  auto up = project.berth("up -d");
  ASSERT_EQ(up.exit_code, 0) << up.err;
  const std::string app = project.name() + "-app-1";
  const json details = inspect(app);
  expect_host_config(details["HostConfig"], project.name());
  const json& config = details["Config"];
  EXPECT_EQ(config["Tty"], true);
  EXPECT_EQ(config["OpenStdin"], true);
  EXPECT_EQ(config["StopSignal"], "SIGTERM");
  EXPECT_EQ(config["StopTimeout"], 90);
  EXPECT_EQ(config["Labels"]["com.example.tier"], "test");
  EXPECT_EQ(config["Healthcheck"], json::parse(R"({"Test":["CMD","true"],"Interval":1000000000,
      "Timeout":1000000000,"StartPeriod":1000000000,"Retries":2})"));
  EXPECT_EQ(health_status_after_checks(app), "healthy");

  // And the container lives with them.
  EXPECT_NE(exec(app, "cat /etc/hosts").find("10.1.2.3\tsomehost"), std::string::npos);
  EXPECT_EQ(exec(app, "cat /proc/sys/net/core/somaxconn"), "1024\n");
  // The container's own process, not an exec'd shell (exec gets the engine's limits).
  const std::string limits = exec(app, "grep 'open files' /proc/1/limits");
  EXPECT_NE(limits.find(" 1024 "), std::string::npos) << limits;
  EXPECT_NE(limits.find(" 2048 "), std::string::npos) << limits;
  EXPECT_NE(exec(app, "touch /etc/x 2>&1; echo $?"), "0\n");  // read-only root
  EXPECT_EQ(exec(app, "touch /scratch/x /run/x /tmp/x && echo ok"), "ok\n");
  EXPECT_NE(exec(app, "cat /etc/resolv.conf").find("example.test"), std::string::npos);
}

TEST(ContainerOptions, DeployLimitsAndRestartPolicyReachTheEngine) {
  TestProject project("deploy", k_project_file);
  auto up = project.berth("up -d limited");
  ASSERT_EQ(up.exit_code, 0) << up.err;
  const json details = inspect(project.name() + "-limited-1");
  const json& host = details["HostConfig"];
  EXPECT_EQ(host["Memory"], 32 * k_mib);
  EXPECT_EQ(host["NanoCpus"], 250'000'000);
  EXPECT_EQ(host["RestartPolicy"], json::parse(R"({"Name":"on-failure","MaximumRetryCount":3})"));
  EXPECT_EQ(details["Config"]["Healthcheck"]["Test"], json({"NONE"}));
  EXPECT_FALSE(details["State"].contains("Health"));
}

TEST(ContainerOptions, ABadSettingIsRefusedBeforeAnythingIsCreated) {
  TestProject project("badopt", R"(services:
  app:
    image: berth-test/busybox:latest
    mem_limit: lots
    healthcheck:
      test: ["RUN", "true"]
)");
  auto up = project.berth("up -d");
  EXPECT_EQ(up.exit_code, 1);
  EXPECT_NE(up.err.find("compose.yaml:4:16: services.app.mem_limit: invalid size \"lots\""),
            std::string::npos)
      << up.err;
  EXPECT_NE(up.err.find("services.app.healthcheck.test[0]"), std::string::npos) << up.err;
  EXPECT_TRUE(project.containers().empty());
}

}  // namespace
}  // namespace berth::testing
