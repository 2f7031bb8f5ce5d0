// The engine setting keys (runtime, security_opt, cgroups, CPU and memory
// tuning, blkio, groups, namespaces, gpus) reach the engine, and pull_policy
// decides what `up` and `pull` fetch from a registry.

#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "docker_cli.h"
#include "harness.h"
#include "local_registry.h"

namespace berth::testing {
namespace {

using nlohmann::json;

constexpr int64_t k_mib = 1024 * 1024;
constexpr const char* k_sleep =
    R"(["sh", "-c", "trap 'exit 0' TERM; sleep 2147483647 & wait"])";

json inspect(const std::string& container) { return docker_inspect(container); }

std::string exec(const std::string& container, const std::string& command) {
  return docker_exec_sh(container, command);
}

// A block device of this machine for blkio limits ("/dev/vda", "/dev/sda", ...), or "".
std::string block_device() {
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator("/sys/block", error)) {
    std::string name = entry.path().filename().string();
    bool virtual_device = name.starts_with("loop") || name.starts_with("ram") ||
                          name.starts_with("dm-") || name.starts_with("zram");
    if (!virtual_device && std::filesystem::exists("/dev/" + name)) {
      return "/dev/" + name;
    }
  }
  return "";
}

std::string tuned_project(const std::string& device) {
  std::string blkio;
  if (!device.empty()) {
    blkio = "    blkio_config:\n"
            "      device_read_bps: [{path: " + device + ", rate: 12mb}]\n"
            "      device_write_bps: [{path: " + device + ", rate: 1048576}]\n"
            "      device_read_iops: [{path: " + device + ", rate: 100}]\n"
            "      device_write_iops: [{path: " + device + ", rate: \"200\"}]\n";
  }
  return std::string("services:\n  tuned:\n    image: berth-test/busybox:latest\n    command: ") +
         k_sleep + R"(
    runtime: runc
    security_opt: ["no-new-privileges:true", "label=disable"]
    cgroup: private
    cpu_shares: "512"
    cpu_period: 100000
    cpu_quota: 50000
    cpuset: "0"
    mem_limit: 64m
    mem_reservation: 32m
    memswap_limit: 128m
    mem_swappiness: 30
    oom_kill_disable: true
    oom_score_adj: 100
    pids_limit: 50
    device_cgroup_rules: ["c 1:3 mr"]
    dns_opt: [use-vc]
    domainname: example.com
    group_add: [42]
    mac_address: 02:42:ac:11:65:43
    isolation: default
    pull_policy: never
)" + blkio +
         "  shared:\n    image: berth-test/busybox:latest\n    command: " + k_sleep + R"(
    cgroup: host
    uts: host
    userns_mode: host
    deploy:
      resources:
        limits: {pids: 40}
)";
}

TEST(EngineSettings, TheEngineGetsEverySetting) {
  const std::string device = block_device();
  TestProject project("enginekeys", tuned_project(device));
  auto up = project.berth("up -d");
  ASSERT_EQ(up.exit_code, 0) << up.err;
  const std::string tuned = project.name() + "-tuned-1";
  const json details = inspect(tuned);
  const json& host = details["HostConfig"];
  EXPECT_EQ(host["Runtime"], "runc");
  EXPECT_EQ(host["SecurityOpt"], json({"no-new-privileges:true", "label=disable"}));
  EXPECT_EQ(host["CgroupnsMode"], "private");
  EXPECT_EQ(host["CpuShares"], 512);
  EXPECT_EQ(host["CpuPeriod"], 100000);
  EXPECT_EQ(host["CpuQuota"], 50000);
  EXPECT_EQ(host["CpusetCpus"], "0");
  EXPECT_EQ(host["MemoryReservation"], 32 * k_mib);
  EXPECT_EQ(host["MemorySwap"], 128 * k_mib);
  EXPECT_EQ(host["MemorySwappiness"], 30);
  EXPECT_EQ(host["OomKillDisable"], true);
  EXPECT_EQ(host["OomScoreAdj"], 100);
  EXPECT_EQ(host["PidsLimit"], 50);
  EXPECT_EQ(host["DeviceCgroupRules"], json({"c 1:3 mr"}));
  EXPECT_EQ(host["DnsOptions"], json({"use-vc"}));
  EXPECT_EQ(host["GroupAdd"], json({"42"}));
  EXPECT_EQ(host["Isolation"], "default");
  if (!device.empty()) {
    EXPECT_EQ(host["BlkioDeviceReadBps"],
              json::parse(R"([{"Path":")" + device + R"(","Rate":12582912}])"));
    EXPECT_EQ(host["BlkioDeviceWriteBps"],
              json::parse(R"([{"Path":")" + device + R"(","Rate":1048576}])"));
    EXPECT_EQ(host["BlkioDeviceReadIOps"],
              json::parse(R"([{"Path":")" + device + R"(","Rate":100}])"));
    EXPECT_EQ(host["BlkioDeviceWriteIOps"],
              json::parse(R"([{"Path":")" + device + R"(","Rate":200}])"));
  }
  EXPECT_EQ(details["Config"]["Domainname"], "example.com");
  EXPECT_EQ(details["Config"]["MacAddress"], "02:42:ac:11:65:43");
  // And the container lives with them.
  EXPECT_NE(exec(tuned, "id").find("42"), std::string::npos);
  EXPECT_EQ(exec(tuned, "cat /proc/sys/kernel/domainname"), "example.com\n");
  EXPECT_EQ(exec(tuned, "cat /sys/class/net/eth0/address"), "02:42:ac:11:65:43\n");
  EXPECT_NE(exec(tuned, "cat /etc/resolv.conf").find("options use-vc"), std::string::npos);

  const json shared = inspect(project.name() + "-shared-1")["HostConfig"];
  EXPECT_EQ(shared["CgroupnsMode"], "host");
  EXPECT_EQ(shared["UTSMode"], "host");
  EXPECT_EQ(shared["UsernsMode"], "host");
  EXPECT_EQ(shared["PidsLimit"], 40);
}

