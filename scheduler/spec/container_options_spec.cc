#include "scheduler/spec/container_options_spec.h"

#include <cmath>

#include "scheduler/spec/engine_settings_spec.h"

namespace berth::scheduler {

std::optional<engine::HealthConfig> health_config(const compose::ContainerOptions& options) {
  if (!options.healthcheck) {
    return std::nullopt;
  }
  const compose::Healthcheck& check = *options.healthcheck;
  engine::HealthConfig health;
  health.test = check.test;
  health.interval = check.interval_ns.value_or(0);
  health.timeout = check.timeout_ns.value_or(0);
  health.start_period = check.start_period_ns.value_or(0);
  health.start_interval = check.start_interval_ns.value_or(0);
  health.retries = check.retries.value_or(0);
  return health;
}

bool is_sent_as_bind(const compose::VolumeMount& mount) {
  using Kind = compose::VolumeMount::Kind;
  if (!mount.long_syntax) {
    return mount.kind == Kind::bind || mount.kind == Kind::named;
  }
  return mount.kind == Kind::bind && (mount.create_host_path || !mount.selinux.empty());
}

namespace {

constexpr double k_nanocpus_per_cpu = 1e9;

// Long-syntax volumes go to the engine as mounts, as compose sends them.
void add_mounts(const compose::Project& project, const compose::Service& service,
                engine::ContainerCreate& spec) {
  for (const auto& v : service.volumes) {
    if (!v.long_syntax || is_sent_as_bind(v)) {
      continue;
    }
    engine::Mount mount;
    mount.target = v.target;
    mount.read_only = v.read_only;
    mount.consistency = v.consistency;
    switch (v.kind) {
      case compose::VolumeMount::Kind::named: {
        const auto* decl = project.find_volume(v.source);
        mount.source = decl ? decl->name : v.source;
        [[fallthrough]];
      }
      case compose::VolumeMount::Kind::anonymous:
        mount.type = "volume";
        mount.no_copy = v.nocopy;
        break;
      case compose::VolumeMount::Kind::bind:
        mount.type = "bind";
        mount.source = v.source;
        mount.propagation = v.propagation;
        break;
      case compose::VolumeMount::Kind::tmpfs:
        mount.type = "tmpfs";
        mount.tmpfs_size = v.tmpfs_size;
        mount.tmpfs_mode = v.tmpfs_mode;
        break;
    }
    spec.mounts.push_back(mount);
  }
}

// deploy.resources.limits win over mem_limit and cpus, as compose lets them.
void add_limits(const compose::Service& service, engine::ContainerCreate& spec) {
  const compose::ContainerOptions& options = service.options;
  std::optional<int64_t> memory = service.deploy.limit_memory ? service.deploy.limit_memory
                                                              : options.mem_limit;
  std::optional<double> cpus = service.deploy.limit_cpus ? service.deploy.limit_cpus : options.cpus;
  spec.memory = memory.value_or(0);
  // Rounded, not truncated as compose does, so 0.3 CPUs is 300000000, not 299999999.
  spec.nano_cpus = cpus ? std::llround(*cpus * k_nanocpus_per_cpu) : 0;
  spec.shm_size = options.shm_size.value_or(0);
  for (const auto& limit : options.ulimits) {
    spec.ulimits.push_back({limit.name, limit.soft, limit.hard});
  }
}

void add_runtime_settings(const compose::ContainerOptions& options,
                          engine::ContainerCreate& spec) {
  spec.extra_hosts = options.extra_hosts;
  spec.dns = options.dns;
  spec.dns_search = options.dns_search;
  spec.cap_add = options.cap_add;
  spec.cap_drop = options.cap_drop;
  spec.privileged = options.privileged;
  spec.readonly_rootfs = options.read_only;
  spec.init = options.init;
  spec.tty = options.tty;
  spec.open_stdin = options.stdin_open;
  spec.tmpfs = options.tmpfs;
  spec.sysctls = options.sysctls;
  spec.stop_signal = options.stop_signal;
  spec.stop_timeout = options.stop_grace_period;
  spec.healthcheck = health_config(options);
  if (options.logging) {
    spec.log_config = engine::LogConfig{options.logging->driver, options.logging->options};
  }
  spec.pid_mode = options.pid;
  spec.ipc_mode = options.ipc;
  for (const auto& device : options.devices) {
    spec.devices.push_back({device.host_path, device.container_path, device.permissions});
  }
  spec.platform = options.platform;
}

}  // namespace

std::string effective_restart_policy(const compose::Service& service) {
  if (!service.deploy.restart_policy) {
    return service.restart;
  }
  const compose::DeployRestartPolicy& policy = *service.deploy.restart_policy;
  if (policy.condition == "none") {
    return "no";
  }
  if (policy.condition == "on-failure") {
    return policy.max_attempts ? "on-failure:" + std::to_string(*policy.max_attempts)
                               : "on-failure";
  }
  // The engine takes a retry count with on-failure only; swarm's count for
  // "any" has no engine equivalent and is dropped.
  return "always";
}

void apply_container_options(const compose::Project& project, const compose::Service& service,
                             engine::ContainerCreate& spec) {
  add_runtime_settings(service.options, spec);
  add_limits(service, spec);
  add_mounts(project, service, spec);
  apply_engine_settings(project, service, spec);
  spec.restart_policy = effective_restart_policy(service);
  // On a user network these are endpoint links; the engine mapping turns
  // them into legacy HostConfig.Links on the default bridge.
  if (spec.network) {
    for (const auto& link : service.options.external_links) {
      spec.network->links.push_back(link.container + ":" + link.alias);
    }
  }
}

}  // namespace berth::scheduler
