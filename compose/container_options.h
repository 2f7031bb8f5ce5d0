#pragma once
// The container settings of a service that pass through to the engine
// (dns, capabilities, limits, healthcheck, logging, ...), and its `deploy:`
// section. Part of the typed model (compose/model.h); values are already
// normalised: sizes in bytes, durations in nanoseconds or seconds.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "compose/engine_settings.h"

namespace berth::compose {

struct Healthcheck {
  // Empty: the image's test. Otherwise "NONE" alone, or "CMD"/"CMD-SHELL"
  // first; a string `test:` becomes {"CMD-SHELL", text}, `disable: true` {"NONE"}.
  std::vector<std::string> test;
  std::optional<int64_t> interval_ns;  // nullopt: the engine's default
  std::optional<int64_t> timeout_ns;
  std::optional<int64_t> start_period_ns;
  std::optional<int> retries;
  // Checks this often during start_period (engine API 1.44+; older engines ignore it).
  std::optional<int64_t> start_interval_ns;
};

struct Ulimit {
  std::string name;  // "nofile", "nproc", ...
  int64_t soft = 0;
  int64_t hard = 0;  // == soft when written as one number
};

// One `devices:` entry "/dev/host[:/dev/container[:permissions]]".
struct Device {
  std::string host_path;
  std::string container_path;       // defaults to host_path
  std::string permissions = "rwm";  // a non-empty combination of r, w, m
};

struct Logging {
  std::string driver;  // empty: the engine's default
  std::map<std::string, std::string> options;
};

// One `external_links:` entry "container[:alias]": a container outside the project.
struct ExternalLink {
  std::string container;
  std::string alias;  // defaults to the container's name
};

struct ContainerOptions {
  std::vector<std::string> extra_hosts;  // "host:ip", in the order written
  std::vector<std::string> dns;
  std::vector<std::string> dns_search;
  std::vector<std::string> cap_add;
  std::vector<std::string> cap_drop;
  bool privileged = false;
  bool read_only = false;
  std::optional<bool> init;  // nullopt: the engine's default
  bool tty = false;
  bool stdin_open = false;
  std::map<std::string, std::string> tmpfs;  // container path -> mount options ("" for none)
  std::vector<Ulimit> ulimits;               // in the order written
  std::map<std::string, std::string> sysctls;
  std::optional<int64_t> shm_size;   // bytes
  std::optional<int64_t> mem_limit;  // bytes
  std::optional<double> cpus;
  std::string stop_signal;
  // Whole seconds, a fraction rounded up, so a stop never waits less than written.
  std::optional<int> stop_grace_period;
  std::optional<Healthcheck> healthcheck;
  std::optional<Logging> logging;
  std::string pid;  // "", "host" or "container:NAME"
  std::string ipc;  // "", "host", "private", "shareable", "none" or "container:NAME"
  std::vector<Device> devices;
  std::string platform;  // "os[/arch[/variant]]", e.g. "linux/amd64"
  std::vector<ExternalLink> external_links;
};

// `deploy.restart_policy`, the swarm spelling of `restart:`.
struct DeployRestartPolicy {
  std::string condition = "any";  // "none", "any" or "on-failure"
  std::optional<int> max_attempts;
  // Swarm only (`berth deploy`): the pause between restarts, and the window
  // in which a restart counts as successful.
  std::optional<int64_t> delay_ns{};
  std::optional<int64_t> window_ns{};
};

// `deploy.update_config` / `deploy.rollback_config`: how swarm rolls a
// change out; nullopt and "": swarm's default.
struct DeployUpdatePolicy {
  std::optional<int> parallelism;
  std::optional<int64_t> delay_ns;
  std::string failure_action;  // "continue", "pause" or "rollback" (update only)
  std::optional<int64_t> monitor_ns;
  std::optional<double> max_failure_ratio;
  std::string order;  // "stop-first" or "start-first"
};

// `deploy:`. On one engine (`up`) only mode, replicas, limits, the restart
// policy and a start-first update_config (scheduler/converge/start_first.h)
// count; the rest is accepted and ignored there, as compose does, and is what
// `berth deploy` gives a swarm.
struct Deploy {
  std::string mode;  // "", "replicated" or "global"
  std::optional<int> replicas;
  std::optional<double> limit_cpus;       // resources.limits.cpus
  std::optional<int64_t> limit_memory;    // resources.limits.memory, bytes
  std::optional<DeployRestartPolicy> restart_policy;
  // Swarm only.
  std::optional<double> reserve_cpus{};     // resources.reservations.cpus
  std::optional<int64_t> reserve_memory{};  // resources.reservations.memory, bytes
  std::map<std::string, std::string> labels{};  // the service's labels, not its containers'
  std::vector<std::string> placement_constraints{};  // "node.role==manager", ...
  std::vector<std::string> placement_spreads{};      // preferences: `spread: node.labels.zone`
  std::optional<int> max_replicas_per_node{};
  std::optional<DeployUpdatePolicy> update_config{};
  std::optional<DeployUpdatePolicy> rollback_config{};
  std::string endpoint_mode{};  // "", "vip" or "dnsrr"
  // Also on one engine (compose/engine_settings_parser.cc reads them).
  std::optional<int64_t> limit_pids{};               // resources.limits.pids
  std::vector<DeviceRequest> reserve_devices{};      // resources.reservations.devices
};

}  // namespace berth::compose
