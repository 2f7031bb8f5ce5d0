#include "engine/container_settings_json.h"

#include <utility>

#include "engine/container_tuning_json.h"
#include "engine/json_writers.h"

namespace berth::engine {

namespace {

using nlohmann::json;
using namespace json_writers;

json health_json(const HealthConfig& health) {
  json result = {{"Test", health.test}};
  add_number(result, "Interval", health.interval);
  add_number(result, "Timeout", health.timeout);
  add_number(result, "StartPeriod", health.start_period);
  add_number(result, "StartInterval", health.start_interval);
  add_number(result, "Retries", health.retries);
  return result;
}

json mount_json(const Mount& mount) {
  json result = {{"Type", mount.type}, {"Target", mount.target}, {"ReadOnly", mount.read_only}};
  if (!mount.source.empty()) {
    result["Source"] = mount.source;
  }
  if (!mount.propagation.empty()) {
    result["BindOptions"] = {{"Propagation", mount.propagation}};
  }
  if (mount.no_copy) {
    result["VolumeOptions"] = {{"NoCopy", true}};
  }
  if (mount.tmpfs_size) {
    result["TmpfsOptions"]["SizeBytes"] = *mount.tmpfs_size;
  }
  if (mount.tmpfs_mode) {
    result["TmpfsOptions"]["Mode"] = *mount.tmpfs_mode;
  }
  if (!mount.consistency.empty()) {
    result["Consistency"] = mount.consistency;
  }
  return result;
}

void add_config_settings(const ContainerCreate& spec, json& config) {
  add_flag(config, "Tty", spec.tty);
  add_flag(config, "OpenStdin", spec.open_stdin);
  add_flag(config, "StdinOnce", spec.stdin_once);
  if (!spec.stop_signal.empty()) {
    config["StopSignal"] = spec.stop_signal;
  }
  if (spec.stop_timeout) {
    config["StopTimeout"] = *spec.stop_timeout;
  }
  if (spec.healthcheck) {
    config["Healthcheck"] = health_json(*spec.healthcheck);
  }
}

void add_resources(const ContainerCreate& spec, json& host) {
  add_number(host, "ShmSize", spec.shm_size);
  add_number(host, "Memory", spec.memory);
  add_number(host, "NanoCpus", spec.nano_cpus);
  if (!spec.ulimits.empty()) {
    json ulimits = json::array();
    for (const auto& limit : spec.ulimits) {
      ulimits.push_back({{"Name", limit.name}, {"Soft", limit.soft}, {"Hard", limit.hard}});
    }
    host["Ulimits"] = std::move(ulimits);
  }
  if (!spec.devices.empty()) {
    json devices = json::array();
    for (const auto& device : spec.devices) {
      devices.push_back({{"PathOnHost", device.path_on_host},
                         {"PathInContainer", device.path_in_container},
                         {"CgroupPermissions", device.cgroup_permissions}});
    }
    host["Devices"] = std::move(devices);
  }
}

void add_host_settings(const ContainerCreate& spec, json& host) {
  add_list(host, "ExtraHosts", spec.extra_hosts);
  add_list(host, "Dns", spec.dns);
  add_list(host, "DnsSearch", spec.dns_search);
  add_list(host, "CapAdd", spec.cap_add);
  add_list(host, "CapDrop", spec.cap_drop);
  add_flag(host, "Privileged", spec.privileged);
  add_flag(host, "ReadonlyRootfs", spec.readonly_rootfs);
  if (spec.init) {
    host["Init"] = *spec.init;
  }
  if (!spec.tmpfs.empty()) {
    host["Tmpfs"] = spec.tmpfs;
  }
  if (!spec.sysctls.empty()) {
    host["Sysctls"] = spec.sysctls;
  }
  if (spec.log_config) {
    host["LogConfig"] = {{"Type", spec.log_config->type}, {"Config", spec.log_config->config}};
  }
  if (!spec.pid_mode.empty()) {
    host["PidMode"] = spec.pid_mode;
  }
  if (!spec.ipc_mode.empty()) {
    host["IpcMode"] = spec.ipc_mode;
  }
  if (!spec.mounts.empty()) {
    json mounts = json::array();
    for (const auto& mount : spec.mounts) {
      mounts.push_back(mount_json(mount));
    }
    host["Mounts"] = std::move(mounts);
  }
  add_resources(spec, host);
}

}  // namespace

void add_container_settings(const ContainerCreate& spec, json& config, json& host_config) {
  add_config_settings(spec, config);
  add_host_settings(spec, host_config);
  add_container_tuning(spec.tuning, config, host_config);
}

}  // namespace berth::engine
