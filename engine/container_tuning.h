#pragma once
// The part of a container's create body that tunes it beyond the common
// settings of engine/types.h: runtime and security options, cgroups, CPU and
// memory scheduling, block IO, extra groups, namespaces and device requests.
// Every field's zero value (0, "", empty, nullopt) leaves the engine's default.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace berth::engine {

// HostConfig.BlkioDevice* entries: a rate or (weight) a weight for a device.
struct BlkioDeviceRate {
  std::string path;
  int64_t rate = 0;
};

// HostConfig.DeviceRequests[]: devices the engine gets from a device driver.
struct DeviceRequest {
  std::string driver;
  int64_t count = 0;  // -1: all
  std::vector<std::string> device_ids;
  std::vector<std::vector<std::string>> capabilities;  // any one inner list must match
  std::map<std::string, std::string> options;
};

struct ContainerTuning {
  // Top level of the body.
  std::string domainname;
  std::string mac_address;
  // HostConfig.
  std::string runtime;
  std::vector<std::string> security_opt;
  bool unconfined_paths = false;  // empty MaskedPaths and ReadonlyPaths ("systempaths=unconfined")
  std::string cgroupns_mode;      // "host" or "private"
  std::string cgroup_parent;
  int64_t cpu_count = 0;
  int64_t cpu_percent = 0;
  int64_t cpu_shares = 0;
  int64_t cpu_period = 0;
  int64_t cpu_quota = 0;
  int64_t cpu_realtime_period = 0;
  int64_t cpu_realtime_runtime = 0;
  std::string cpuset_cpus;
  int64_t memory_reservation = 0;
  int64_t memory_swap = 0;  // -1: unlimited
  std::optional<int64_t> memory_swappiness;
  std::optional<bool> oom_kill_disable;
  int64_t oom_score_adj = 0;
  std::optional<int64_t> pids_limit;
  int blkio_weight = 0;
  std::vector<BlkioDeviceRate> blkio_weight_device;  // rate: the weight
  std::vector<BlkioDeviceRate> blkio_device_read_bps;
  std::vector<BlkioDeviceRate> blkio_device_write_bps;
  std::vector<BlkioDeviceRate> blkio_device_read_iops;
  std::vector<BlkioDeviceRate> blkio_device_write_iops;
  std::vector<std::string> device_cgroup_rules;
  std::vector<std::string> dns_options;
  std::vector<std::string> group_add;
  std::string userns_mode;
  std::string uts_mode;
  std::map<std::string, std::string> storage_opt;
  std::string isolation;
  std::vector<DeviceRequest> device_requests;
};

}  // namespace berth::engine
