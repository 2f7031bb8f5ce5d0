// The tuning settings (runtime, cgroups, CPU, memory, blkio, GPUs, ...) in the
// /containers/create body.

#include <gtest/gtest.h>

#include "engine/json_mapping.h"

namespace berth::engine {
namespace {

using nlohmann::json;

ContainerCreate tuned_spec() {
  ContainerCreate spec;
  spec.image = "busybox";
  ContainerTuning& t = spec.tuning;
  t.domainname = "example.com";
  t.mac_address = "02:42:ac:11:65:43";
  t.runtime = "runc";
  t.security_opt = {"label=disable"};
  t.unconfined_paths = true;
  t.cgroupns_mode = "private";
  t.cgroup_parent = "parent";
  t.cpu_count = 2;
  t.cpu_percent = 50;
  t.cpu_shares = 512;
  t.cpu_period = 100000;
  t.cpu_quota = 50000;
  t.cpu_realtime_period = 1000000;
  t.cpu_realtime_runtime = 950000;
  t.cpuset_cpus = "0-1";
  t.memory_reservation = 32 << 20;
  t.memory_swap = -1;
  t.memory_swappiness = 0;
  t.oom_kill_disable = true;
  t.oom_score_adj = -500;
  t.pids_limit = 50;
  t.blkio_weight = 300;
  t.blkio_weight_device = {{"/dev/sda", 400}};
  t.blkio_device_read_bps = {{"/dev/sda", 12 << 20}};
  t.blkio_device_write_bps = {{"/dev/sda", 1024}};
  t.blkio_device_read_iops = {{"/dev/sda", 100}};
  t.blkio_device_write_iops = {{"/dev/sda", 200}};
  t.device_cgroup_rules = {"c 1:3 mr"};
  t.dns_options = {"use-vc"};
  t.group_add = {"mail", "42"};
  t.userns_mode = "host";
  t.uts_mode = "host";
  t.storage_opt = {{"size", "1G"}};
  t.isolation = "default";
  t.device_requests = {{"nvidia", -1, {}, {{"gpu", "utility"}}, {{"a", "b"}}},
                       {"", 0, {"0", "1"}, {{"gpu"}}, {}}};
  return spec;
}

TEST(ContainerTuningBody, MapsEverySetting) {
  const auto body = container_create_body(tuned_spec());
  ASSERT_TRUE(body.ok()) << body.error().message;
  const json& b = *body;
  EXPECT_EQ(b["Domainname"], "example.com");
  EXPECT_EQ(b["MacAddress"], "02:42:ac:11:65:43");
  const json& host = b["HostConfig"];
  EXPECT_EQ(host["Runtime"], "runc");
  EXPECT_EQ(host["SecurityOpt"], json({"label=disable"}));
  EXPECT_EQ(host["MaskedPaths"], json::array());
  EXPECT_EQ(host["ReadonlyPaths"], json::array());
  EXPECT_EQ(host["CgroupnsMode"], "private");
  EXPECT_EQ(host["CgroupParent"], "parent");
  EXPECT_EQ(host["CpuCount"], 2);
  EXPECT_EQ(host["CpuPercent"], 50);
  EXPECT_EQ(host["CpuShares"], 512);
  EXPECT_EQ(host["CpuPeriod"], 100000);
  EXPECT_EQ(host["CpuQuota"], 50000);
  EXPECT_EQ(host["CpuRealtimePeriod"], 1000000);
  EXPECT_EQ(host["CpuRealtimeRuntime"], 950000);
  EXPECT_EQ(host["CpusetCpus"], "0-1");
  EXPECT_EQ(host["MemoryReservation"], 32 << 20);
  EXPECT_EQ(host["MemorySwap"], -1);
  EXPECT_EQ(host["MemorySwappiness"], 0);  // set, though zero
  EXPECT_EQ(host["OomKillDisable"], true);
  EXPECT_EQ(host["OomScoreAdj"], -500);
  EXPECT_EQ(host["PidsLimit"], 50);
  EXPECT_EQ(host["BlkioWeight"], 300);
  EXPECT_EQ(host["BlkioWeightDevice"], json::parse(R"([{"Path":"/dev/sda","Weight":400}])"));
  EXPECT_EQ(host["BlkioDeviceReadBps"], json::parse(R"([{"Path":"/dev/sda","Rate":12582912}])"));
  EXPECT_EQ(host["BlkioDeviceWriteBps"], json::parse(R"([{"Path":"/dev/sda","Rate":1024}])"));
  EXPECT_EQ(host["BlkioDeviceReadIOps"], json::parse(R"([{"Path":"/dev/sda","Rate":100}])"));
  EXPECT_EQ(host["BlkioDeviceWriteIOps"], json::parse(R"([{"Path":"/dev/sda","Rate":200}])"));
  EXPECT_EQ(host["DeviceCgroupRules"], json({"c 1:3 mr"}));
  EXPECT_EQ(host["DnsOptions"], json({"use-vc"}));
  EXPECT_EQ(host["GroupAdd"], json({"mail", "42"}));
  EXPECT_EQ(host["UsernsMode"], "host");
  EXPECT_EQ(host["UTSMode"], "host");
  EXPECT_EQ(host["StorageOpt"], json::parse(R"({"size":"1G"})"));
  EXPECT_EQ(host["Isolation"], "default");
  EXPECT_EQ(host["DeviceRequests"], json::parse(R"([
      {"Driver":"nvidia","Count":-1,"Capabilities":[["gpu","utility"]],"Options":{"a":"b"}},
      {"Driver":"","Count":0,"DeviceIDs":["0","1"],"Capabilities":[["gpu"]]}])"));
}

TEST(ContainerTuningBody, NothingSetWritesNothing) {
  ContainerCreate spec;
  spec.image = "busybox";
  const auto body = container_create_body(spec);
  ASSERT_TRUE(body.ok());
  for (const char* key : {"Runtime", "SecurityOpt", "MaskedPaths", "CgroupnsMode", "CpuShares",
                          "MemorySwappiness", "OomKillDisable", "PidsLimit", "BlkioWeight",
                          "DeviceRequests", "GroupAdd", "StorageOpt", "Isolation"}) {
    EXPECT_FALSE((*body)["HostConfig"].contains(key)) << key;
  }
  EXPECT_FALSE(body->contains("Domainname"));
  EXPECT_FALSE(body->contains("MacAddress"));
}

}  // namespace
}  // namespace berth::engine
