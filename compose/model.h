#pragma once
// The typed project model: what a project file means, after loading and
// validation. Nothing here knows about the engine.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace berth::compose {

// Where something was written, for error messages ("file:line:column").
struct SourcePos {
  std::string file;  // as the user named it (or the default file name found)
  int line = 0;      // 1-based; 0 when unknown
  int column = 0;    // 1-based
  std::string key_path;  // e.g. "services.web.links[0]"
};

// One `ports:` entry in short syntax: "[ip:][host[-host]:]container[-container][/proto]".
struct PortMapping {
  std::string host_ip;           // empty: all interfaces
  uint16_t host_start = 0;       // 0: the engine picks an ephemeral port
  uint16_t host_end = 0;         // == host_start for a single port
  uint16_t container_start = 0;
  uint16_t container_end = 0;    // == container_start for a single port
  std::string protocol = "tcp";  // tcp, udp or sctp
};

// One `expose:` entry: "port[-port][/proto]".
struct ExposedPort {
  uint16_t start = 0;
  uint16_t end = 0;  // == start for a single port
  std::string protocol = "tcp";
};

struct VolumeMount {
  enum class Kind { named, bind, anonymous };
  Kind kind = Kind::anonymous;
  std::string source;  // named: the key in the project's volumes; bind: absolute host path
  std::string target;  // absolute path in the container
  bool read_only = false;
};

struct Link {
  std::string service;  // the linked service
  std::string alias;    // defaults to the service name
  SourcePos pos;
};

enum class DependencyCondition { service_started, service_healthy, service_completed_successfully };

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

struct Service {
  std::string name;
  SourcePos pos;  // of the service's key
  std::string image;
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
  std::string hostname;
  std::string working_dir;
  std::string user;
  std::map<std::string, std::string> labels;
  std::string restart;  // "", "no", "always", "on-failure[:N]", "unless-stopped"
};

// A top-level `volumes:` entry.
struct VolumeDecl {
  std::string key;   // the name services use
  std::string name;  // the engine's name: "<project>_<key>" unless `name:` or external
  bool external = false;
  std::string driver;  // empty: the engine's default
  std::map<std::string, std::string> labels;
  SourcePos pos;
};

struct Project {
  std::string name;       // normalised, [a-z0-9_-]
  std::string directory;  // absolute; relative paths in the file resolve against it
  std::vector<std::string> files;
  bool legacy_format = false;    // fig v1: services at the top level
  std::vector<Service> services;  // in the order written
  std::vector<VolumeDecl> volumes;

  const Service* find_service(const std::string& name) const;
  const VolumeDecl* find_volume(const std::string& key) const;
};

}  // namespace berth::compose
