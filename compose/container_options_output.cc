#include "compose/container_options_output.h"

#include <nlohmann/json.hpp>

#include "compose/units.h"

namespace berth::compose {

namespace {

using nlohmann::json;

json healthcheck_json(const Healthcheck& check) {
  json out = {{"test", check.test}};
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
    limits["memory"] = *deploy.limit_memory;
  }
  if (!limits.empty()) {
    out["resources"] = {{"limits", limits}};
  }
  if (deploy.restart_policy) {
    out["restart_policy"] = {{"condition", deploy.restart_policy->condition}};
    if (deploy.restart_policy->max_attempts) {
      out["restart_policy"]["max_attempts"] = *deploy.restart_policy->max_attempts;
    }
  }
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
}

void add_mount_options_json(const VolumeMount& mount, json& entry) {
  if (!mount.propagation.empty()) {
    entry["bind"] = {{"propagation", mount.propagation}};
  }
  if (mount.nocopy) {
    entry["volume"] = {{"nocopy", true}};
  }
  if (mount.tmpfs_size) {
    entry["tmpfs"] = {{"size", *mount.tmpfs_size}};
  }
}

}  // namespace berth::compose
