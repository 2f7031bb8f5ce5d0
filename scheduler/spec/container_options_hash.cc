#include "scheduler/spec/container_options_hash.h"

#include <nlohmann/json.hpp>

namespace berth::scheduler {

namespace {

using nlohmann::json;

template <class T>
json optional_json(const std::optional<T>& value) {
  return value ? json(*value) : json();
}

json healthcheck_json(const compose::Healthcheck& check) {
  json out = {check.test, optional_json(check.interval_ns), optional_json(check.timeout_ns),
              optional_json(check.start_period_ns), optional_json(check.retries)};
  if (check.start_interval_ns) {  // only when set, so older hashes stay the same
    out.push_back(*check.start_interval_ns);
  }
  return out;
}

json deploy_json(const compose::Deploy& deploy) {
  json out = json::object();
  if (deploy.limit_cpus) {
    out["limit_cpus"] = *deploy.limit_cpus;
  }
  if (deploy.limit_memory) {
    out["limit_memory"] = *deploy.limit_memory;
  }
  if (deploy.restart_policy) {
    out["restart_policy"] = {deploy.restart_policy->condition,
                             optional_json(deploy.restart_policy->max_attempts)};
  }
  return out;
}

json lists_json(const compose::ContainerOptions& o) {
  json out = {{"extra_hosts", o.extra_hosts}, {"dns", o.dns},         {"dns_search", o.dns_search},
              {"cap_add", o.cap_add},         {"cap_drop", o.cap_drop}, {"tmpfs", o.tmpfs},
              {"sysctls", o.sysctls}};
  json ulimits = json::array();
  for (const auto& limit : o.ulimits) {
    ulimits.push_back({limit.name, limit.soft, limit.hard});
  }
  out["ulimits"] = ulimits;
  json devices = json::array();
  for (const auto& device : o.devices) {
    devices.push_back({device.host_path, device.container_path, device.permissions});
  }
  out["devices"] = devices;
  json links = json::array();
  for (const auto& link : o.external_links) {
    links.push_back({link.container, link.alias});
  }
  out["external_links"] = links;
  return out;
}

json scalars_json(const compose::ContainerOptions& o) {
  json out = json::object();
  for (const auto& [key, value] : {std::pair{"privileged", o.privileged},
                                   std::pair{"read_only", o.read_only}, std::pair{"tty", o.tty},
                                   std::pair{"stdin_open", o.stdin_open}}) {
    if (value) {
      out[key] = true;
    }
  }
  for (const auto& [key, value] :
       {std::pair{"stop_signal", &o.stop_signal}, std::pair{"pid", &o.pid},
        std::pair{"ipc", &o.ipc}, std::pair{"platform", &o.platform}}) {
    if (!value->empty()) {
      out[key] = *value;
    }
  }
  out["init"] = optional_json(o.init);
  out["shm_size"] = optional_json(o.shm_size);
  out["mem_limit"] = optional_json(o.mem_limit);
  out["cpus"] = optional_json(o.cpus);
  out["stop_grace_period"] = optional_json(o.stop_grace_period);
  if (o.healthcheck) {
    out["healthcheck"] = healthcheck_json(*o.healthcheck);
  }
  if (o.logging) {
    out["logging"] = {o.logging->driver, o.logging->options};
  }
  return out;
}

// Nulls and empty lists and maps are defaults; leaving them out keeps the text
// independent of which settings exist.
void drop_defaults(json& doc) {
  for (auto it = doc.begin(); it != doc.end();) {
    if (it->is_null() || ((it->is_array() || it->is_object()) && it->empty())) {
      it = doc.erase(it);
    } else {
      ++it;
    }
  }
}

}  // namespace

std::string container_options_text(const compose::Service& service) {
  json doc = lists_json(service.options);
  doc.update(scalars_json(service.options));
  doc["deploy"] = deploy_json(service.deploy);
  drop_defaults(doc);
  return doc.empty() ? std::string() : doc.dump();
}

}  // namespace berth::scheduler
