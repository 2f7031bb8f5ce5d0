#include "compose/container_options_output.h"

#include <nlohmann/json.hpp>

#include "compose/engine_settings_output.h"
#include "compose/units.h"

namespace berth::compose {

namespace {

using nlohmann::json;

json healthcheck_json(const Healthcheck& check) {
  // No test: the image's (`disable: false` alone); `test: []` would not read back.
  json out = json::object();
  if (!check.test.empty()) {
    out["test"] = check.test;
  }
  const std::pair<const char*, const std::optional<int64_t>*> durations[] = {
      {"interval", &check.interval_ns},
      {"timeout", &check.timeout_ns},
      {"start_period", &check.start_period_ns},
      {"start_interval", &check.start_interval_ns}};
  for (const auto& [key, value] : durations) {
    if (*value) {
      out[key] = format_duration_ns(**value);
    }
  }
  if (check.retries) {
    out["retries"] = *check.retries;
  }
  return out;
}

json update_policy_json(const DeployUpdatePolicy& policy) {
  json out = json::object();
  if (policy.parallelism) {
    out["parallelism"] = *policy.parallelism;
  }
  if (policy.delay_ns) {
    out["delay"] = format_duration_ns(*policy.delay_ns);
  }
  if (!policy.failure_action.empty()) {
    out["failure_action"] = policy.failure_action;
  }
  if (policy.monitor_ns) {
    out["monitor"] = format_duration_ns(*policy.monitor_ns);
  }
  if (policy.max_failure_ratio) {
    out["max_failure_ratio"] = *policy.max_failure_ratio;
  }
  if (!policy.order.empty()) {
    out["order"] = policy.order;
  }
  return out;
}

// The keys only `berth deploy` uses.
void add_swarm_deploy_json(const Deploy& deploy, json& out) {
  if (!deploy.labels.empty()) {
    out["labels"] = deploy.labels;
  }
  json placement = json::object();
  if (!deploy.placement_constraints.empty()) {
    placement["constraints"] = deploy.placement_constraints;
  }
  for (const std::string& spread : deploy.placement_spreads) {
    placement["preferences"].push_back({{"spread", spread}});
  }
  if (deploy.max_replicas_per_node) {
    placement["max_replicas_per_node"] = *deploy.max_replicas_per_node;
  }
  if (!placement.empty()) {
    out["placement"] = placement;
  }
  if (deploy.update_config) {
    out["update_config"] = update_policy_json(*deploy.update_config);
  }
  if (deploy.rollback_config) {
    out["rollback_config"] = update_policy_json(*deploy.rollback_config);
  }
  if (!deploy.endpoint_mode.empty()) {
    out["endpoint_mode"] = deploy.endpoint_mode;
  }
}

json deploy_json(const Service& service) {
  const Deploy& deploy = service.deploy;
  json out = json::object();
  if (!deploy.mode.empty()) {
    out["mode"] = deploy.mode;
  }
  if (deploy.replicas) {
    out["replicas"] = *deploy.replicas;
  }
  json limits = json::object();
  if (deploy.limit_cpus) {
    limits["cpus"] = *deploy.limit_cpus;
  }
  if (deploy.limit_memory) {
    limits["memory"] = std::to_string(*deploy.limit_memory);  // compose v2's schema: a string
  }
  if (!limits.empty()) {
    out["resources"] = {{"limits", limits}};
  }
  json reservations = json::object();
  if (deploy.reserve_cpus) {
    reservations["cpus"] = *deploy.reserve_cpus;
  }
  if (deploy.reserve_memory) {
    reservations["memory"] = std::to_string(*deploy.reserve_memory);
  }
  if (!reservations.empty()) {
    out["resources"]["reservations"] = reservations;
  }
  if (deploy.restart_policy) {
    const DeployRestartPolicy& policy = *deploy.restart_policy;
    out["restart_policy"] = {{"condition", policy.condition}};
    if (policy.max_attempts) {
      out["restart_policy"]["max_attempts"] = *policy.max_attempts;
    }
    if (policy.delay_ns) {
      out["restart_policy"]["delay"] = format_duration_ns(*policy.delay_ns);
    }
    if (policy.window_ns) {
      out["restart_policy"]["window"] = format_duration_ns(*policy.window_ns);
    }
  }
  add_swarm_deploy_json(deploy, out);
  return out;
}

// Lists and mappings; config_output.cc drops the empty ones.
void add_collections(const ContainerOptions& o, json& doc) {
  json hosts = json::object();
  for (const std::string& entry : o.extra_hosts) {
    size_t colon = entry.find(':');
    hosts[entry.substr(0, colon)] = entry.substr(colon + 1);
  }
  json tmpfs = json::array();
  for (const auto& [target, options] : o.tmpfs) {
    tmpfs.push_back(options.empty() ? target : target + ":" + options);
  }
  json ulimits = json::object();
  for (const Ulimit& limit : o.ulimits) {
    ulimits[limit.name] = limit.soft == limit.hard
                              ? json(limit.soft)
                              : json{{"soft", limit.soft}, {"hard", limit.hard}};
  }
  json devices = json::array();
  for (const Device& device : o.devices) {
    devices.push_back(device.host_path + ":" + device.container_path + ":" + device.permissions);
  }
  json links = json::array();
  for (const ExternalLink& link : o.external_links) {
    links.push_back(link.container + ":" + link.alias);
  }
  doc.update({{"extra_hosts", hosts}, {"dns", o.dns}, {"dns_search", o.dns_search},
              {"cap_add", o.cap_add}, {"cap_drop", o.cap_drop}, {"tmpfs", tmpfs},
              {"ulimits", ulimits}, {"sysctls", o.sysctls}, {"devices", devices},
              {"external_links", links}});
}

void add_scalars(const ContainerOptions& o, json& doc) {
  for (const auto& [key, value] : {std::pair{"privileged", o.privileged},
                                   std::pair{"read_only", o.read_only}, std::pair{"tty", o.tty},
                                   std::pair{"stdin_open", o.stdin_open}}) {
    if (value) {
      doc[key] = true;
    }
  }
  for (const auto& [key, value] :
       {std::pair{"stop_signal", &o.stop_signal}, std::pair{"pid", &o.pid},
        std::pair{"ipc", &o.ipc}, std::pair{"platform", &o.platform}}) {
    if (!value->empty()) {
      doc[key] = *value;
    }
  }
  if (o.init) {
    doc["init"] = *o.init;
  }
  for (const auto& [key, value] :
       {std::pair{"shm_size", &o.shm_size}, std::pair{"mem_limit", &o.mem_limit}}) {
    if (*value) {
      doc[key] = **value;
    }
  }
  if (o.cpus) {
    doc["cpus"] = *o.cpus;
  }
  if (o.stop_grace_period) {
    doc["stop_grace_period"] = std::to_string(*o.stop_grace_period) + "s";
  }
  if (o.healthcheck) {
    doc["healthcheck"] = healthcheck_json(*o.healthcheck);
  }
  if (o.logging) {
    doc["logging"] = {{"driver", o.logging->driver}, {"options", o.logging->options}};
  }
}

}  // namespace

void add_container_options_json(const Service& service, json& doc) {
  add_collections(service.options, doc);
  add_scalars(service.options, doc);
  doc["deploy"] = deploy_json(service);
  if (service.scale) {
    doc["scale"] = *service.scale;
  }
  add_engine_settings_json(service, doc);
}

// Each under its type's key, as compose v2 writes them; a short-syntax bind
// shows create_host_path: true, so that reading the output back keeps it.
void add_mount_options_json(const VolumeMount& mount, json& entry) {
  for (const auto& [key, value] : {std::pair{"propagation", &mount.propagation},
                                   std::pair{"selinux", &mount.selinux}}) {
    if (!value->empty()) {
      entry["bind"][key] = *value;
    }
  }
  if (mount.create_host_path) {
    entry["bind"]["create_host_path"] = true;
  }
  if (mount.nocopy) {
    entry["volume"]["nocopy"] = true;
  }
  if (!mount.subpath.empty()) {
    entry["volume"]["subpath"] = mount.subpath;
  }
  if (mount.tmpfs_size) {
    entry["tmpfs"]["size"] = *mount.tmpfs_size;
  }
  if (mount.tmpfs_mode) {
    entry["tmpfs"]["mode"] = *mount.tmpfs_mode;
  }
  if (!mount.consistency.empty()) {
    entry["consistency"] = mount.consistency;
  }
}

}  // namespace berth::compose
