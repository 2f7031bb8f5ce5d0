#include "scheduler/swarm/swarm_spec.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <set>

#include "engine/engine.h"
#include "scheduler/spec/container_options_spec.h"
#include "scheduler/spec/container_spec.h"
#include "scheduler/images/image_transfer.h"
#include "scheduler/sha256.h"

namespace berth::scheduler {

namespace {

constexpr double k_nanocpus_per_cpu = 1e9;
constexpr int64_t k_ns_per_second = 1'000'000'000;

compose::SourcePos at_key(const compose::Service& service, const std::string& key) {
  compose::SourcePos pos = service.pos;
  pos.key_path = "services." + service.name + "." + key;
  return pos;
}

void check_ports(const compose::Service& service, std::vector<compose::Diagnostic>& problems) {
  for (const compose::PortMapping& port : service.ports) {
    if (!port.host_ip.empty()) {
      problems.push_back({at_key(service, "ports"),
                          "a swarm publishes on every node's interfaces; it cannot bind " +
                              port.host_ip + " (leave the host IP out)"});
    }
    bool ranged = port.container_end != port.container_start;
    bool host_range_differs = port.host_start != 0 && port.host_end - port.host_start !=
                                                          port.container_end - port.container_start;
    if (ranged && host_range_differs) {
      problems.push_back({at_key(service, "ports"),
                          "a swarm publishes one port per container port; the host range must be "
                          "as long as the container range"});
    }
  }
}

void check_network_drivers(const compose::Project& project, const compose::Service& service,
                           std::vector<compose::Diagnostic>& problems) {
  for (const compose::ServiceNetwork& joined : service.networks) {
    const compose::NetworkDecl* network = project.find_network(joined.key);
    if (network == nullptr || network->external || network->driver.empty() ||
        network->driver == "overlay") {
      continue;
    }
    compose::SourcePos pos = network->pos;
    pos.key_path = "networks." + network->key + ".driver";
    problems.push_back({pos, "a swarm service can only join overlay networks, not \"" +
                                 network->driver + "\" ones (service \"" + service.name + "\")"});
  }
}

void check_service(const compose::Project& project, const compose::Service& service,
                   std::vector<compose::Diagnostic>& problems) {
  auto problem = [&](const std::string& key, const std::string& message) {
    problems.push_back({at_key(service, key), message});
  };
  const compose::ContainerOptions& options = service.options;
  if (service.build && !has_named_image(project, service)) {
    problem("build",
            "a swarm cannot build images: name the image with `image:`, then `berth build` and "
            "`berth push` it to a registry every node can pull from");
  }
  if (!service.volumes_from.empty()) {
    problems.push_back({service.volumes_from.front().pos,
                        "a swarm cannot share one task's volumes with another (volumes_from); "
                        "use a named volume"});
  }
  if (!service.network_mode.text.empty()) {
    problems.push_back({service.network_mode.pos,
                        "a swarm service cannot set network_mode; use `networks:`"});
  }
  const std::pair<bool, std::pair<const char*, const char*>> unsupported[] = {
      {!service.container_name.empty(),
       {"container_name", "a swarm names each task itself; remove container_name"}},
      {options.privileged, {"privileged", "a swarm cannot run privileged tasks"}},
      {!options.devices.empty(), {"devices", "a swarm cannot map host devices into tasks"}},
      {!options.pid.empty(), {"pid", "a swarm cannot share a PID namespace"}},
      {!options.ipc.empty(), {"ipc", "a swarm cannot share an IPC namespace"}},
      {!options.external_links.empty(),
       {"external_links", "a swarm cannot link to containers outside the stack"}},
      {!options.ulimits.empty(), {"ulimits", "berth cannot give ulimits to swarm tasks yet"}},
      {!service.secrets.empty(), {"secrets", "berth cannot give secrets to swarm tasks yet"}},
      {!service.configs.empty(), {"configs", "berth cannot give configs to swarm tasks yet"}},
  };
  for (const auto& [present, what] : unsupported) {
    if (present) {
      problem(what.first, what.second);
    }
  }
  if (service.deploy.mode == "global" && (service.deploy.replicas || service.scale)) {
    problem("deploy.replicas", "a global service runs one task per node; it takes no replicas");
  }
  check_ports(service, problems);
  check_network_drivers(project, service, problems);
}

std::vector<engine::ServicePort> swarm_ports(const compose::Service& service) {
  std::vector<engine::ServicePort> ports;
  for (const compose::PortMapping& mapping : service.ports) {
    for (uint32_t offset = 0; mapping.container_start + offset <= mapping.container_end;
         ++offset) {
      engine::ServicePort port;
      port.protocol = mapping.protocol;
      port.target_port = mapping.container_start + offset;
      port.published_port = mapping.host_start == 0 ? 0 : mapping.host_start + offset;
      ports.push_back(port);
    }
  }
  return ports;
}

std::vector<engine::ServiceMount> swarm_mounts(const compose::Project& project,
                                               const compose::Service& service) {
  std::vector<engine::ServiceMount> mounts;
  for (const compose::VolumeMount& volume : service.volumes) {
    engine::ServiceMount mount;
    mount.target = volume.target;
    mount.read_only = volume.read_only;
    switch (volume.kind) {
      case compose::VolumeMount::Kind::named: {
        mount.type = "volume";
        const compose::VolumeDecl* decl = project.find_volume(volume.source);
        mount.source = decl != nullptr ? decl->name : volume.source;
        if (decl != nullptr && !decl->external) {
          // Each node creates the volume where a task first needs it.
          mount.volume_labels = decl->labels;
          mount.volume_labels[labels::k_stack_namespace] = project.name;
          mount.volume_driver = decl->driver;
        }
        mount.no_copy = volume.nocopy;
        break;
      }
      case compose::VolumeMount::Kind::anonymous:
        mount.type = "volume";
        mount.no_copy = volume.nocopy;
        break;
      case compose::VolumeMount::Kind::bind:
        mount.type = "bind";
        mount.source = volume.source;
        mount.bind_propagation = volume.propagation;
        break;
      case compose::VolumeMount::Kind::tmpfs:
        mount.type = "tmpfs";
        mount.tmpfs_size = volume.tmpfs_size;
        break;
    }
    mounts.push_back(std::move(mount));
  }
  for (const auto& [target, options] : service.options.tmpfs) {
    engine::ServiceMount mount;
    mount.type = "tmpfs";
    mount.target = target;
    mounts.push_back(std::move(mount));
  }
  return mounts;
}

// deploy.restart_policy, else `restart:` in swarm's words; nullopt: swarm's
// default ("any"), which is also what `restart:` unset means to a stack.
std::optional<engine::ServiceRestartPolicy> swarm_restart_policy(const compose::Service& service) {
  engine::ServiceRestartPolicy policy;
  if (service.deploy.restart_policy) {
    const compose::DeployRestartPolicy& written = *service.deploy.restart_policy;
    policy.condition = written.condition;
    if (written.max_attempts) {
      policy.max_attempts = static_cast<uint64_t>(*written.max_attempts);
    }
    policy.delay_ns = written.delay_ns;
    policy.window_ns = written.window_ns;
    return policy;
  }
  const std::string& restart = service.restart;
  if (restart.empty()) {
    return std::nullopt;
  }
  if (restart == "no") {
    policy.condition = "none";
  } else if (restart.rfind("on-failure", 0) == 0) {
    policy.condition = "on-failure";
    size_t colon = restart.find(':');
    if (colon != std::string::npos) {
      // Digits only (the loader checked); strtoull saturates where stoull would throw.
      policy.max_attempts = std::strtoull(restart.c_str() + colon + 1, nullptr, 10);
    }
  } else {
    policy.condition = "any";  // always, unless-stopped
  }
  return policy;
}

std::optional<engine::ServiceUpdatePolicy> swarm_update_policy(
    const std::optional<compose::DeployUpdatePolicy>& written) {
  if (!written) {
    return std::nullopt;
  }
  engine::ServiceUpdatePolicy policy;
  if (written->parallelism) {
    policy.parallelism = static_cast<uint64_t>(*written->parallelism);
  }
  policy.delay_ns = written->delay_ns;
  policy.failure_action = written->failure_action;
  policy.monitor_ns = written->monitor_ns;
  policy.max_failure_ratio = written->max_failure_ratio;
  policy.order = written->order;
  return policy;
}

void apply_resources(const compose::Service& service, engine::ServiceSpec& spec) {
  const compose::Deploy& deploy = service.deploy;
  std::optional<double> cpus = deploy.limit_cpus ? deploy.limit_cpus : service.options.cpus;
  std::optional<int64_t> memory =
      deploy.limit_memory ? deploy.limit_memory : service.options.mem_limit;
  spec.limit_nano_cpus = cpus ? std::llround(*cpus * k_nanocpus_per_cpu) : 0;
  spec.limit_memory = memory.value_or(0);
  spec.reserve_nano_cpus =
      deploy.reserve_cpus ? std::llround(*deploy.reserve_cpus * k_nanocpus_per_cpu) : 0;
  spec.reserve_memory = deploy.reserve_memory.value_or(0);
}

void apply_container_settings(const compose::Service& service, engine::ServiceSpec& spec) {
  const compose::ContainerOptions& options = service.options;
  spec.healthcheck = health_config(options);
  if (options.stop_grace_period) {
    spec.stop_grace_period_ns = *options.stop_grace_period * k_ns_per_second;
  }
  spec.stop_signal = options.stop_signal;
  spec.tty = options.tty;
  spec.open_stdin = options.stdin_open;
  spec.read_only = options.read_only;
  spec.init = options.init;
  for (const std::string& entry : options.extra_hosts) {
    size_t colon = entry.find(':');  // "host:ip"; an IPv6 address has colons of its own
    spec.hosts.push_back(entry.substr(colon + 1) + " " + entry.substr(0, colon));
  }
  spec.dns = options.dns;
  spec.dns_search = options.dns_search;
  spec.cap_add = options.cap_add;
  spec.cap_drop = options.cap_drop;
  spec.sysctls = options.sysctls;
  if (options.logging) {
    spec.log_driver = engine::LogConfig{options.logging->driver, options.logging->options};
  }
}

std::vector<engine::ServiceNetworkAttachment> swarm_networks(const compose::Project& project,
                                                             const compose::Service& service) {
  std::vector<std::string> link_aliases = link_aliases_of(project, service.name);
  std::vector<engine::ServiceNetworkAttachment> networks;
  for (const compose::ServiceNetwork& joined : service.networks) {
    const compose::NetworkDecl* decl = project.find_network(joined.key);
    engine::ServiceNetworkAttachment attachment;
    attachment.target = decl != nullptr ? decl->name : joined.key;
    // The service's own name, as a stack gives it, then what the file asks.
    attachment.aliases.push_back(service.name);
    for (const std::string& alias : joined.aliases) {
      attachment.aliases.push_back(alias);
    }
    for (const std::string& alias : link_aliases) {
      attachment.aliases.push_back(alias);
    }
    std::sort(attachment.aliases.begin() + 1, attachment.aliases.end());
    attachment.aliases.erase(std::unique(attachment.aliases.begin(), attachment.aliases.end()),
                             attachment.aliases.end());
    networks.push_back(std::move(attachment));
  }
  return networks;
}

std::vector<std::string> swarm_environment(const compose::Service& service,
                                           const std::map<std::string, LinkedContainer>& linked) {
  std::vector<std::string> env;
  // Link variables first: the service's own environment overrides them, as
  // on one engine.
  for (const compose::Link& link : service.links) {
    auto found = linked.find(link.service);
    if (found != linked.end()) {
      merge_environment(env, legacy_link_variables(service.name, link.alias, found->second));
    }
  }
  merge_environment(env, service_environment(service));
  return env;
}

}  // namespace

std::string swarm_service_name(const compose::Project& project, const std::string& service) {
  return project.name + "_" + service;
}

std::vector<compose::Diagnostic> swarm_incompatibilities(const compose::Project& project,
                                                         const std::vector<std::string>& services) {
  std::vector<compose::Diagnostic> problems;
  for (const std::string& name : services) {
    if (const compose::Service* service = project.find_service(name)) {
      check_service(project, *service, problems);
    }
  }
  return problems;
}

std::vector<std::string> swarm_warnings(const compose::Project& project,
                                        const std::vector<std::string>& services) {
  std::vector<std::string> warnings;
  for (const std::string& name : services) {
    const compose::Service* service = project.find_service(name);
    if (service != nullptr && service->berth_health && !service->options.healthcheck) {
      warnings.push_back("service \"" + name +
                         "\": x-berth-health is berth's own probe and does not run on a swarm; "
                         "its dependents wait only for its tasks to run (give it a "
                         "`healthcheck:` to gate them on health)");
    }
  }
  return warnings;
}

engine::NetworkCreate swarm_network_create(const compose::Project& project,
                                           const compose::NetworkDecl& network) {
  engine::NetworkCreate create;
  create.name = network.name;
  create.driver = "overlay";
  create.labels = network.labels;
  create.labels[labels::k_stack_namespace] = project.name;
  create.options = network.options;
  create.internal = network.internal;
  create.attachable = network.attachable;
  create.enable_ipv6 = network.enable_ipv6;
  create.ipam_driver = network.ipam.driver;
  for (const compose::IpamPool& pool : network.ipam.config) {
    create.ipam_pools.push_back({pool.subnet, pool.ip_range, pool.gateway});
  }
  return create;
}

std::vector<std::string> link_aliases_of(const compose::Project& project,
                                         const std::string& service) {
  std::set<std::string> aliases;
  for (const compose::Service& other : project.services) {
    for (const compose::Link& link : other.links) {
      if (link.service == service && link.alias != service) {
        aliases.insert(link.alias);
      }
    }
  }
  return {aliases.begin(), aliases.end()};
}

LinkedContainer link_target_of(const compose::Service& service,
                               const std::vector<std::string>& image_ports,
                               const std::vector<std::string>& image_env) {
  std::set<std::string> ports(image_ports.begin(), image_ports.end());
  for (const compose::ExposedPort& exposed : service.expose) {
    for (uint32_t port = exposed.start; port <= exposed.end; ++port) {
      ports.insert(std::to_string(port) + "/" + exposed.protocol);
    }
  }
  for (const compose::PortMapping& mapping : service.ports) {
    for (uint32_t port = mapping.container_start; port <= mapping.container_end; ++port) {
      ports.insert(std::to_string(port) + "/" + mapping.protocol);
    }
  }
  LinkedContainer target;
  target.exposed_ports.assign(ports.begin(), ports.end());
  target.env = image_env;
  merge_environment(target.env, service_environment(service));
  return target;
}

engine::ServiceSpec swarm_service_spec(const compose::Project& project,
                                       const compose::Service& service,
                                       const std::map<std::string, LinkedContainer>& linked) {
  engine::ServiceSpec spec;
  spec.name = swarm_service_name(project, service.name);
  spec.labels = service.deploy.labels;
  spec.labels[labels::k_stack_namespace] = project.name;
  spec.labels[labels::k_stack_image] = service.image;
  spec.image = service.image;
  spec.command = service.entrypoint;
  spec.args = service.command;
  spec.env = swarm_environment(service, linked);
  spec.working_dir = service.working_dir;
  spec.user = service.user;
  spec.hostname = service.hostname;
  spec.container_labels = service.labels;
  spec.container_labels[labels::k_stack_namespace] = project.name;
  spec.mounts = swarm_mounts(project, service);
  apply_container_settings(service, spec);
  spec.restart_policy = swarm_restart_policy(service);
  apply_resources(service, spec);
  spec.constraints = service.deploy.placement_constraints;
  spec.spread_preferences = service.deploy.placement_spreads;
  spec.max_replicas_per_node = service.deploy.max_replicas_per_node;
  spec.networks = swarm_networks(project, service);
  spec.global = service.deploy.mode == "global";
  spec.replicas = static_cast<uint64_t>(
      service.deploy.replicas.value_or(service.scale.value_or(1)));
  spec.update_config = swarm_update_policy(service.deploy.update_config);
  spec.rollback_config = swarm_update_policy(service.deploy.rollback_config);
  spec.endpoint_mode = service.deploy.endpoint_mode;
  spec.ports = swarm_ports(service);
  spec.labels[labels::k_config_hash] = sha256_hex(engine::service_spec_text(spec));
  return spec;
}

}  // namespace berth::scheduler
