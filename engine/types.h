#pragma once
// Plain values exchanged with the Docker Engine API. They mirror the engine's
// own vocabulary (not compose's): the scheduler translates between the two.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/container_tuning.h"

namespace berth::engine {

// "key" or "key=value", as the engine's `label` filter takes them.
using LabelFilter = std::vector<std::string>;

struct VersionInfo {
  std::string version;          // e.g. "20.10.24+dfsg1"
  std::string api_version;      // engine's newest API, e.g. "1.41"
  std::string min_api_version;  // engine's oldest API, e.g. "1.12"
  std::string os;
  std::string arch;
  // For `berth version`, as `docker version` shows them.
  std::string go_version{};
  std::string git_commit{};
  std::string build_time{};
  std::string kernel_version{};
  bool experimental = false;
};

struct PortBinding {
  std::string host_ip;    // empty: all interfaces
  std::string host_port;  // empty: the engine picks one; "8000-8010" allowed
};

// The link and alias settings of a container on one network.
struct EndpointConfig {
  std::string network;               // network name
  std::vector<std::string> aliases;  // DNS names of this container on the network
  std::vector<std::string> links;    // "container_name:alias", resolvable by this container only
  // Default member initializers, so that older brace initializations stay warning-free.
  std::string ipv4_address{};  // empty: the engine picks one (IPAMConfig.IPv4Address)
  std::string ipv6_address{};
  std::vector<std::string> link_local_ips{};         // IPAMConfig.LinkLocalIPs
  std::map<std::string, std::string> driver_opts{};  // DriverOpts
  // API 1.41 takes a MAC address for the network a container is created on
  // only, as Config.MacAddress; connecting to another network ignores it.
  std::string mac_address{};
};

// Config.Healthcheck; durations in nanoseconds, 0: the engine's default.
struct HealthConfig {
  std::vector<std::string> test;  // empty: the image's; {"NONE"}; {"CMD", ...}; {"CMD-SHELL", cmd}
  int64_t interval = 0;
  int64_t timeout = 0;
  int64_t start_period = 0;
  int retries = 0;
  int64_t start_interval = 0;  // API 1.44+; older engines ignore the field
};

struct Ulimit {
  std::string name;
  int64_t soft = 0;
  int64_t hard = 0;
};

struct DeviceMapping {
  std::string path_on_host;
  std::string path_in_container;
  std::string cgroup_permissions;  // e.g. "rwm"
};

struct LogConfig {
  std::string type;  // the driver, e.g. "json-file"
  std::map<std::string, std::string> config;
};

// One entry of HostConfig.Mounts.
struct Mount {
  std::string type;    // "volume", "bind" or "tmpfs"
  std::string source;  // volume name (empty: anonymous) or host path; empty for tmpfs
  std::string target;
  bool read_only = false;
  std::string propagation;          // bind only; empty: the engine's default
  bool no_copy = false;             // volume only
  std::optional<int64_t> tmpfs_size;  // tmpfs only, bytes
  std::string consistency{};          // macOS only; Linux engines ignore it
  std::optional<uint32_t> tmpfs_mode{};  // tmpfs only, permission bits
};

// The body of POST /containers/create, in engine terms.
struct ContainerCreate {
  std::string name;
  std::string image;
  std::optional<std::vector<std::string>> cmd;         // nullopt: the image's
  std::optional<std::vector<std::string>> entrypoint;  // nullopt: the image's
  std::vector<std::string> env;                        // "KEY=VALUE"
  std::map<std::string, std::string> labels;
  std::vector<std::string> exposed_ports;              // "80/tcp"
  std::map<std::string, std::vector<PortBinding>> port_bindings;  // key "80/tcp"
  std::vector<std::string> binds;              // "src:dst[:ro]", src a volume name or host path
  std::vector<std::string> anonymous_volumes;  // container paths that get a fresh volume
  std::vector<std::string> volumes_from;       // "container[:ro]"
  std::string hostname;
  std::string user;
  std::string working_dir;
  std::string restart_policy;                  // "", "no", "always", "unless-stopped", "on-failure[:N]"
  std::optional<EndpointConfig> network;       // the network the container starts on
  // HostConfig.NetworkMode when not the network's name: "host", "none",
  // "container:<id>"; then `network` stays unset.
  std::string network_mode{};
  // Container settings; empty, false, 0 or nullopt leave the engine's default.
  std::vector<std::string> extra_hosts{};  // "host:ip"
  std::vector<std::string> dns{};
  std::vector<std::string> dns_search{};
  std::vector<std::string> cap_add{};
  std::vector<std::string> cap_drop{};
  bool privileged = false;
  bool readonly_rootfs = false;
  std::optional<bool> init{};
  bool tty = false;
  bool open_stdin = false;
  bool stdin_once = false;  // the first attach that closes stdin closes the container's
  std::map<std::string, std::string> tmpfs{};  // container path -> mount options
  std::vector<Ulimit> ulimits{};
  std::map<std::string, std::string> sysctls{};
  int64_t shm_size = 0;   // bytes
  int64_t memory = 0;     // bytes
  int64_t nano_cpus = 0;  // CPUs x 10^9
  std::string stop_signal{};
  std::optional<int> stop_timeout{};  // seconds
  std::optional<HealthConfig> healthcheck{};
  std::optional<LogConfig> log_config{};
  std::string pid_mode{};
  std::string ipc_mode{};
  std::vector<DeviceMapping> devices{};
  std::vector<Mount> mounts{};
  // Not part of the body: API 1.41 takes it as the `platform` query parameter.
  std::string platform{};
  ContainerTuning tuning{};  // runtime, cgroups, CPU, blkio, GPUs, ...: engine/container_tuning.h
};

struct PublishedPort {
  std::string ip;
  uint16_t private_port = 0;
  uint16_t public_port = 0;  // 0: not published
  std::string type;          // "tcp" / "udp" / "sctp"
};

// A file put into a container (PUT /containers/{id}/archive), parent
// directories made as needed; what compose v2 does for secrets and configs.
struct ContainerFile {
  std::string path;  // absolute
  std::string content;
  uint32_t uid = 0;
  uint32_t gid = 0;
  uint32_t mode = 0444;  // permission bits
};

// One row of GET /containers/json.
struct ContainerSummary {
  std::string id;
  std::string name;  // without the leading '/'
  std::string image;
  std::map<std::string, std::string> labels;
  std::string state;   // "created", "running", "exited", "paused", ...
  std::string status;  // human text, e.g. "Up 3 seconds"
  std::vector<PublishedPort> ports;
  // For ps's columns and fields (compose v2's); default-initialised so older
  // brace initialisations stay warning-free.
  std::string command{};                  // Command: the command line, as one string
  int64_t created = 0;                    // Created: unix seconds
  std::vector<std::string> mounts{};      // Mounts: a volume's name, else the host path
  int local_volumes = 0;                  // Mounts of the local volume driver
  std::vector<std::string> networks{};    // NetworkSettings.Networks, by name
};

// One entry of a container's Mounts.
struct MountPoint {
  std::string type;         // "volume", "bind", "tmpfs"
  std::string name;         // volume name (type volume)
  std::string source;       // host path
  std::string destination;  // path in the container
  bool read_write = true;
};

struct NetworkAttachment {
  std::string ip_address;
  std::vector<std::string> aliases;
  std::string network_id{};  // which of two networks of one name (see network_duplicates.h)
};

// One run of a container's health check (State.Health.Log[]).
struct HealthLogEntry {
  std::string start;  // RFC 3339 with nanoseconds, as the engine writes it
  std::string end;
  int exit_code = 0;  // 0 healthy, 1 unhealthy, other: the check itself failed
  std::string output;
};

// State.Health of an inspected container.
struct ContainerHealth {
  std::string status;  // "starting", "healthy" or "unhealthy"
  int failing_streak = 0;
  std::vector<HealthLogEntry> log;  // oldest first; the engine keeps the last five
};

// What GET /containers/{id}/json tells that berth uses.
struct ContainerDetails {
  std::string id;
  std::string name;   // without the leading '/'
  std::string image;  // image ID
  std::map<std::string, std::string> labels;
  std::vector<std::string> env;            // Config.Env, image's and container's
  std::vector<std::string> exposed_ports;  // keys of Config.ExposedPorts, "80/tcp"
  std::string status;                      // State.Status
  bool running = false;
  int exit_code = 0;
  std::string started_at;
  std::string finished_at;
  std::map<std::string, NetworkAttachment> networks;  // by network name
  std::vector<MountPoint> mounts;
  std::optional<ContainerHealth> health;  // State.Health; nullopt when it has no health check
  std::string restart_policy;             // HostConfig.RestartPolicy.Name; "" or "no": none
  // NetworkSettings.Ports: "80/tcp" -> the host addresses it is published on
  // (empty: exposed only).
  std::map<std::string, std::vector<PortBinding>> published_ports{};
  bool tty = false;         // Config.Tty (attach: raw terminal, no signal proxy)
  bool open_stdin = false;  // Config.OpenStdin (attach: stdin forwarded)
};

// One IPAM pool; empty fields are left to the engine.
struct IpamPool {
  std::string subnet;
  std::string ip_range;
  std::string gateway;
  std::map<std::string, std::string> aux_addresses{};  // AuxiliaryAddresses
};

struct NetworkCreate {
  std::string name;
  std::string driver = "bridge";
  std::map<std::string, std::string> labels;
  std::map<std::string, std::string> options{};  // driver options
  bool internal = false;
  bool attachable = false;
  bool enable_ipv6 = false;
  std::string ipam_driver{};  // empty: "default"
  std::vector<IpamPool> ipam_pools{};
  std::map<std::string, std::string> ipam_options{};
};

struct NetworkSummary {
  std::string id;
  std::string name;
  std::string driver;
  std::map<std::string, std::string> labels;
};

struct VolumeCreate {
  std::string name;
  std::string driver = "local";
  std::map<std::string, std::string> labels;
  std::map<std::string, std::string> driver_opts{};
};

struct VolumeSummary {
  std::string name;
  std::string driver;
  std::map<std::string, std::string> labels;
  std::string mountpoint = {};  // for `volumes --format json`
  std::string scope = {};       // "local" or "global"
};

struct ImageDetails {
  std::string id;
  std::vector<std::string> repo_tags;
  std::vector<std::string> exposed_ports;  // "80/tcp"
  std::vector<std::string> env;
  std::vector<std::string> healthcheck_test;  // Config.Healthcheck.Test; empty when none
  int64_t size = 0;                           // bytes, as `docker images` shows it
  // "repo@sha256:..." for each registry the image was pulled from or pushed to.
  std::vector<std::string> repo_digests = {};
};

// POST /build: what to build; the context itself is a tar sent as the body.
struct ImageBuild {
  std::string tag;         // "name:tag"; empty: untagged
  std::string dockerfile;  // path inside the context; empty: "Dockerfile"
  std::vector<std::pair<std::string, std::string>> args;  // --build-arg, in order
  std::string target;
  std::map<std::string, std::string> labels;
  std::string network;                   // networkmode; empty: the engine's default
  std::optional<int64_t> shm_size;       // bytes
  std::vector<std::string> extra_hosts;  // "host:ip"
  std::vector<std::string> cache_from;
  bool no_cache = false;
  bool pull = false;   // always try to pull a newer FROM image
  bool quiet = false;  // the engine then sends only the image ID
  // X-Registry-Config: registry -> credentials JSON for FROM pulls; empty: none.
  std::string registry_config;
  std::vector<std::string> extra_tags{};  // more "t" names beside `tag`
  std::string platform{};                 // "os/arch"; empty: the engine's
  std::string isolation{};                // empty: the engine's default
  std::vector<Ulimit> ulimits{};
};

// One message of the engine's JSON progress stream (build, pull, push).
struct ProgressMessage {
  std::string stream;    // build output ("Step 1/3 : FROM ...\n"), as sent
  std::string id;        // pull/push: the layer (or tag) the status is about
  std::string status;    // pull/push: "Pulling fs layer", "Pushed", ...
  std::string progress;  // the engine's progress bar text, when any
  int64_t current = 0;   // progressDetail, bytes
  int64_t total = 0;
  std::string aux_id;    // build: aux.ID, the built image's ID
  std::string error;     // non-empty: the operation failed with this message
};

// The answer of GET /containers/{id}/top: `ps` output, one row per process.
struct ProcessList {
  std::vector<std::string> titles;  // e.g. {"UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD"}
  std::vector<std::vector<std::string>> processes;
};

// One message of the engine's /events stream.
struct Event {
  std::string type;    // "container", "network", ...
  std::string action;  // "start", "die", "health_status: healthy", ...
  std::string id;      // Actor.ID: for containers the full ID
  std::map<std::string, std::string> attributes;  // Actor.Attributes (labels, name, exitCode...)
  int64_t time_nano = 0;                          // timeNano
};

struct EventFilter {
  LabelFilter labels;              // every one must match
  std::vector<std::string> types;  // e.g. {"container"}; empty: all
  // Unix times "SEC[.NANOS]" (events --since/--until): past events from
  // `since` (default: now), and the stream ends at `until` (default: never).
  std::string since{};
  std::string until{};
};

// Container logs (Engine::stream_logs).

// Which of a container's output streams a log line came from.
enum class OutputStream { out, err };

// One line of a container's output, without its "\n"; `text` is valid only
// during the callback that receives it.
struct LogLine {
  OutputStream stream = OutputStream::out;
  std::string_view text;
};

struct LogOptions {
  bool follow = false;      // keep streaming until the container stops
  std::string tail = "all";  // "all" or a number of lines from the end
  std::string since;        // unix time "SEC[.NANOS]"; empty: from the start
  std::string until;        // unix time "SEC[.NANOS]"; empty: to the end (or on, following)
  bool timestamps = false;  // the engine prefixes each line with its RFC 3339 time
};

// Exec: a process run inside a running container (Engine::create_exec).

// The body of POST /containers/{id}/exec.
struct ExecCreate {
  std::vector<std::string> cmd;
  std::vector<std::string> env;  // "KEY=VALUE", beside the container's own
  std::string user;              // empty: the container's
  std::string working_dir;       // empty: the container's
  bool tty = false;
  bool attach_stdin = false;
  bool attach_output = true;  // stdout and stderr; false for a detached exec
  bool privileged = false;
};

// What GET /exec/{id}/json tells that berth uses.
struct ExecDetails {
  bool running = false;
  int exit_code = 0;  // meaningful once not running
  std::string container_id;
};

}  // namespace berth::engine
