#pragma once
// Plain values of the engine's swarm API (GET /info's Swarm, /services,
// /tasks), in the engine's own vocabulary. `berth deploy` translates a
// project into ServiceSpecs (scheduler/deploy_spec.h); this module only
// carries them to the engine and back.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/types.h"

namespace berth::engine {

// GET /info's "Swarm" part: whether this engine is in a swarm and may manage it.
struct SwarmInfo {
  std::string local_node_state;    // "inactive", "pending", "active", "error", "locked"
  bool control_available = false;  // true on a manager
  std::string node_id;
  int managers = 0;
  int nodes = 0;
};

// One EndpointSpec.Ports entry.
struct ServicePort {
  std::string protocol = "tcp";  // tcp, udp or sctp
  uint32_t target_port = 0;
  uint32_t published_port = 0;  // 0: swarm picks one (ingress) / none
  std::string publish_mode = "ingress";  // "ingress" or "host"
};

// One TaskTemplate.Networks entry.
struct ServiceNetworkAttachment {
  std::string target;  // network name or ID
  std::vector<std::string> aliases;
};

// One ContainerSpec.Mounts entry.
struct ServiceMount {
  std::string type;    // "volume", "bind" or "tmpfs"
  std::string source;  // volume name (empty: anonymous), host path; empty for tmpfs
  std::string target;
  bool read_only = false;
  // volume only: VolumeOptions
  bool no_copy = false;
  std::map<std::string, std::string> volume_labels;
  std::string volume_driver;  // empty: the node's default ("local")
  std::map<std::string, std::string> volume_driver_options;
  std::string bind_propagation;       // bind only
  std::optional<int64_t> tmpfs_size;  // tmpfs only, bytes
};

// UpdateConfig / RollbackConfig; nullopt fields: swarm's defaults.
struct ServiceUpdatePolicy {
  std::optional<uint64_t> parallelism;
  std::optional<int64_t> delay_ns;
  std::string failure_action;  // "", "pause", "continue", "rollback" (update only)
  std::optional<int64_t> monitor_ns;
  std::optional<double> max_failure_ratio;
  std::string order;  // "", "stop-first", "start-first"
};

// TaskTemplate.RestartPolicy.
struct ServiceRestartPolicy {
  std::string condition = "any";  // "none", "on-failure", "any"
  std::optional<int64_t> delay_ns;
  std::optional<uint64_t> max_attempts;
  std::optional<int64_t> window_ns;
};

// The body of POST /services/create and /services/{id}/update.
struct ServiceSpec {
  std::string name;
  std::map<std::string, std::string> labels;  // the service's own
  // TaskTemplate.ContainerSpec
  std::string image;
  std::optional<std::vector<std::string>> command;  // the entrypoint; nullopt: the image's
  std::optional<std::vector<std::string>> args;     // the command; nullopt: the image's
  std::vector<std::string> env;                     // "KEY=VALUE"
  std::string working_dir;
  std::string user;
  std::string hostname;
  std::map<std::string, std::string> container_labels;
  std::vector<ServiceMount> mounts;
  std::optional<HealthConfig> healthcheck;
  std::optional<int64_t> stop_grace_period_ns;
  std::string stop_signal;
  bool tty = false;
  bool open_stdin = false;
  bool read_only = false;
  std::optional<bool> init;
  std::vector<std::string> hosts;  // "IP host", as /etc/hosts lines
  std::vector<std::string> dns;
  std::vector<std::string> dns_search;
  std::vector<std::string> cap_add;
  std::vector<std::string> cap_drop;
  std::map<std::string, std::string> sysctls;
  // TaskTemplate
  std::optional<ServiceRestartPolicy> restart_policy;
  int64_t limit_nano_cpus = 0;  // 0: none
  int64_t limit_memory = 0;     // bytes, 0: none
  int64_t reserve_nano_cpus = 0;
  int64_t reserve_memory = 0;
  std::vector<std::string> constraints;  // "node.role==manager", ...
  std::vector<std::string> spread_preferences;  // "node.labels.zone", ...
  std::optional<int> max_replicas_per_node;
  std::optional<LogConfig> log_driver;
  std::vector<ServiceNetworkAttachment> networks;
  // Mode
  bool global = false;
  uint64_t replicas = 1;  // replicated mode only
  std::optional<ServiceUpdatePolicy> update_config;
  std::optional<ServiceUpdatePolicy> rollback_config;
  // EndpointSpec
  std::string endpoint_mode;  // "", "vip" or "dnsrr"
  std::vector<ServicePort> ports;
};

// The service's virtual IP on one network (Endpoint.VirtualIPs).
struct ServiceVirtualIp {
  std::string network_id;
  std::string address;  // CIDR, e.g. "10.0.1.2/24"
};

// What GET /services and /services/{id} say of one service.
struct ServiceSummary {
  std::string id;
  uint64_t version = 0;  // Version.Index, for the next update
  std::string name;
  std::map<std::string, std::string> labels;
  std::string image;
  bool global = false;
  uint64_t replicas = 0;              // replicated mode only
  std::vector<ServicePort> ports;     // Endpoint.Ports: what swarm published
  std::vector<ServiceVirtualIp> virtual_ips;
  std::string update_state;    // UpdateStatus.State: "", "updating", "paused", "completed",
                               // "rollback_started", "rollback_paused", "rollback_completed"
  std::string update_message;  // UpdateStatus.Message
};

// What GET /tasks says of one task.
struct TaskSummary {
  std::string id;
  std::string service_id;
  std::string node_id;
  int slot = 0;  // replicated services; 0 for global ones
  std::string desired_state;  // "running", "shutdown", ...
  std::string state;          // Status.State: "new" ... "starting", "running", "complete", "failed", ...
  std::string message;        // Status.Message
  std::string error;          // Status.Err
  std::string container_id;   // Status.ContainerStatus.ContainerID
  int exit_code = 0;          // Status.ContainerStatus.ExitCode
};

}  // namespace berth::engine
