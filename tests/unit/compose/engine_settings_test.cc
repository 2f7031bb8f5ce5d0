// The engine setting keys (runtime, cgroups, CPU and memory tuning, blkio,
// gpus, pull_policy, ...) from YAML to the model, their mistakes, and their
// `config` output.

#include <gtest/gtest.h>

#include "compose/config_output.h"
#include "compose/loader.h"
#include "tests/unit/compose/load_helpers.h"

namespace berth::compose {
namespace {

using testing::load;
using testing::load_error;
using Strings = std::vector<std::string>;
using StringMap = std::map<std::string, std::string>;

constexpr int64_t k_mib = 1024 * 1024;

std::string one_service(const std::string& body) {
  return "name: p\nservices:\n  web:\n    image: busybox\n" + body;
}

const char* const k_every_key = R"(    runtime: runc
    security_opt: ["no-new-privileges:true", label=disable]
    cgroup: private
    cgroup_parent: mygroup
    cpu_count: 2
    cpu_percent: "50"
    cpu_shares: "512"
    cpu_period: 100000
    cpu_quota: 50000
    cpu_rt_period: 1000000
    cpu_rt_runtime: 950000
    cpuset: 0-1
    mem_reservation: 32m
    memswap_limit: -1
    mem_swappiness: 30
    oom_kill_disable: true
    oom_score_adj: -500
    pids_limit: 100
    blkio_config:
      weight: 300
      weight_device: [{path: /dev/sda, weight: 400}]
      device_read_bps: [{path: /dev/sda, rate: 12mb}]
      device_write_bps: [{path: /dev/sda, rate: 1024}]
      device_read_iops: [{path: /dev/sda, rate: 100}]
      device_write_iops: [{path: /dev/sda, rate: "200"}]
    device_cgroup_rules: ["c 1:3 mr"]
    dns_opt: [use-vc]
    domainname: example.com
    group_add: [mail, 42]
    mac_address: 02:42:ac:11:65:43
    userns_mode: host
    uts: host
    storage_opt: {size: 1G}
    isolation: default
    gpus: all
    pull_policy: always
    deploy:
      resources:
        reservations:
          devices:
            - capabilities: [gpu, utility]
              driver: nvidia
              count: all
              options: {a: b}
            - capabilities: [gpu]
              device_ids: ["0", "1"]
)";

TEST(EngineSettings, EveryKeyIntoTheModel) {
  Project project = load(one_service(k_every_key));
  const Service& web = project.services.front();
  const EngineSettings& e = web.engine;
  EXPECT_EQ(e.runtime, "runc");
  EXPECT_EQ(e.security_opt, (Strings{"no-new-privileges:true", "label=disable"}));
  EXPECT_EQ(e.cgroup, "private");
  EXPECT_EQ(e.cgroup_parent, "mygroup");
  EXPECT_EQ(e.cpu_count, 2);
  EXPECT_EQ(e.cpu_percent, 50);
  EXPECT_EQ(e.cpu_shares, 512);
  EXPECT_EQ(e.cpu_period, 100000);
  EXPECT_EQ(e.cpu_quota, 50000);
  EXPECT_EQ(e.cpu_rt_period, 1000000);
  EXPECT_EQ(e.cpu_rt_runtime, 950000);
  EXPECT_EQ(e.cpuset, "0-1");
  EXPECT_EQ(e.mem_reservation, 32 * k_mib);
  EXPECT_EQ(e.memswap_limit, -1);
  EXPECT_EQ(e.mem_swappiness, 30);
  EXPECT_EQ(e.oom_kill_disable, true);
  EXPECT_EQ(e.oom_score_adj, -500);
  EXPECT_EQ(e.pids_limit, 100);
  ASSERT_TRUE(e.blkio_config);
  EXPECT_EQ(e.blkio_config->weight, 300);
  ASSERT_EQ(e.blkio_config->weight_device.size(), 1u);
  EXPECT_EQ(e.blkio_config->weight_device[0].weight, 400);
  ASSERT_EQ(e.blkio_config->device_read_bps.size(), 1u);
  EXPECT_EQ(e.blkio_config->device_read_bps[0].path, "/dev/sda");
  EXPECT_EQ(e.blkio_config->device_read_bps[0].rate, 12 * k_mib);
  EXPECT_EQ(e.blkio_config->device_write_bps[0].rate, 1024);
  EXPECT_EQ(e.blkio_config->device_read_iops[0].rate, 100);
  EXPECT_EQ(e.blkio_config->device_write_iops[0].rate, 200);
  EXPECT_EQ(e.device_cgroup_rules, Strings{"c 1:3 mr"});
  EXPECT_EQ(e.dns_opt, Strings{"use-vc"});
  EXPECT_EQ(e.domainname, "example.com");
  EXPECT_EQ(e.group_add, (Strings{"mail", "42"}));
  EXPECT_EQ(e.mac_address, "02:42:ac:11:65:43");
  EXPECT_EQ(e.userns_mode, "host");
  EXPECT_EQ(e.uts, "host");
  EXPECT_EQ(e.storage_opt, (StringMap{{"size", "1G"}}));
  EXPECT_EQ(e.isolation, "default");
  ASSERT_EQ(e.gpus.size(), 1u);
  EXPECT_EQ(e.gpus[0].count, -1);
  EXPECT_EQ(web.pull_policy, "always");
  ASSERT_EQ(web.deploy.reserve_devices.size(), 2u);
  const DeviceRequest& all = web.deploy.reserve_devices[0];
  EXPECT_EQ(all.capabilities, (Strings{"gpu", "utility"}));
  EXPECT_EQ(all.driver, "nvidia");
  EXPECT_EQ(all.count, -1);
  EXPECT_EQ(all.options, (StringMap{{"a", "b"}}));
  EXPECT_EQ(web.deploy.reserve_devices[1].device_ids, (Strings{"0", "1"}));
  EXPECT_FALSE(web.deploy.reserve_devices[1].count);
}

TEST(EngineSettings, GpusAsAListAndDeployPids) {
  Project project = load(one_service(R"(    gpus:
      - driver: nvidia
        count: 2
        capabilities: [compute]
    deploy:
      resources:
        limits: {pids: "64"}
)"));
  const Service& web = project.services.front();
  ASSERT_EQ(web.engine.gpus.size(), 1u);
  EXPECT_EQ(web.engine.gpus[0].driver, "nvidia");
  EXPECT_EQ(web.engine.gpus[0].count, 2);
  EXPECT_EQ(web.engine.gpus[0].capabilities, Strings{"compute"});
  EXPECT_EQ(web.deploy.limit_pids, 64);
}

TEST(EngineSettings, InterpolatedNumbersCount) {
  LoadOptions options;
  options.environment = {{"SHARES", "256"}, {"SWAP", "1g"}};
  Project project =
      load(one_service("    cpu_shares: ${SHARES}\n    memswap_limit: \"${SWAP}\"\n"), options);
  EXPECT_EQ(project.services.front().engine.cpu_shares, 256);
  EXPECT_EQ(project.services.front().engine.memswap_limit, 1024 * k_mib);
}

TEST(EngineSettings, BadValuesAreReportedWithPositions) {
  std::string error = load_error(one_service(R"(    cgroup: shared
    cpu_shares: lots
    cpu_percent: 150
    mem_swappiness: 101
    oom_score_adj: -2000
    memswap_limit: 1q
    oom_kill_disable: maybe
    security_opt: [nonsense]
    mac_address: 02:42
    uts: container
    blkio_config:
      weight: 5
      device_read_bps: [{path: sda, rate: 1}]
      device_write_iops: [{path: /dev/sda}]
      bogus: 1
    gpus: some
    pull_policy: daily
)"));
  for (const char* expected : {
           "compose.yaml:5:13: services.web.cgroup: invalid cgroup \"shared\" (expected \"host\" or "
           "\"private\")",
           "compose.yaml:6:17: services.web.cpu_shares: expected an integer, got \"lots\"",
           "services.web.cpu_percent: must be between 0 and 100, got 150",
           "services.web.mem_swappiness: must be between 0 and 100, got 101",
           "services.web.oom_score_adj: must be between -1000 and 1000, got -2000",
           "services.web.memswap_limit: invalid size \"1q\"",
           "services.web.oom_kill_disable: expected true or false",
           "services.web.security_opt[0]: invalid security option \"nonsense\"",
           "services.web.mac_address: invalid MAC address \"02:42\"",
           "services.web.uts: invalid uts mode \"container\" (expected \"host\")",
           "services.web.blkio_config.weight: must be between 10 and 1000, got 5",
           "services.web.blkio_config.device_read_bps[0].path: expected an absolute device path",
           "services.web.blkio_config.device_write_iops[0]: a block IO limit needs \"rate\"",
           "services.web.blkio_config: unknown key \"bogus\"",
           "services.web.gpus: expected \"all\" or a sequence of devices, got \"some\"",
           "services.web.pull_policy: invalid pull policy \"daily\"",
       }) {
    EXPECT_NE(error.find(expected), std::string::npos) << expected << "\n" << error;
  }
}

TEST(EngineSettings, DeviceRequestMistakes) {
  std::string error = load_error(one_service(R"(    gpus:
      - count: 1
        device_ids: ["0"]
      - count: many
        colour: green
)"));
  EXPECT_NE(error.find("services.web.gpus[0]: \"count\" and \"device_ids\" may not both be set"),
            std::string::npos)
      << error;
  EXPECT_NE(error.find("services.web.gpus[1].count: expected an integer, got \"many\""),
            std::string::npos)
      << error;
  EXPECT_NE(error.find("services.web.gpus[1]: unknown key \"colour\""), std::string::npos)
      << error;
}

TEST(EngineSettings, DeployAndServiceValuesMayNotDiffer) {
  EXPECT_EQ(load_error(one_service(R"(    pids_limit: 10
    deploy:
      resources:
        limits: {pids: 20}
)")),
            "compose.yaml:5:17: services.web.pids_limit: \"pids_limit\" and "
            "\"deploy.resources.limits.pids\" are set to different values; only one of them may "
            "be");
  EXPECT_EQ(load(one_service("    mem_reservation: 1m\n    deploy:\n      resources:\n"
                             "        reservations: {memory: 1m}\n"))
                .services.front()
                .engine.mem_reservation,
            k_mib);
}

TEST(EngineSettings, ConfigOutputReadsBackToTheSameProject) {
  Project first = load(one_service(k_every_key));
  std::string yaml = project_to_yaml(first);
  EXPECT_EQ(project_to_json(load(yaml)), project_to_json(first)) << yaml;
  std::string json = project_to_json(first);
  for (const char* expected :
       {"\"cpu_shares\": 512", "\"memswap_limit\": -1", "\"mem_reservation\": 33554432",
        "\"pull_policy\": \"always\"", "\"pids_limit\": 100", "\"count\": -1",
        "\"rate\": 12582912", "\"42\""}) {
    EXPECT_NE(json.find(expected), std::string::npos) << expected << "\n" << json;
  }
}

}  // namespace
}  // namespace berth::compose
