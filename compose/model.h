#pragma once
// The typed project model: what a project file means, after loading and
// validation. Nothing here knows about the engine.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "compose/api_requirement.h"
#include "compose/container_options.h"
#include "compose/dependency_condition.h"
#include "compose/service_extras.h"
#include "compose/source_pos.h"

namespace berth::compose {

// One `ports:` entry in short syntax: "[ip:][host[-host]:]container[-container][/proto]".
struct PortMapping {
  std::string host_ip;           // empty: all interfaces
  uint16_t host_start = 0;       // 0: the engine picks an ephemeral port
  uint16_t host_end = 0;         // == host_start for a single port
  uint16_t container_start = 0;
  uint16_t container_end = 0;    // == container_start for a single port
  std::string protocol = "tcp";  // tcp, udp or sctp
  // Long syntax only; none of them changes the container (mode matters to swarm).
  std::string name{};          // a human-readable name for the port
  std::string app_protocol{};  // "http", "grpc", ...
  std::string mode{};          // "", "host" or "ingress"
};

// One `expose:` entry: "port[-port][/proto]".
struct ExposedPort {
  uint16_t start = 0;
  uint16_t end = 0;  // == start for a single port
  std::string protocol = "tcp";
};

struct VolumeMount {
  enum class Kind { named, bind, anonymous, tmpfs };  // tmpfs: long syntax only
  Kind kind = Kind::anonymous;
  std::string source;  // named: the key in the project's volumes; bind: absolute host path
  std::string target;  // absolute path in the container
  bool read_only = false;
  // Written as a mapping (`type:`, `target:`, ...): goes to the engine as a
  // mount, as compose does, so a missing bind source is an error, not a new directory.
  // Default member initializers keep older brace initializations warning-free.
  bool long_syntax = false;
  std::string propagation{};            // bind only: "rprivate", "shared", ...; empty: default
  bool nocopy = false;                  // named/anonymous only: do not copy the image's files
  std::optional<int64_t> tmpfs_size{};  // tmpfs only, bytes
  // See compose/volume_parser.h for how each is written.
  std::string selinux{};        // bind (or named) only: "z", "Z" or "" for no relabeling
  bool create_host_path = false;  // bind only: the engine makes a missing source (short syntax)
  std::string consistency{};    // long syntax; macOS only, ignored on Linux
  std::optional<uint32_t> tmpfs_mode{};  // tmpfs only: permission bits
  std::string subpath{};        // named only: a directory inside the volume (API 1.45)
};

struct Link {
  std::string service;  // the linked service
  std::string alias;    // defaults to the service name
  SourcePos pos;
};


struct Dependency {
  std::string service;
  DependencyCondition condition = DependencyCondition::service_started;
  bool required = true;
  bool restart = false;
  SourcePos pos;
};

struct VolumesFrom {
  std::string source;         // a service name, or a container name when is_container
  bool is_container = false;  // written as "container:NAME"
  bool read_only = false;     // written with ":ro"
  SourcePos pos;
};

// `network_mode:`: a container networked otherwise than on project networks.
struct NetworkMode {
  enum class Kind { networks, bridge, host, none, service, container };
  Kind kind = Kind::networks;  // networks: not written, the service joins its `networks`
  std::string target;          // service: the service's name; container: the container's name
  std::string text;            // as written, for messages; "" when not written
  SourcePos pos;
};

// One network a service joins (`networks:` of a service).
struct ServiceNetwork {
  std::string key;  // the key in the project's networks
  std::vector<std::string> aliases;
  std::string ipv4_address;  // empty: the engine picks one
  std::string ipv6_address;
  int priority = 0;  // the highest is the network the container is created on
  std::map<std::string, std::string> driver_opts{};  // EndpointSettings.DriverOpts
  std::vector<std::string> link_local_ips{};          // IPAMConfig.LinkLocalIPs
  std::string mac_address{};     // API 1.44 per network; see scheduler/api_requirements.h
  SourcePos mac_address_pos{};
  std::string interface_name{};  // API 1.49
  std::optional<int> gw_priority{};  // API 1.48
  bool implicit = false;  // `default`, joined because the service names no network
  SourcePos pos;
};

// `build:`: how the service's image is made (building itself comes later).
struct BuildSpec {
  std::string context;     // absolute path, or a URL as written
  std::string dockerfile;  // as written, relative to the context; empty: "Dockerfile"
  std::vector<std::pair<std::string, std::string>> args;  // in order; valueless ones from the environment
  std::string target;
  std::map<std::string, std::string> labels;
  std::string network;
  std::optional<int64_t> shm_size;
  std::vector<std::string> extra_hosts;  // "host:ip"
  std::vector<std::string> cache_from;
  SourcePos context_pos;     // of the context (the `build:` value in short form)
  SourcePos dockerfile_pos;  // of `dockerfile:`, when written
  // The newer keys (compose/build_parser.cc says which the classic builder takes).
  std::string dockerfile_inline{};  // the Dockerfile's text; excludes `dockerfile`
  bool no_cache = false;
  bool pull = false;
  std::vector<std::string> tags{};  // more names for the built image
  std::vector<std::string> platforms{};
  std::string isolation{};
  bool privileged = false;
  std::vector<Ulimit> ulimits{};
  std::map<std::string, std::string> additional_contexts{};
  std::vector<std::string> ssh{};
  std::vector<std::pair<std::string, std::string>> secrets{};  // source, target ("" default)
  std::vector<std::string> entitlements{};
  std::vector<std::string> cache_to{};
  // Keys written that need BuildKit, which the engine's classic builder
  // lacks: building refuses them, naming the first (key_path says which).
  std::vector<SourcePos> buildkit_only{};
};

// `x-berth-health:`: a probe berth itself runs against the container's
// address, for images that have neither curl nor a shell for a `healthcheck:`.
// Durations follow docker's healthcheck semantics (compose/container_options.h).
struct BerthHealth {
  enum class Kind { http, tcp };
  Kind kind = Kind::http;
  int port = 0;            // the container's port, 1..65535
  std::string path = "/";  // http only; starts with '/'
  int status = 200;        // http only: the status that counts as healthy, 100..599
  int64_t interval_ns = 5'000'000'000;
  int64_t timeout_ns = 2'000'000'000;
  int retries = 3;  // consecutive failures, after start_period, that make it unhealthy
  int64_t start_period_ns = 0;
  SourcePos pos;  // of the x-berth-health key
};

// `x-berth-reload:` on a dependent (a balancer): when the services it links to
// gain or lose containers, berth writes the link variables of the containers
// in rotation to `file` in each of its running containers and runs `command`
// there with exec, instead of recreating it (README, "Zero-downtime replacement").
struct BerthReload {
  std::vector<std::string> command;
  std::string file = "/run/berth/links.env";
  // Between the reload that takes a container out of rotation and its stop:
  // the requests the dependent sent it before the reload finish meanwhile.
  int64_t drain_ns = 2'000'000'000;
  SourcePos pos;  // of the x-berth-reload key
};

// A top-level `secrets:` or `configs:` entry (compose/secrets_parser.h).
struct FileObjectDecl {
  std::string key;   // the name services use
  std::string name;  // "<project>_<key>" unless `name:`; an external one: `name:` or the key
  // Exactly one source, unless external: a file, a variable of the loader's
  // environment, or (configs only) inline text.
  std::string file;  // absolute host path
  std::string environment;
  std::optional<std::string> content;  // `content:`, interpolated
  // The value of `environment` when the project was loaded; nullopt: unset.
  std::optional<std::string> environment_value;
  bool external = false;
  std::map<std::string, std::string> labels;
  std::string driver;  // secrets only
  std::map<std::string, std::string> driver_opts;  // secrets only
  std::string template_driver;
  SourcePos pos;
};

// One entry of a service's `secrets:` or `configs:`.
struct FileReference {
  std::string source;  // the key in the project's secrets or configs
  // As compose v2 prints it: the short form of a secret gets
  // "/run/secrets/<source>", anything else is as written ("" when not).
  std::string target;
  // Where the file goes: `target`, under /run/secrets/ (secrets) or / (configs)
  // when relative; by default "/run/secrets/<source>" or "/<source>".
  std::string container_path;
  std::string uid;  // digits, as written; "" when not written
  std::string gid;
  std::optional<uint32_t> mode;  // permission bits; nullopt: 0444
  SourcePos pos;
  // The top-level entry it names, copied in by resolve_file_references() so
  // that the container's translation and its config hash need only the service.
  FileObjectDecl definition{};
};

struct Service {
  std::string name;
  SourcePos pos;  // of the service's key
  std::string image;  // with only `build:`, "<project>-<service>"
  std::optional<BuildSpec> build;
  std::optional<std::vector<std::string>> command;     // string form split like a shell
  std::optional<std::vector<std::string>> entrypoint;  // string form split like a shell
  // In the order written. A list entry "KEY" without '=' (or a map value of
  // null) takes its value from the loader's environment and is left out when unset.
  std::vector<std::pair<std::string, std::string>> environment;
  std::vector<PortMapping> ports;
  std::vector<ExposedPort> expose;
  std::vector<Link> links;
  std::vector<Dependency> depends_on;
  std::vector<VolumesFrom> volumes_from;
  std::vector<VolumeMount> volumes;
  std::string container_name;
  SourcePos container_name_pos{};  // of its value; for two services with one name
  std::string hostname;
  std::string working_dir;
  std::string user;
  std::map<std::string, std::string> labels;
  std::string restart;  // "", "no", "always", "on-failure[:N]", "unless-stopped"
  // In the order written; `default` alone when neither networks nor network_mode is written.
  std::vector<ServiceNetwork> networks{};
  NetworkMode network_mode{};
  ContainerOptions options;  // dns, limits, healthcheck, ...: see compose/container_options.h
  Deploy deploy;
  std::optional<int> scale;  // `scale:`; conflicts with deploy.replicas
  // `profiles:`; empty: always active. See compose/profiles.h.
  std::vector<std::string> profiles{};
  std::optional<BerthHealth> berth_health{};  // `x-berth-health:`; nullopt: not written
  std::optional<BerthReload> berth_reload{};  // `x-berth-reload:`; nullopt: not written
  // compose/service_extras.h: attach, annotations, hooks, develop, credential_spec.
  std::optional<bool> attach{};  // false: attached `up` leaves its logs out
  std::map<std::string, std::string> annotations{};
  std::vector<LifecycleHook> post_start{};
  std::vector<LifecycleHook> pre_stop{};
  std::optional<Develop> develop{};
  std::optional<CredentialSpec> credential_spec{};
  // Keys written here that need a newer engine API than berth's (`annotations`, ...).
  std::vector<ApiRequirement> api_requirements{};
  EngineSettings engine{};  // runtime, cgroup, CPU, blkio, gpus, ...: compose/engine_settings.h
  // `pull_policy:` "", "always", "never", "missing", "if_not_present" or "build".
  std::string pull_policy{};
  std::vector<FileReference> secrets{};  // `secrets:`, in the order written
  std::vector<FileReference> configs{};  // `configs:`, in the order written
};

// A top-level `volumes:` entry.
struct VolumeDecl {
  std::string key;   // the name services use
  std::string name;  // the engine's name: "<project>_<key>" unless `name:` or external
  bool external = false;
  std::string driver;  // empty: the engine's default
  std::map<std::string, std::string> labels;
  SourcePos pos;
  std::map<std::string, std::string> driver_opts{};  // given to the driver at creation
};

// One IPAM pool of a network (`ipam.config[]`); empty fields: the engine's choice.
struct IpamPool {
  std::string subnet;    // CIDR
  std::string ip_range;  // CIDR within subnet
  std::string gateway;
  std::map<std::string, std::string> aux_addresses{};  // host name -> IP the driver keeps
};

// A network's `ipam:`.
struct NetworkIpam {
  std::string driver;  // empty: the engine's default
  std::vector<IpamPool> config;
  std::map<std::string, std::string> options{};  // driver-specific
};

// A top-level `networks:` entry, or the implicit `default`.
struct NetworkDecl {
  std::string key;   // the name services use
  std::string name;  // the engine's name: "<project>_<key>" unless `name:` or external
  bool external = false;
  std::string driver;                          // empty: the engine's default
  std::map<std::string, std::string> options;  // driver_opts
  bool internal = false;
  bool attachable = false;
  bool enable_ipv6 = false;
  std::optional<bool> enable_ipv4{};  // API 1.47 to turn it off; nullopt and true: on
  std::map<std::string, std::string> labels;
  NetworkIpam ipam;
  bool implicit = false;  // `default`, not written in the file
  SourcePos pos;
};

struct Project {
  std::string name;       // normalised, [a-z0-9_-]
  std::string directory;  // absolute; relative paths in the file resolve against it
  std::vector<std::string> files;
  bool legacy_format = false;    // fig v1: services at the top level
  std::vector<Service> services;  // in the order written
  std::vector<VolumeDecl> volumes;
  std::vector<NetworkDecl> networks{};  // as written, then `default` if the file has none
  std::vector<FileObjectDecl> secrets{};  // top-level `secrets:`, in the order written
  std::vector<FileObjectDecl> configs{};  // top-level `configs:`, in the order written
  // Not errors, but worth telling the user (an unset variable read as ""); the CLI prints them.
  std::vector<std::string> warnings;
  // --profile, else COMPOSE_PROFILES. Every service is loaded regardless;
  // active_services() in compose/profiles.h picks the ones to act on.
  std::vector<std::string> enabled_profiles{};
  // Top-level keys that need a newer engine API than berth's (services hold their own).
  std::vector<ApiRequirement> api_requirements{};

  const Service* find_service(const std::string& name) const;
  const VolumeDecl* find_volume(const std::string& key) const;
  const NetworkDecl* find_network(const std::string& key) const;
};

}  // namespace berth::compose
