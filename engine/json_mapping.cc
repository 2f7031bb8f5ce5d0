#include "engine/json_mapping.h"

#include <charconv>
#include <optional>
#include <set>
#include <utility>

#include "engine/container_settings_json.h"
#include "engine/json_readers.h"

namespace berth::engine {

// The lenient readers, shared with the event parser.
using namespace json_readers;

namespace {

using nlohmann::json;

// --- Request bodies. ---

json empty_set(const std::vector<std::string>& keys) {
  json result = json::object();
  for (const auto& key : keys) {
    result[key] = json::object();
  }
  return result;
}

json container_config(const ContainerCreate& spec) {
  json config = {{"Image", spec.image}, {"Env", spec.env}, {"Labels", spec.labels}};
  if (spec.cmd) {
    config["Cmd"] = *spec.cmd;
  }
  if (spec.entrypoint) {
    config["Entrypoint"] = *spec.entrypoint;
  }
  // A published port is also an exposed one, as with `docker run -p`.
  std::set<std::string> exposed(spec.exposed_ports.begin(), spec.exposed_ports.end());
  for (const auto& [port, bindings] : spec.port_bindings) {
    exposed.insert(port);
  }
  if (!exposed.empty()) {
    config["ExposedPorts"] = empty_set({exposed.begin(), exposed.end()});
  }
  if (!spec.anonymous_volumes.empty()) {
    config["Volumes"] = empty_set(spec.anonymous_volumes);
  }
  for (const auto& [key, value] :
       {std::pair{"Hostname", &spec.hostname}, std::pair{"User", &spec.user},
        std::pair{"WorkingDir", &spec.working_dir}}) {
    if (!value->empty()) {
      config[key] = *value;
    }
  }
  return config;
}

json host_config(const ContainerCreate& spec, const RestartPolicy& restart) {
  json host = json::object();
  if (!spec.binds.empty()) {
    host["Binds"] = spec.binds;
  }
  if (!spec.port_bindings.empty()) {
    json ports = json::object();
    for (const auto& [port, bindings] : spec.port_bindings) {
      json list = json::array();
      for (const auto& binding : bindings) {
        list.push_back({{"HostIp", binding.host_ip}, {"HostPort", binding.host_port}});
      }
      ports[port] = std::move(list);
    }
    host["PortBindings"] = std::move(ports);
  }
  if (!spec.volumes_from.empty()) {
    host["VolumesFrom"] = spec.volumes_from;
  }
  if (!restart.name.empty()) {
    host["RestartPolicy"] = {{"Name", restart.name},
                             {"MaximumRetryCount", restart.maximum_retry_count}};
  }
  if (!spec.network_mode.empty()) {
    host["NetworkMode"] = spec.network_mode;
  } else if (spec.network) {
    host["NetworkMode"] = spec.network->network;
    // On the default bridge the engine makes legacy links only from HostConfig.
    if (spec.network->network == "bridge" && !spec.network->links.empty()) {
      host["Links"] = spec.network->links;
    }
  }
  return host;
}

json endpoint_json(const EndpointConfig& endpoint) {
  json result = {{"Aliases", endpoint.aliases}, {"Links", endpoint.links}};
  json ipam = json::object();
  if (!endpoint.ipv4_address.empty()) {
    ipam["IPv4Address"] = endpoint.ipv4_address;
  }
  if (!endpoint.ipv6_address.empty()) {
    ipam["IPv6Address"] = endpoint.ipv6_address;
  }
  if (!endpoint.link_local_ips.empty()) {
    ipam["LinkLocalIPs"] = endpoint.link_local_ips;
  }
  if (!ipam.empty()) {
    result["IPAMConfig"] = std::move(ipam);
  }
  if (!endpoint.driver_opts.empty()) {
    result["DriverOpts"] = endpoint.driver_opts;
  }
  return result;
}

json ipam_json(const NetworkCreate& spec) {
  json pools = json::array();
  for (const auto& pool : spec.ipam_pools) {
    json entry = json::object();
    for (const auto& [key, value] :
         {std::pair{"Subnet", &pool.subnet}, std::pair{"IPRange", &pool.ip_range},
          std::pair{"Gateway", &pool.gateway}}) {
      if (!value->empty()) {
        entry[key] = *value;
      }
    }
    if (!pool.aux_addresses.empty()) {
      entry["AuxiliaryAddresses"] = pool.aux_addresses;
    }
    pools.push_back(std::move(entry));
  }
  return {{"Driver", spec.ipam_driver.empty() ? std::string("default") : spec.ipam_driver},
          {"Config", std::move(pools)},
          {"Options", spec.ipam_options}};
}

// --- Answer bodies. ---

ContainerSummary to_container_summary(const json& item) {
  ContainerSummary summary;
  summary.id = string_at(item, "Id");
  // A linked container also lists "/other/alias" names; the own name has no '/'.
  for (const auto& name : strings_at(item, "Names")) {
    const auto bare = name.starts_with('/') ? name.substr(1) : name;
    if (summary.name.empty() || bare.find('/') == std::string::npos) {
      summary.name = bare;
    }
    if (bare.find('/') == std::string::npos) {
      break;
    }
  }
  summary.image = string_at(item, "Image");
  summary.labels = string_map_at(item, "Labels");
  summary.state = string_at(item, "State");
  summary.status = string_at(item, "Status");
  summary.command = string_at(item, "Command");
  summary.created = integer_at(item, "Created");
  if (const json* mounts = field(item, "Mounts"); mounts != nullptr && mounts->is_array()) {
    for (const auto& mount : *mounts) {
      const auto name = string_at(mount, "Name");
      summary.mounts.push_back(name.empty() ? string_at(mount, "Source") : name);
      if (string_at(mount, "Type") == "volume" && string_at(mount, "Driver") == "local") {
        ++summary.local_volumes;
      }
    }
  }
  if (const json* settings = field(item, "NetworkSettings"); settings != nullptr) {
    if (const json* networks = field(*settings, "Networks");
        networks != nullptr && networks->is_object()) {
      for (auto network = networks->begin(); network != networks->end(); ++network) {
        summary.networks.push_back(network.key());
      }
    }
  }
  const json* ports = field(item, "Ports");
  if (ports != nullptr && ports->is_array()) {
    for (const auto& port : *ports) {
      summary.ports.push_back(
          {string_at(port, "IP"), static_cast<uint16_t>(integer_at(port, "PrivatePort")),
           static_cast<uint16_t>(integer_at(port, "PublicPort")), string_at(port, "Type")});
    }
  }
  return summary;
}

// State.Health; nullopt when the container has no health check (the engine
// leaves the object out, or sends null).
std::optional<ContainerHealth> to_container_health(const json& state) {
  const json* health = field(state, "Health");
  if (health == nullptr || !health->is_object()) {
    return std::nullopt;
  }
  ContainerHealth result;
  result.status = string_at(*health, "Status");
  result.failing_streak = static_cast<int>(integer_at(*health, "FailingStreak"));
  const json* log = field(*health, "Log");
  if (log != nullptr && log->is_array()) {
    for (const auto& entry : *log) {
      if (entry.is_object()) {
        result.log.push_back({string_at(entry, "Start"), string_at(entry, "End"),
                              static_cast<int>(integer_at(entry, "ExitCode")),
                              string_at(entry, "Output")});
      }
    }
  }
  return result;
}

ContainerDetails to_container_details(const json& document) {
  ContainerDetails details;
  details.id = string_at(document, "Id");
  details.name = string_at(document, "Name");
  if (details.name.starts_with('/')) {
    details.name.erase(0, 1);
  }
  details.image = string_at(document, "Image");
  const json& config = object_at(document, "Config");
  details.labels = string_map_at(config, "Labels");
  details.env = strings_at(config, "Env");
  details.exposed_ports = keys_at(config, "ExposedPorts");
  details.tty = bool_at(config, "Tty");
  details.open_stdin = bool_at(config, "OpenStdin");
  const json& state = object_at(document, "State");
  details.status = string_at(state, "Status");
  details.running = bool_at(state, "Running");
  details.exit_code = static_cast<int>(integer_at(state, "ExitCode"));
  details.started_at = string_at(state, "StartedAt");
  details.finished_at = string_at(state, "FinishedAt");
  details.health = to_container_health(state);
  details.restart_policy =
      string_at(object_at(object_at(document, "HostConfig"), "RestartPolicy"), "Name");
  const json& networks = object_at(object_at(document, "NetworkSettings"), "Networks");
  for (const auto& [name, network] : networks.items()) {
    details.networks[name] = {string_at(network, "IPAddress"), strings_at(network, "Aliases"),
                              string_at(network, "NetworkID")};
  }
  // null for an exposed port that is not published: an empty list then.
  const json* ports = field(object_at(document, "NetworkSettings"), "Ports");
  if (ports != nullptr && ports->is_object()) {
    for (const auto& [port, bindings] : ports->items()) {
      auto& list = details.published_ports[port];
      for (const auto& binding : bindings.is_array() ? bindings : json::array()) {
        list.push_back({string_at(binding, "HostIp"), string_at(binding, "HostPort")});
      }
    }
  }
  const json* mounts = field(document, "Mounts");
  if (mounts != nullptr && mounts->is_array()) {
    for (const auto& mount : *mounts) {
      if (mount.is_object()) {
        details.mounts.push_back({string_at(mount, "Type"), string_at(mount, "Name"),
                                  string_at(mount, "Source"), string_at(mount, "Destination"),
                                  bool_at(mount, "RW")});
      }
    }
  }
  return details;
}

template <class T, class Convert>
std::vector<T> map_array(const json& array, Convert convert) {
  std::vector<T> result;
  for (const auto& item : array) {
    if (item.is_object()) {
      result.push_back(convert(item));
    }
  }
  return result;
}

}  // namespace

Result<RestartPolicy> parse_restart_policy(const std::string& text) {
  if (text.empty() || text == "no" || text == "always" || text == "unless-stopped" ||
      text == "on-failure") {
    return RestartPolicy{text, 0};
  }
  constexpr std::string_view k_on_failure = "on-failure:";
  if (text.starts_with(k_on_failure)) {
    const auto count = std::string_view(text).substr(k_on_failure.size());
    int value = 0;
    const auto [end, error] = std::from_chars(count.data(), count.data() + count.size(), value);
    if (error == std::errc() && end == count.data() + count.size() && value >= 0) {
      return RestartPolicy{"on-failure", value};
    }
  }
  return Error{ErrorCode::bad_request, 0,
               "invalid restart policy \"" + text +
                   "\": expected no, always, unless-stopped, on-failure or on-failure:N"};
}

Result<nlohmann::json> container_create_body(const ContainerCreate& spec) {
  auto restart = parse_restart_policy(spec.restart_policy);
  if (!restart) {
    return restart.error();
  }
  json body = container_config(spec);
  body["HostConfig"] = host_config(spec, *restart);
  add_container_settings(spec, body, body["HostConfig"]);
  if (spec.network && spec.network_mode.empty()) {
    body["NetworkingConfig"] = {
        {"EndpointsConfig", {{spec.network->network, endpoint_json(*spec.network)}}}};
    if (!spec.network->mac_address.empty()) {
      body["MacAddress"] = spec.network->mac_address;
    }
  }
  return body;
}

nlohmann::json network_create_body(const NetworkCreate& spec) {
  json body = {{"Name", spec.name},
               {"CheckDuplicate", true},
               {"Driver", spec.driver},
               {"Labels", spec.labels}};
  // Only what differs from the engine's defaults, so plain bodies stay plain.
  if (!spec.options.empty()) {
    body["Options"] = spec.options;
  }
  for (const auto& [key, flag] :
       {std::pair{"Internal", spec.internal}, std::pair{"Attachable", spec.attachable},
        std::pair{"EnableIPv6", spec.enable_ipv6}}) {
    if (flag) {
      body[key] = true;
    }
  }
  if (!spec.ipam_driver.empty() || !spec.ipam_pools.empty() || !spec.ipam_options.empty()) {
    body["IPAM"] = ipam_json(spec);
  }
  return body;
}

nlohmann::json network_connect_body(const std::string& container, const EndpointConfig& endpoint) {
  return {{"Container", container}, {"EndpointConfig", endpoint_json(endpoint)}};
}

nlohmann::json network_disconnect_body(const std::string& container, bool force) {
  return {{"Container", container}, {"Force", force}};
}

nlohmann::json volume_create_body(const VolumeCreate& spec) {
  json body = {{"Name", spec.name}, {"Driver", spec.driver}, {"Labels", spec.labels}};
  if (!spec.driver_opts.empty()) {
    body["DriverOpts"] = spec.driver_opts;
  }
  return body;
}

Result<std::string> parse_created_id(const std::string& body) {
  return parse_body(body, json::value_t::object,
                    [](const json& document) { return string_at(document, "Id"); });
}

Result<std::vector<ContainerSummary>> parse_container_list(const std::string& body) {
  return parse_body(body, json::value_t::array, [](const json& document) {
    return map_array<ContainerSummary>(document, to_container_summary);
  });
}

Result<ContainerDetails> parse_container_details(const std::string& body) {
  return parse_body(body, json::value_t::object, to_container_details);
}

Result<std::vector<NetworkSummary>> parse_network_list(const std::string& body) {
  return parse_body(body, json::value_t::array, [](const json& document) {
    return map_array<NetworkSummary>(document, [](const json& item) {
      return NetworkSummary{string_at(item, "Id"), string_at(item, "Name"),
                            string_at(item, "Driver"), string_map_at(item, "Labels")};
    });
  });
}

Result<std::vector<VolumeSummary>> parse_volume_list(const std::string& body) {
  return parse_body(body, json::value_t::object, [](const json& document) {
    const json* volumes = field(document, "Volumes");  // null when there are none
    if (volumes == nullptr || !volumes->is_array()) {
      return std::vector<VolumeSummary>{};
    }
    return map_array<VolumeSummary>(*volumes, [](const json& item) {
      return VolumeSummary{string_at(item, "Name"), string_at(item, "Driver"),
                           string_map_at(item, "Labels"), string_at(item, "Mountpoint"),
                           string_at(item, "Scope")};
    });
  });
}

Result<ImageDetails> parse_image_details(const std::string& body) {
  return parse_body(body, json::value_t::object, [](const json& document) {
    const json& config = object_at(document, "Config");
    return ImageDetails{string_at(document, "Id"),
                        strings_at(document, "RepoTags"),
                        keys_at(config, "ExposedPorts"),
                        strings_at(config, "Env"),
                        strings_at(object_at(config, "Healthcheck"), "Test"),
                        integer_at(document, "Size"),
                        strings_at(document, "RepoDigests")};
  });
}

Result<std::string> parse_distribution_digest(const std::string& body) {
  return parse_body(body, json::value_t::object, [](const json& document) {
    return string_at(object_at(document, "Descriptor"), "digest");
  });
}

Result<ProcessList> parse_process_list(const std::string& body) {
  return parse_body(body, json::value_t::object, [](const json& document) {
    ProcessList list{strings_at(document, "Titles"), {}};
    const json* processes = field(document, "Processes");
    if (processes != nullptr && processes->is_array()) {
      for (const auto& process : *processes) {
        std::vector<std::string> row;
        for (const auto& cell : process.is_array() ? process : json::array()) {
          row.push_back(cell.is_string() ? cell.get<std::string>() : cell.dump());
        }
        list.processes.push_back(std::move(row));
      }
    }
    return list;
  });
}

Result<WaitAnswer> parse_wait_answer(const std::string& body) {
  return parse_body(body, json::value_t::object, [](const json& document) {
    return WaitAnswer{static_cast<int>(integer_at(document, "StatusCode")),
                      string_at(object_at(document, "Error"), "Message")};
  });
}

Result<VersionInfo> parse_version_info(const std::string& body) {
  return parse_body(body, json::value_t::object, [](const json& document) {
    return VersionInfo{string_at(document, "Version"),       string_at(document, "ApiVersion"),
                       string_at(document, "MinAPIVersion"), string_at(document, "Os"),
                       string_at(document, "Arch"),          string_at(document, "GoVersion"),
                       string_at(document, "GitCommit"),     string_at(document, "BuildTime"),
                       string_at(document, "KernelVersion"), bool_at(document, "Experimental")};
  });
}

std::string url_encode(std::string_view text) {
  constexpr std::string_view k_hex = "0123456789ABCDEF";
  std::string result;
  result.reserve(text.size());
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') ||
        (byte >= '0' && byte <= '9') || c == '-' || c == '_' || c == '.' || c == '~') {
      result += c;
    } else {
      result += '%';
      result += k_hex[byte >> 4];
      result += k_hex[byte & 0x0F];
    }
  }
  return result;
}

std::string label_filters_query(const LabelFilter& labels) {
  if (labels.empty()) {
    return {};
  }
  const json filters = {{"label", labels}};
  return "filters=" + url_encode(filters.dump());
}

std::string engine_message(int status, const std::string& body) {
  const json document = json::parse(body, nullptr, /*allow_exceptions=*/false);
  const std::string message = string_at(document, "message");
  if (!message.empty()) {
    return message;
  }
  const auto first = body.find_first_not_of(" \t\r\n");
  if (first != std::string::npos) {
    const auto last = body.find_last_not_of(" \t\r\n");
    return body.substr(first, last - first + 1);
  }
  return "HTTP " + std::to_string(status);
}

Error error_from_response(int status, const std::string& body) {
  ErrorCode code = ErrorCode::server;
  switch (status) {
    case 400:
      code = ErrorCode::bad_request;
      break;
    case 404:
      code = ErrorCode::not_found;
      break;
    case 409:
      code = ErrorCode::conflict;
      break;
    default:
      break;
  }
  return Error{code, status, engine_message(status, body)};
}

}  // namespace berth::engine