TEST(EngineSettings, AChangedSettingRecreatesTheContainer) {
  const char* const k_file = R"(services:
  app:
    image: berth-test/busybox:latest
    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 2147483647 & wait"]
    cpu_shares: %s
)";
  char text[512];
  std::snprintf(text, sizeof text, k_file, "512");
  TestProject project("enginehash", text);
  ASSERT_EQ(project.berth("up -d").exit_code, 0);
  const std::string first = inspect(project.name() + "-app-1").value("Id", "");
  ASSERT_EQ(project.berth("up -d").exit_code, 0);
  EXPECT_EQ(inspect(project.name() + "-app-1").value("Id", ""), first);  // unchanged: kept
  std::snprintf(text, sizeof text, k_file, "256");
  project.write_file("compose.yaml", text);
  ASSERT_EQ(project.berth("up -d").exit_code, 0);
  const json second = inspect(project.name() + "-app-1");
  EXPECT_NE(second.value("Id", ""), first);
  EXPECT_EQ(second["HostConfig"]["CpuShares"], 256);
}

// No GPU here: the engine takes the device requests at create (and would
// refuse to start without the driver), so the containers are only created.
TEST(EngineSettings, GpusAndDeviceReservationsBecomeDeviceRequests) {
  TestProject project("enginegpus", std::string(R"(services:
  gpu:
    image: berth-test/busybox:latest
    command: ["true"]
    gpus:
      - driver: nvidia
        count: 2
        capabilities: [compute]
        options: {mode: fast}
    cpu_count: 2
    cpu_rt_period: 1000000
    cpu_rt_runtime: 950000
    cgroup_parent: berth-test-parent
  reserved:
    image: berth-test/busybox:latest
    command: ["true"]
    gpus: all
    deploy:
      resources:
        reservations:
          devices:
            - capabilities: [gpu, utility]
              driver: nvidia
              device_ids: ["0", "1"]
)"));
  auto up = project.berth("up --no-start");
  ASSERT_EQ(up.exit_code, 0) << up.err;
  const json gpu = inspect(project.name() + "-gpu-1")["HostConfig"];
  EXPECT_EQ(gpu["DeviceRequests"], json::parse(R"([{"Driver":"nvidia","Count":2,"DeviceIDs":null,
      "Capabilities":[["compute","gpu"]],"Options":{"mode":"fast"}}])"));
  EXPECT_EQ(gpu["CpuCount"], 2);
  EXPECT_EQ(gpu["CpuRealtimePeriod"], 1000000);
  EXPECT_EQ(gpu["CpuRealtimeRuntime"], 950000);
  EXPECT_EQ(gpu["CgroupParent"], "berth-test-parent");
  const json reserved = inspect(project.name() + "-reserved-1")["HostConfig"];
  EXPECT_EQ(reserved["DeviceRequests"], json::parse(R"([
      {"Driver":"","Count":-1,"DeviceIDs":null,"Capabilities":[["gpu"]],"Options":null},
      {"Driver":"nvidia","Count":0,"DeviceIDs":["0","1"],"Capabilities":[["gpu","utility"]],
       "Options":null}])"));
}

TEST(EngineSettings, ABadSettingIsRefusedBeforeAnythingIsCreated) {
  TestProject project("enginebad", R"(services:
  app:
    image: berth-test/busybox:latest
    cgroup: shared
    cpu_percent: 150
)");
  auto up = project.berth("up -d");
  EXPECT_EQ(up.exit_code, 1);
  EXPECT_NE(up.err.find("compose.yaml:4:13: services.app.cgroup: invalid cgroup \"shared\" "
                        "(expected \"host\" or \"private\")"),
            std::string::npos)
      << up.err;
  EXPECT_NE(up.err.find("compose.yaml:5:18: services.app.cpu_percent: must be between 0 and 100"),
            std::string::npos)
      << up.err;
  EXPECT_TRUE(project.containers().empty());
}

}  // namespace
}  // namespace berth::testing
