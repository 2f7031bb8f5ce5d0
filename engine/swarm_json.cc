#include "engine/swarm_json.h"

#include <map>
#include <optional>
#include <utility>

#include "engine/engine.h"
#include "engine/json_mapping.h"
#include "engine/json_readers.h"
#include "engine/json_writers.h"

namespace berth::engine {

using namespace json_readers;
using namespace json_writers;

namespace {

using nlohmann::json;

// --- Request bodies: only what is set, so swarm's defaults fill the rest. ---

json health_json(const HealthConfig& health) {
  json result = json::object();
  add_list(result, "Test", health.test);  // empty: the image's test, these timings
  add_number(result, "Interval", health.interval);
  add_number(result, "Timeout", health.timeout);
  add_number(result, "StartPeriod", health.start_period);
  add_number(result, "Retries", health.retries);
  // StartInterval is API 1.44: not sent, so the spec's text stays the same
  // whatever the engine.
  return result;
}

json volume_options_json(const ServiceMount& mount) {
  json options = json::object();
  add_flag(options, "NoCopy", mount.no_copy);
  add_map(options, "Labels", mount.volume_labels);
  json driver = json::object();
  add_string(driver, "Name", mount.volume_driver);
  add_map(driver, "Options", mount.volume_driver_options);
  add_object(options, "DriverConfig", std::move(driver));
  return options;
}

json mount_json(const ServiceMount& mount) {
  json result = {{"Type", mount.type}, {"Target", mount.target}};
  add_string(result, "Source", mount.source);
  add_flag(result, "ReadOnly", mount.read_only);
  if (mount.type == "volume") {
    add_object(result, "VolumeOptions", volume_options_json(mount));
  }
  if (!mount.bind_propagation.empty()) {
    result["BindOptions"] = {{"Propagation", mount.bind_propagation}};
  }
  if (mount.tmpfs_size) {
    result["TmpfsOptions"] = {{"SizeBytes", *mount.tmpfs_size}};
  }
  return result;
}

json container_spec_json(const ServiceSpec& spec) {
  json container = {{"Image", spec.image}};
  add_optional(container, "Command", spec.command);
  add_optional(container, "Args", spec.args);
  add_list(container, "Env", spec.env);
  add_string(container, "Dir", spec.working_dir);
  add_string(container, "User", spec.user);
  add_string(container, "Hostname", spec.hostname);
  add_map(container, "Labels", spec.container_labels);
  if (!spec.mounts.empty()) {
    json mounts = json::array();
    for (const auto& mount : spec.mounts) {
      mounts.push_back(mount_json(mount));
    }
    container["Mounts"] = std::move(mounts);
  }
  if (spec.healthcheck) {
    container["Healthcheck"] = health_json(*spec.healthcheck);
  }
  add_optional(container, "StopGracePeriod", spec.stop_grace_period_ns);
  add_string(container, "StopSignal", spec.stop_signal);
  add_flag(container, "TTY", spec.tty);  // "TTY" here, "Tty" in a container's Config
  add_flag(container, "OpenStdin", spec.open_stdin);
  add_flag(container, "ReadOnly", spec.read_only);
  add_optional(container, "Init", spec.init);
  add_list(container, "Hosts", spec.hosts);
  json dns = json::object();
  add_list(dns, "Nameservers", spec.dns);
  add_list(dns, "Search", spec.dns_search);
  add_object(container, "DNSConfig", std::move(dns));
  add_list(container, "CapabilityAdd", spec.cap_add);
  add_list(container, "CapabilityDrop", spec.cap_drop);
  add_map(container, "Sysctls", spec.sysctls);
  return container;
}

json restart_policy_json(const ServiceRestartPolicy& policy) {
  json result = json::object();
  add_string(result, "Condition", policy.condition);
  add_optional(result, "Delay", policy.delay_ns);  // absent: swarm's 5s
  add_optional(result, "MaxAttempts", policy.max_attempts);
  add_optional(result, "Window", policy.window_ns);
  return result;
}

json resources_json(const ServiceSpec& spec) {
  json limits = json::object();
  add_number(limits, "NanoCPUs", spec.limit_nano_cpus);
  add_number(limits, "MemoryBytes", spec.limit_memory);
  json reservations = json::object();
  add_number(reservations, "NanoCPUs", spec.reserve_nano_cpus);
  add_number(reservations, "MemoryBytes", spec.reserve_memory);
  json result = json::object();
  add_object(result, "Limits", std::move(limits));
  add_object(result, "Reservations", std::move(reservations));
  return result;
}

json placement_json(const ServiceSpec& spec) {
  json result = json::object();
  add_list(result, "Constraints", spec.constraints);
  if (!spec.spread_preferences.empty()) {
    json preferences = json::array();
    for (const auto& descriptor : spec.spread_preferences) {
      preferences.push_back({{"Spread", {{"SpreadDescriptor", descriptor}}}});
    }
    result["Preferences"] = std::move(preferences);
  }
  add_optional(result, "MaxReplicas", spec.max_replicas_per_node);
  return result;
}

json task_template_json(const ServiceSpec& spec) {
  json task = {{"ContainerSpec", container_spec_json(spec)}};
  if (spec.restart_policy) {
    task["RestartPolicy"] = restart_policy_json(*spec.restart_policy);
  }
  add_object(task, "Resources", resources_json(spec));
  add_object(task, "Placement", placement_json(spec));
  if (spec.log_driver) {
    json driver = {{"Name", spec.log_driver->type}};
    add_map(driver, "Options", spec.log_driver->config);
    task["LogDriver"] = std::move(driver);
  }
  if (!spec.networks.empty()) {
    json networks = json::array();
    for (const auto& network : spec.networks) {
      json attachment = {{"Target", network.target}};
      add_list(attachment, "Aliases", network.aliases);
      networks.push_back(std::move(attachment));
    }
    task["Networks"] = std::move(networks);
  }
  return task;
}

json update_policy_json(const ServiceUpdatePolicy& policy) {
  // Swarm reads an absent Parallelism as 0, "all tasks at once", not as its
  // default of 1 (what a service without an UpdateConfig gets, and what
  // `docker stack deploy` sends): unset means that default here too.
  json result = {{"Parallelism", policy.parallelism.value_or(1)}};
  add_optional(result, "Delay", policy.delay_ns);
  add_string(result, "FailureAction", policy.failure_action);
  add_optional(result, "Monitor", policy.monitor_ns);  // absent: swarm's 5s
  add_optional(result, "MaxFailureRatio", policy.max_failure_ratio);
  add_string(result, "Order", policy.order);
  return result;
}

json endpoint_spec_json(const ServiceSpec& spec) {
  json result = json::object();
  add_string(result, "Mode", spec.endpoint_mode);
  if (!spec.ports.empty()) {
    json ports = json::array();
    for (const auto& port : spec.ports) {
      json entry = {{"TargetPort", port.target_port}};
      add_string(entry, "Protocol", port.protocol);
      add_number(entry, "PublishedPort", port.published_port);
      add_string(entry, "PublishMode", port.publish_mode);
      ports.push_back(std::move(entry));
    }
    result["Ports"] = std::move(ports);
  }
  return result;
}

// --- Answer bodies. ---

// Keeps the struct's default (e.g. "tcp") when the engine leaves a text out.
void read_string(const json& object, std::string_view key, std::string& target) {
  if (auto value = string_at(object, key); !value.empty()) {
    target = std::move(value);
  }
}

template <class T, class Convert>
std::vector<T> map_array_at(const json& object, std::string_view key, Convert convert) {
  std::vector<T> result;
  const json* array = field(object, key);
  if (array != nullptr && array->is_array()) {
    for (const auto& item : *array) {
      if (item.is_object()) {
        result.push_back(convert(item));
      }
    }
  }
  return result;
}

ServicePort to_service_port(const json& item) {
  ServicePort port;
  read_string(item, "Protocol", port.protocol);
  port.target_port = static_cast<uint32_t>(integer_at(item, "TargetPort"));
  port.published_port = static_cast<uint32_t>(integer_at(item, "PublishedPort"));
  read_string(item, "PublishMode", port.publish_mode);
  return port;
}

ServiceSummary to_service_summary(const json& item) {
  ServiceSummary summary;
  summary.id = string_at(item, "ID");
  summary.version = static_cast<uint64_t>(integer_at(object_at(item, "Version"), "Index"));
  const json& spec = object_at(item, "Spec");
  summary.name = string_at(spec, "Name");
  summary.labels = string_map_at(spec, "Labels");
  summary.image = string_at(object_at(object_at(spec, "TaskTemplate"), "ContainerSpec"), "Image");
  const json& mode = object_at(spec, "Mode");
  summary.global = field(mode, "Global") != nullptr;  // {"Global": {}}
  summary.replicas = static_cast<uint64_t>(integer_at(object_at(mode, "Replicated"), "Replicas"));
  // Endpoint, not Spec.EndpointSpec: the ports as published, swarm's picks included.
  const json& endpoint = object_at(item, "Endpoint");
  summary.ports = map_array_at<ServicePort>(endpoint, "Ports", to_service_port);
  summary.virtual_ips = map_array_at<ServiceVirtualIp>(endpoint, "VirtualIPs", [](const json& ip) {
    return ServiceVirtualIp{string_at(ip, "NetworkID"), string_at(ip, "Addr")};
  });
  const json& update = object_at(item, "UpdateStatus");  // absent until the first update
  summary.update_state = string_at(update, "State");
  summary.update_message = string_at(update, "Message");
  return summary;
}

TaskSummary to_task_summary(const json& item) {
  TaskSummary task;
  task.id = string_at(item, "ID");
  task.service_id = string_at(item, "ServiceID");
  task.node_id = string_at(item, "NodeID");  // absent until scheduled
  task.slot = static_cast<int>(integer_at(item, "Slot"));
  task.desired_state = string_at(item, "DesiredState");
  const json& status = object_at(item, "Status");
  task.state = string_at(status, "State");
  task.message = string_at(status, "Message");
  task.error = string_at(status, "Err");  // absent unless the task failed or was rejected
  const json& container = object_at(status, "ContainerStatus");
  task.container_id = string_at(container, "ContainerID");
  task.exit_code = static_cast<int>(integer_at(container, "ExitCode"));
  return task;
}

}  // namespace

nlohmann::json service_spec_body(const ServiceSpec& spec) {
  json body = {{"TaskTemplate", task_template_json(spec)}};
  add_string(body, "Name", spec.name);
  add_map(body, "Labels", spec.labels);
  // Replicas is always sent: 0 is a valid count (a scaled-down service).
  body["Mode"] = spec.global ? json{{"Global", json::object()}}
                             : json{{"Replicated", {{"Replicas", spec.replicas}}}};
  if (spec.update_config) {
    body["UpdateConfig"] = update_policy_json(*spec.update_config);
  }
  if (spec.rollback_config) {
    body["RollbackConfig"] = update_policy_json(*spec.rollback_config);
  }
  add_object(body, "EndpointSpec", endpoint_spec_json(spec));
  return body;
}

std::string service_spec_text(const ServiceSpec& spec) {
  // nlohmann::json keeps an object's members in a std::map, so dump() writes
  // them in sorted order: the text depends on the spec only, never on the
  // order the body was built in.
  return service_spec_body(spec).dump();
}

std::string task_filters_query(const std::string& service) {
  const json filters = {{"service", json::array({service})}};
  return "filters=" + url_encode(filters.dump());
}

Result<SwarmInfo> parse_swarm_info(const std::string& body) {
  return parse_body(body, json::value_t::object, [](const json& document) {
    const json& swarm = object_at(document, "Swarm");
    return SwarmInfo{string_at(swarm, "LocalNodeState"), bool_at(swarm, "ControlAvailable"),
                     string_at(swarm, "NodeID"), static_cast<int>(integer_at(swarm, "Managers")),
                     static_cast<int>(integer_at(swarm, "Nodes"))};
  });
}

Result<std::string> parse_engine_id(const std::string& body) {
  return parse_body(body, json::value_t::object,
                    [](const json& document) { return string_at(document, "ID"); });
}

Result<std::string> parse_service_created(const std::string& body) {
  return parse_body(body, json::value_t::object, [](const json& document) {
    // Swarm's answer says "ID"; the container and network ones say "Id".
    auto id = string_at(document, "ID");
    return id.empty() ? string_at(document, "Id") : id;
  });
}

Result<std::vector<ServiceSummary>> parse_service_list(const std::string& body) {
  return parse_body(body, json::value_t::array, [](const json& document) {
    std::vector<ServiceSummary> result;
    for (const auto& item : document) {
      if (item.is_object()) {
        result.push_back(to_service_summary(item));
      }
    }
    return result;
  });
}

Result<ServiceSummary> parse_service(const std::string& body) {
  return parse_body(body, json::value_t::object, to_service_summary);
}

Result<std::vector<TaskSummary>> parse_task_list(const std::string& body) {
  return parse_body(body, json::value_t::array, [](const json& document) {
    std::vector<TaskSummary> result;
    for (const auto& item : document) {
      if (item.is_object()) {
        result.push_back(to_task_summary(item));
      }
    }
    return result;
  });
}

}  // namespace berth::engine
