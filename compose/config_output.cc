#include "compose/config_output.h"

#include <cctype>
#include <nlohmann/json.hpp>

#include "compose/berth_health_parser.h"
#include "compose/berth_reload_parser.h"
#include "compose/container_options_output.h"
#include "compose/service_extras_output.h"
#include "compose/secrets_output.h"
#include "compose/ports.h"
#include "compose/units.h"
#include "compose/yaml_writer.h"

namespace berth::compose {

namespace {

using nlohmann::json;

std::string volume_type(VolumeMount::Kind kind) {
  switch (kind) {
    case VolumeMount::Kind::named: return "volume";
    case VolumeMount::Kind::bind: return "bind";
    case VolumeMount::Kind::anonymous: return "volume";
    case VolumeMount::Kind::tmpfs: return "tmpfs";
  }
  return "volume";
}

// Ranges are written out one port per entry, as compose 1.29 does.
json ports_json(const Service& service) {
  json out = json::array();
  for (const auto& p : service.ports) {
    for (int port = p.container_start; port <= p.container_end; ++port) {
      json entry = {{"target", port}, {"protocol", p.protocol}};
      std::string published = published_port(p, port);
      bool range = published.find('-') != std::string::npos;
      if (!published.empty()) {  // left out when the engine picks, as compose v2 does
        entry["published"] = range ? json(published) : json(std::stoi(published));
      }
      const std::pair<const char*, const std::string*> texts[] = {
          {"host_ip", &p.host_ip}, {"name", &p.name}, {"app_protocol", &p.app_protocol},
          {"mode", &p.mode}};
      for (const auto& [key, value] : texts) {
        if (!value->empty()) {
          entry[key] = *value;
        }
      }
      out.push_back(entry);
    }
  }
  return out;
}

void drop_empty_strings(json& doc) {
  for (auto it = doc.begin(); it != doc.end();) {
    if (it->is_string() && it->get_ref<const std::string&>().empty()) {
      it = doc.erase(it);
    } else {
      ++it;
    }
  }
}

json relations_json(const Service& service, json& doc) {
  json links = json::array();
  for (const auto& link : service.links) {
    links.push_back(link.service + ":" + link.alias);
  }
  doc["links"] = links;
  json depends = json::object();
  for (const auto& d : service.depends_on) {
    depends[d.service] = {
        {"condition", to_string(d.condition)}, {"required", d.required}, {"restart", d.restart}};
  }
  doc["depends_on"] = depends;
  json from = json::array();
  for (const auto& f : service.volumes_from) {
    from.push_back((f.is_container ? "container:" : "") + f.source + (f.read_only ? ":ro" : ":rw"));
  }
  doc["volumes_from"] = from;
  return doc;
}

void add_endpoint_extras_json(const ServiceNetwork& n, json& one) {
  for (const auto& [key, value] : {std::pair{"mac_address", &n.mac_address},
                                   std::pair{"interface_name", &n.interface_name}}) {
    if (!value->empty()) {
      one[key] = *value;
    }
  }
  if (!n.link_local_ips.empty()) {
    one["link_local_ips"] = n.link_local_ips;
  }
  if (!n.driver_opts.empty()) {
    one["driver_opts"] = n.driver_opts;
  }
  if (n.gw_priority) {
    one["gw_priority"] = *n.gw_priority;
  }
}

// What the file wrote: the implicit `default` of a service without networks is left out.
void service_networks_json(const Service& service, json& doc) {
  json networks = json::object();
  for (const auto& n : service.networks) {
    if (n.implicit) {
      continue;
    }
    json one = json::object();
    if (!n.aliases.empty()) {
      one["aliases"] = n.aliases;
    }
    for (const auto& [key, value] :
         {std::pair{"ipv4_address", &n.ipv4_address}, std::pair{"ipv6_address", &n.ipv6_address}}) {
      if (!value->empty()) {
        one[key] = *value;
      }
    }
    if (n.priority != 0) {
      one["priority"] = n.priority;
    }
    add_endpoint_extras_json(n, one);
    networks[n.key] = one.empty() ? json() : one;
  }
  doc["networks"] = networks;
  if (!service.network_mode.text.empty()) {
    doc["network_mode"] = service.network_mode.text;
  }
}

json network_decl_json(const NetworkDecl& n) {
  json one = {{"name", n.name}, {"external", n.external}};
  if (!n.driver.empty()) {
    one["driver"] = n.driver;
  }
  for (const auto& [key, value] : {std::pair{"driver_opts", &n.options},
                                   std::pair{"labels", &n.labels}}) {
    if (!value->empty()) {
      one[key] = *value;
    }
  }
  for (const auto& [key, flag] : {std::pair{"internal", n.internal},
                                  std::pair{"attachable", n.attachable},
                                  std::pair{"enable_ipv6", n.enable_ipv6}}) {
    if (flag) {
      one[key] = true;
    }
  }
  if (n.enable_ipv4) {
    one["enable_ipv4"] = *n.enable_ipv4;
  }
  json pools = json::array();
  for (const auto& pool : n.ipam.config) {
    json entry = {{"subnet", pool.subnet}, {"ip_range", pool.ip_range}, {"gateway", pool.gateway}};
    drop_empty_strings(entry);
    if (!pool.aux_addresses.empty()) {
      entry["aux_addresses"] = pool.aux_addresses;
    }
    pools.push_back(entry);
  }
  if (!n.ipam.driver.empty() || !pools.empty() || !n.ipam.options.empty()) {
    one["ipam"] = {{"driver", n.ipam.driver}, {"config", pools}};
    drop_empty_strings(one["ipam"]);
    if (!n.ipam.options.empty()) {
      one["ipam"]["options"] = n.ipam.options;
    }
  }
  return one;
}

void drop_empty(json& doc);

json build_json(const BuildSpec& build) {
  json doc = {{"context", build.context}};
  const std::pair<const char*, const std::string*> texts[] = {
      {"dockerfile", &build.dockerfile}, {"target", &build.target}, {"network", &build.network}};
  for (const auto& [key, value] : texts) {
    if (!value->empty()) {
      doc[key] = *value;
    }
  }
  json args = json::object();
  for (const auto& [key, value] : build.args) {
    args[key] = value;
  }
  doc["args"] = args;
  doc["labels"] = build.labels;
  if (build.shm_size) {
    doc["shm_size"] = *build.shm_size;
  }
  doc["extra_hosts"] = build.extra_hosts;
  doc["cache_from"] = build.cache_from;
  add_build_extras_json(build, doc);
  drop_empty(doc);
  return doc;
}

// Every field, defaults included, so the output shows what berth will probe.
json berth_health_json(const BerthHealth& health) {
  json probe = {{"port", health.port}};
  if (health.kind == BerthHealth::Kind::http) {
    probe["path"] = health.path;
    probe["status"] = health.status;
  }
  return {{health.kind == BerthHealth::Kind::http ? "http" : "tcp", probe},
          {"interval", format_duration_ns(health.interval_ns)},
          {"timeout", format_duration_ns(health.timeout_ns)},
          {"retries", health.retries},
          {"start_period", format_duration_ns(health.start_period_ns)}};
}

json service_json(const Service& service) {
  json doc;
  doc["image"] = service.image;
  // Without them, the output read back would make every service always active.
  doc["profiles"] = service.profiles;
  if (service.build) {
    doc["build"] = build_json(*service.build);
  }
  if (service.command) {
    doc["command"] = *service.command;
  }
  if (service.entrypoint) {
    doc["entrypoint"] = *service.entrypoint;
  }
  json env = json::object();
  for (const auto& [key, value] : service.environment) {
    env[key] = value;
  }
  doc["environment"] = env;
  doc["ports"] = ports_json(service);
  json expose = json::array();
  for (const auto& e : service.expose) {
    for (int port = e.start; port <= e.end; ++port) {
      expose.push_back(std::to_string(port) + "/" + e.protocol);
    }
  }
  doc["expose"] = expose;
  relations_json(service, doc);
  service_networks_json(service, doc);
  json volumes = json::array();
  for (const auto& v : service.volumes) {
    json entry = {{"type", volume_type(v.kind)}, {"target", v.target}, {"read_only", v.read_only}};
    if (v.kind != VolumeMount::Kind::anonymous && v.kind != VolumeMount::Kind::tmpfs) {
      entry["source"] = v.source;
    }
    add_mount_options_json(v, entry);
    volumes.push_back(entry);
  }
  doc["volumes"] = volumes;
  doc["labels"] = service.labels;
  const std::pair<const char*, const std::string*> texts[] = {
      {"container_name", &service.container_name}, {"hostname", &service.hostname},
      {"working_dir", &service.working_dir},       {"user", &service.user},
      {"restart", &service.restart}};
  for (const auto& [key, value] : texts) {
    if (!value->empty()) {
      doc[key] = *value;
    }
  }
  add_container_options_json(service, doc);
  add_service_extras_json(service, doc);
  add_file_references_json(service, doc);
  if (service.berth_health) {
    doc[k_berth_health_key] = berth_health_json(*service.berth_health);
  }
  if (service.berth_reload) {
    // Every field, defaults included, as x-berth-health prints.
    doc[k_berth_reload_key] = {{"command", service.berth_reload->command},
                               {"file", service.berth_reload->file},
                               {"drain", format_duration_ns(service.berth_reload->drain_ns)}};
  }
  return doc;
}

// Empty lists and maps say nothing; leaving them out keeps the output short.
void drop_empty(json& doc) {
  for (auto it = doc.begin(); it != doc.end();) {
    if ((it->is_array() || it->is_object()) && it->empty()) {
      it = doc.erase(it);
    } else {
      ++it;
    }
  }
}

// The output is itself a project file: a literal "$" is written "$$" so that
// reading it back does not interpolate it again.
void escape_dollars(json& value) {
  if (value.is_string()) {
    std::string escaped;
    for (char c : value.get_ref<const std::string&>()) {
      escaped += c == '$' ? std::string("$$") : std::string(1, c);
    }
    value = escaped;
  } else if (value.is_structured()) {
    for (auto& item : value) {
      escape_dollars(item);
    }
  }
}

json project_json(const Project& project) {
  json doc;
  doc["name"] = project.name;
  json services = json::object();
  for (const auto& service : project.services) {
    json one = service_json(service);
    drop_empty(one);
    services[service.name] = one;
  }
  doc["services"] = services;
  json volumes = json::object();
  for (const auto& v : project.volumes) {
    json one = {{"name", v.name}, {"external", v.external}};
    if (!v.driver.empty()) {
      one["driver"] = v.driver;
    }
    if (!v.labels.empty()) {
      one["labels"] = v.labels;
    }
    if (!v.driver_opts.empty()) {
      one["driver_opts"] = v.driver_opts;
    }
    volumes[v.key] = one;
  }
  if (!volumes.empty()) {
    doc["volumes"] = volumes;
  }
  json networks = json::object();
  for (const auto& n : project.networks) {
    if (!n.implicit) {
      networks[n.key] = network_decl_json(n);
    }
  }
  if (!networks.empty()) {
    doc["networks"] = networks;
  }
  add_file_object_decls_json(project, doc);
  return doc;
}

}  // namespace

std::string project_to_json(const Project& project) {
  json doc = project_json(project);
  escape_dollars(doc);
  // Invalid UTF-8 in the file reaches here as written; show it replaced, do not throw.
  return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string project_to_yaml(const Project& project) {
  json doc = project_json(project);
  escape_dollars(doc);
  return to_yaml(doc);
}

}  // namespace berth::compose
