#pragma once
// The service keys that tune the container on the engine beyond
// compose/container_options.h: runtime and security options, cgroup and CPU
// scheduling, memory and PID limits, block IO, extra groups and namespaces,
// and device requests (GPUs). Values are normalised: sizes in bytes; an unset
// value (nullopt, "", empty) leaves the engine's default.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace berth::compose {

// One `blkio_config.device_*_bps` / `device_*_iops` entry.
struct BlkioLimit {
  std::string path;  // the host's device, e.g. "/dev/sda"
  int64_t rate = 0;  // bytes (bps) or operations (iops) per second
};

// One `blkio_config.weight_device` entry.
struct BlkioWeightDevice {
  std::string path;
  int weight = 0;  // 10..1000
};

struct BlkioConfig {
  std::optional<int> weight;  // 10..1000
  std::vector<BlkioWeightDevice> weight_device;
  std::vector<BlkioLimit> device_read_bps;
  std::vector<BlkioLimit> device_write_bps;
  std::vector<BlkioLimit> device_read_iops;
  std::vector<BlkioLimit> device_write_iops;
};

// One `gpus:` entry or `deploy.resources.reservations.devices` entry: devices
// the engine asks a device driver for (the engine's DeviceRequest).
struct DeviceRequest {
  std::vector<std::string> capabilities;  // e.g. "gpu", "compute"
  std::string driver;                     // e.g. "nvidia"; "": the engine picks by capability
  std::optional<int64_t> count;           // -1: all (written "all"); nullopt: not written
  std::vector<std::string> device_ids;
  std::map<std::string, std::string> options;
};

struct EngineSettings {
  std::string runtime;                    // e.g. "runc"
  std::vector<std::string> security_opt;  // "label=disable", "seccomp=FILE", ...
  std::string cgroup;                     // "", "host" or "private"
  std::string cgroup_parent;
  std::optional<int64_t> cpu_count;
  std::optional<int64_t> cpu_percent;  // 0..100
  std::optional<int64_t> cpu_shares;
  std::optional<int64_t> cpu_period;      // microseconds
  std::optional<int64_t> cpu_quota;       // microseconds
  std::optional<int64_t> cpu_rt_period;   // microseconds
  std::optional<int64_t> cpu_rt_runtime;  // microseconds
  std::string cpuset;                     // "0-3", "0,1"
  std::optional<int64_t> mem_reservation;  // bytes
  std::optional<int64_t> memswap_limit;    // bytes; -1: unlimited swap
  std::optional<int64_t> mem_swappiness;   // 0..100
  std::optional<bool> oom_kill_disable;
  std::optional<int64_t> oom_score_adj;  // -1000..1000
  std::optional<int64_t> pids_limit;     // -1: unlimited
  std::optional<BlkioConfig> blkio_config;
  std::vector<std::string> device_cgroup_rules;  // "c 1:3 mr"
  std::vector<std::string> dns_opt;
  std::string domainname;
  std::vector<std::string> group_add;  // names or numbers, as text
  std::string mac_address;
  std::string userns_mode;  // "" or "host"
  std::string uts;          // "" or "host"
  std::map<std::string, std::string> storage_opt;
  std::string isolation;             // passed through; on Linux only "default" means anything
  std::vector<DeviceRequest> gpus;  // `gpus: all` is one request of count -1
};

}  // namespace berth::compose
