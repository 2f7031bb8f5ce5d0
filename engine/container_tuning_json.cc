#include "engine/container_tuning_json.h"

#include "engine/json_writers.h"

namespace berth::engine {
namespace {

using nlohmann::json;
using namespace json_writers;

void add_rates(json& host, const char* key, const char* value_key,
               const std::vector<BlkioDeviceRate>& rates) {
  for (const BlkioDeviceRate& rate : rates) {
    host[key].push_back({{"Path", rate.path}, {value_key, rate.rate}});
  }
}

void add_blkio(const ContainerTuning& t, json& host) {
  add_number(host, "BlkioWeight", t.blkio_weight);
  add_rates(host, "BlkioWeightDevice", "Weight", t.blkio_weight_device);
  add_rates(host, "BlkioDeviceReadBps", "Rate", t.blkio_device_read_bps);
  add_rates(host, "BlkioDeviceWriteBps", "Rate", t.blkio_device_write_bps);
  add_rates(host, "BlkioDeviceReadIOps", "Rate", t.blkio_device_read_iops);
  add_rates(host, "BlkioDeviceWriteIOps", "Rate", t.blkio_device_write_iops);
}

void add_device_requests(const ContainerTuning& t, json& host) {
  for (const DeviceRequest& request : t.device_requests) {
    json one = {{"Driver", request.driver},
                {"Count", request.count},
                {"Capabilities", request.capabilities}};
    add_list(one, "DeviceIDs", request.device_ids);
    add_map(one, "Options", request.options);
    host["DeviceRequests"].push_back(std::move(one));
  }
}

void add_cpu_and_memory(const ContainerTuning& t, json& host) {
  add_number(host, "CpuCount", t.cpu_count);
  add_number(host, "CpuPercent", t.cpu_percent);
  add_number(host, "CpuShares", t.cpu_shares);
  add_number(host, "CpuPeriod", t.cpu_period);
  add_number(host, "CpuQuota", t.cpu_quota);
  add_number(host, "CpuRealtimePeriod", t.cpu_realtime_period);
  add_number(host, "CpuRealtimeRuntime", t.cpu_realtime_runtime);
  add_string(host, "CpusetCpus", t.cpuset_cpus);
  add_number(host, "MemoryReservation", t.memory_reservation);
  add_number(host, "MemorySwap", t.memory_swap);
  add_optional(host, "MemorySwappiness", t.memory_swappiness);
  add_optional(host, "OomKillDisable", t.oom_kill_disable);
  add_number(host, "OomScoreAdj", t.oom_score_adj);
  add_optional(host, "PidsLimit", t.pids_limit);
}

}  // namespace

void add_container_tuning(const ContainerTuning& t, json& config, json& host) {
  add_string(config, "Domainname", t.domainname);
  add_string(config, "MacAddress", t.mac_address);
  add_string(host, "Runtime", t.runtime);
  add_list(host, "SecurityOpt", t.security_opt);
  if (t.unconfined_paths) {
    host["MaskedPaths"] = json::array();
    host["ReadonlyPaths"] = json::array();
  }
  add_string(host, "CgroupnsMode", t.cgroupns_mode);
  add_string(host, "CgroupParent", t.cgroup_parent);
  add_cpu_and_memory(t, host);
  add_blkio(t, host);
  add_list(host, "DeviceCgroupRules", t.device_cgroup_rules);
  add_list(host, "DnsOptions", t.dns_options);
  add_list(host, "GroupAdd", t.group_add);
  add_string(host, "UsernsMode", t.userns_mode);
  add_string(host, "UTSMode", t.uts_mode);
  add_map(host, "StorageOpt", t.storage_opt);
  add_string(host, "Isolation", t.isolation);
  add_device_requests(t, host);
}

}  // namespace berth::engine
