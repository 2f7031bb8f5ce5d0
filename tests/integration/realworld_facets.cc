#include "realworld_facets.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace berth::testing {
namespace {

using nlohmann::json;

const char* const k_absent = "<absent>";

// "1m30s", "1.5s", "500ms", "2h", a number of seconds, or an integer of
// nanoseconds (berth's healthcheck output) -> nanoseconds as text.
std::string duration_text(const json& value) {
  if (value.is_number()) {
    return std::to_string(value.get<int64_t>());
  }
  if (!value.is_string()) {
    return value.dump();
  }
  const std::string text = value.get<std::string>();
  static const std::vector<std::pair<std::string, double>> k_units = {
      {"ns", 1}, {"us", 1e3}, {"µs", 1e3}, {"ms", 1e6}, {"s", 1e9}, {"m", 60e9}, {"h", 3600e9}};
  double total = 0;
  size_t at = 0;
  while (at < text.size()) {
    size_t end = at;
    while (end < text.size() && (std::isdigit(static_cast<unsigned char>(text[end])) ||
                                 text[end] == '.')) {
      ++end;
    }
    if (end == at) {
      return text;  // not a duration: compare as written
    }
    double number = std::stod(text.substr(at, end - at));
    size_t unit_end = end;
    while (unit_end < text.size() &&
           !std::isdigit(static_cast<unsigned char>(text[unit_end]))) {
      ++unit_end;
    }
    std::string unit = text.substr(end, unit_end - end);
    if (unit.empty()) {
      unit = "s";
    }
    auto found = std::find_if(k_units.begin(), k_units.end(),
                              [&](const auto& u) { return u.first == unit; });
    if (found == k_units.end()) {
      return text;
    }
    total += number * found->second;
    at = unit_end;
  }
  return std::to_string(static_cast<int64_t>(std::llround(total)));
}

// Scalars as text (compose v2 writes many numbers as strings, berth as
// numbers), nulls and empty containers dropped, maps with sorted keys.
json canonical(const json& value) {
  if (value.is_object()) {
    json out = json::object();
    for (const auto& [key, item] : value.items()) {
      json one = canonical(item);
      if (!one.is_null()) {
        out[key] = one;
      }
    }
    return out.empty() ? json() : out;
  }
  if (value.is_array()) {
    json out = json::array();
    for (const auto& item : value) {
      out.push_back(canonical(item));
    }
    return out.empty() ? json() : out;
  }
  if (value.is_number_float()) {
    double number = value.get<double>();
    if (number == std::floor(number) && std::fabs(number) < 1e15) {
      return std::to_string(static_cast<int64_t>(number));
    }
    std::string text = std::to_string(number);
    text.erase(text.find_last_not_of('0') + 1);
    return text;
  }
  if (value.is_number() || value.is_boolean()) {
    return value.dump();
  }
  return value;
}

std::string text_of(const json& value) {
  json one = canonical(value);
  return one.is_null() ? k_absent : one.dump();
}

json sorted(json array) {
  if (array.is_array()) {
    std::sort(array.begin(), array.end());
  }
  return array;
}

// "[ip:]published:target/protocol" per container port; ranges expanded.
std::string ports_text(const json& ports) {
  std::vector<std::string> items;
  for (const json& port : ports) {
    const std::string ip = port.value("host_ip", "");
    const std::string protocol = port.value("protocol", "tcp");
    std::string published = port.contains("published") && !port["published"].is_null()
                                ? canonical(port["published"]).get<std::string>()
                                : "";
    std::string target = canonical(port["target"]).get<std::string>();
    std::string extra;
    for (const char* key : {"name", "app_protocol"}) {
      if (port.contains(key)) {
        extra += std::string(" ") + key + "=" + port[key].get<std::string>();
      }
    }
    if (port.value("mode", "ingress") == "host") {
      extra += " mode=host";
    }
    items.push_back(ip + ":" + published + ":" + target + "/" + protocol + extra);
  }
  std::sort(items.begin(), items.end());
  return json(items).dump();
}

// "80", "80/tcp", "4000-4001/udp" -> one "port/protocol" per port.
std::string expose_text(const json& expose) {
  std::vector<std::string> items;
  for (const json& entry : expose) {
    std::string text = canonical(entry).get<std::string>();
    std::string protocol = "tcp";
    if (size_t slash = text.find('/'); slash != std::string::npos) {
      protocol = text.substr(slash + 1);
      text = text.substr(0, slash);
    }
    size_t dash = text.find('-');
    int first = std::stoi(text.substr(0, dash));
    int last = dash == std::string::npos ? first : std::stoi(text.substr(dash + 1));
    for (int port = first; port <= last; ++port) {
      items.push_back(std::to_string(port) + "/" + protocol);
    }
  }
  std::sort(items.begin(), items.end());
  return json(items).dump();
}

std::string volumes_text(const json& volumes) {
  std::vector<std::string> items;
  for (const json& volume : volumes) {
    json one = canonical(volume);
    if (one.contains("read_only") && one["read_only"] == "false") {
      one.erase("read_only");
    }
    // "/dev/disk/" and "/dev/disk" are one path.
    if (one.contains("source")) {
      std::string source = one["source"].get<std::string>();
      while (source.size() > 1 && source.back() == '/') {
        source.pop_back();
      }
      one["source"] = source;
    }
    // compose v2 prints a named volume's `z` as bind.selinux, and ignores it.
    if (one.value("type", "") == "volume") {
      one.erase("bind");
    }
    // Defaults compose v2 spells out and berth leaves implicit.
    if (one.contains("bind")) {
      one["bind"].erase("create_host_path");
      if (one["bind"].empty()) {
        one.erase("bind");
      }
    }
    items.push_back(one.dump());
  }
  std::sort(items.begin(), items.end());
  return json(items).dump();
}

// `nofile: 4096` is `nofile: {soft: 4096, hard: 4096}`.
std::string ulimits_text(const json& ulimits) {
  json out = json::object();
  for (const auto& [name, limit] : ulimits.items()) {
    json one = canonical(limit);
    out[name] = one.is_object() ? one : json{{"soft", one}, {"hard", one}};
  }
  return out.dump();
}

// "svc[:rw]" -> "svc"; ":ro" stays.
std::string volumes_from_text(const json& sources) {
  std::vector<std::string> items;
  for (const json& source : sources) {
    std::string text = source.get<std::string>();
    if (text.size() > 3 && text.ends_with(":rw")) {
      text.resize(text.size() - 3);
    }
    items.push_back(text);
  }
  return json(items).dump();
}

// "svc" or "svc:alias" -> "svc:alias".
std::string links_text(const json& links) {
  std::vector<std::string> items;
  for (const json& link : links) {
    std::string text = link.get<std::string>();
    items.push_back(text.find(':') == std::string::npos ? text + ":" + text : text);
  }
  std::sort(items.begin(), items.end());
  return json(items).dump();
}

// compose v2 adds to depends_on what links, volumes_from and network_mode
// imply; berth prints only what was written. The facet is the union.
std::string depends_text(const json& service) {
  std::map<std::string, json> dependencies;
  auto implied = [&](const std::string& name, bool restart) {
    if (!dependencies.count(name)) {
      dependencies[name] = {{"condition", "service_started"}, {"required", "true"},
                            {"restart", restart ? "true" : "false"}};
    }
  };
  if (service.contains("depends_on")) {
    for (const auto& [name, condition] : service["depends_on"].items()) {
      dependencies[name] = canonical(condition);
    }
  }
  for (const json& link : service.value("links", json::array())) {
    std::string text = link.get<std::string>();
    implied(text.substr(0, text.find(':')), true);
  }
  for (const json& from : service.value("volumes_from", json::array())) {
    std::string text = from.get<std::string>();
    if (text.rfind("container:", 0) != 0) {
      implied(text.substr(0, text.find(':')), true);
    }
  }
  std::string mode = service.value("network_mode", "");
  if (mode.rfind("service:", 0) == 0) {
    implied(mode.substr(8), true);
  }
  for (auto& [name, condition] : dependencies) {
    // What each tool adds for an implied dependency is its own business.
    condition.erase("restart");
  }
  return dependencies.empty() ? k_absent : json(dependencies).dump();
}

std::string networks_text(const json& service) {
  if (service.contains("network_mode")) {
    return service.contains("networks") ? text_of(service["networks"]) : k_absent;
  }
  json networks = service.value("networks", json::object());
  if (networks.empty()) {
    networks["default"] = nullptr;  // implicit in berth's output, written by compose v2
  }
  json out = json::object();
  for (const auto& [key, value] : networks.items()) {
    json one = canonical(value);
    if (one.is_object() && one.contains("aliases")) {
      one["aliases"] = sorted(one["aliases"]);
    }
    out[key] = one.is_null() ? json("") : one;
  }
  return out.dump();
}

std::string healthcheck_text(const json& check) {
  json out = canonical(check);
  if (out.is_object() && out.value("disable", "") == "false") {
    out.erase("disable");  // the image's check, as when nothing is written
  }
  if (out.is_object() && out.value("disable", "") == "true") {
    out.erase("disable");
    out["test"] = json::array({"NONE"});  // berth's spelling of the same
  }
  for (const char* key : {"interval", "timeout", "start_period", "start_interval"}) {
    if (check.contains(key)) {
      out[key] = duration_text(check[key]);
    }
  }
  return out.is_null() || out.empty() ? k_absent : out.dump();
}

std::string environment_text(const json& environment) {
  json out = json::object();
  for (const auto& [key, value] : environment.items()) {
    if (!value.is_null()) {  // an unset variable: left out by both when creating
      out[key] = canonical(value).is_null() ? json("") : canonical(value);
    }
  }
  return out.dump();
}

std::string extra_hosts_text(const json& hosts) {
  std::vector<std::string> items;
  if (hosts.is_object()) {  // host: ip
    for (const auto& [host, ip] : hosts.items()) {
      items.push_back(host + ":" + canonical(ip).get<std::string>());
    }
  }
  for (const json& host : hosts.is_array() ? hosts : json::array()) {
    std::string text = host.get<std::string>();
    // compose v2 2.26 writes "host=ip", berth "host:ip".
    if (size_t equals = text.find('='); equals != std::string::npos) {
      text[equals] = ':';
    }
    items.push_back(text);
  }
  std::sort(items.begin(), items.end());
  return json(items).dump();
}

std::string extra_hosts_text(const json& hosts);

std::string build_text(const json& build) {
  json out = canonical(build);
  if (build.contains("extra_hosts")) {
    out["extra_hosts"] = extra_hosts_text(build["extra_hosts"]);
  }
  if (!out.contains("dockerfile") && !out.contains("dockerfile_inline")) {
    out["dockerfile"] = "Dockerfile";
  }
  return out.dump();
}

// "src:dst:permissions", from compose v2's objects or berth's strings.
std::string devices_text(const json& devices) {
  std::vector<std::string> items;
  for (const json& device : devices) {
    items.push_back(device.is_object()
                        ? device.value("source", "") + ":" + device.value("target", "") + ":" +
                              device.value("permissions", "rwm")
                        : device.get<std::string>());
  }
  std::sort(items.begin(), items.end());
  return json(items).dump();
}

// compose v2 writes `placement: {}` and such; berth leaves them out.
std::string deploy_text(const json& deploy) {
  json out = canonical(deploy);
  return out.is_null() ? k_absent : out.dump();
}

// Keys printed by one tool only for reasons of spelling, not meaning.
const std::set<std::string> k_spelling_only = {"command", "entrypoint"};

}  // namespace

Facets service_facets(const json& doc, const std::string& name, Tool tool) {
  const json& service = doc["services"][name];
  Facets facets;
  for (const auto& [key, value] : service.items()) {
    if (value.is_null() && k_spelling_only.count(key)) {
      continue;
    }
    if (key == "ports") {
      facets[key] = ports_text(value);
    } else if (key == "expose") {
      facets[key] = expose_text(value);
    } else if (key == "volumes") {
      facets[key] = volumes_text(value);
    } else if (key == "links" || key == "external_links") {
      facets[key] = links_text(value);
    } else if (key == "depends_on" || key == "networks") {
      continue;  // below: they need the whole service
    } else if (key == "healthcheck") {
      facets[key] = healthcheck_text(value);
    } else if (key == "environment") {
      facets[key] = environment_text(value);
    } else if (key == "extra_hosts") {
      facets[key] = extra_hosts_text(value);
    } else if (key == "build") {
      facets[key] = build_text(value);
    } else if (key == "deploy") {
      facets[key] = deploy_text(value);
    } else if (key == "ulimits") {
      facets[key] = ulimits_text(value);
    } else if (key == "volumes_from") {
      facets[key] = volumes_from_text(value);
    } else if (key == "devices") {
      facets[key] = devices_text(value);
    } else if (key == "stop_grace_period") {
      facets[key] = duration_text(value);
    } else if (key == "profiles" || key == "tmpfs" || key == "dns" || key == "cap_add" ||
               key == "cap_drop" || key == "security_opt") {
      facets[key] = text_of(sorted(value.is_string() ? json::array({value}) : value));
    } else {
      facets[key] = text_of(value);
    }
  }
  facets["depends_on"] = depends_text(service);
  facets["networks"] = networks_text(service);
  (void)tool;
  for (auto it = facets.begin(); it != facets.end();) {
    it = it->second == k_absent || it->second == "[]" || it->second == "{}" ? facets.erase(it)
                                                                          : std::next(it);
  }
  return facets;
}

Facets project_facets(const json& doc, Tool tool) {
  (void)tool;
  Facets facets;
  for (const char* section : {"volumes", "networks", "secrets", "configs"}) {
    if (!doc.contains(section)) {
      continue;
    }
    for (const auto& [key, value] : doc[section].items()) {
      json one = canonical(value);
      if (one.is_object()) {
        if (one.contains("external") && one["external"] == "false") {
          one.erase("external");
        }
        if (one.contains("ipam") && one["ipam"].is_null()) {
          one.erase("ipam");
        }
        if (std::string(section) == "volumes" && one.value("driver", "") == "local") {
          one.erase("driver");  // the default driver, written or not
        }
        if (one.contains("enable_ipv6") && one["enable_ipv6"] == "false") {
          one.erase("enable_ipv6");
        }
      }
      facets[std::string(section) + "." + key] = one.is_null() ? "{}" : one.dump();
    }
  }
  // compose v2 lists the implicit default network whenever a service uses it.
  facets.erase("networks.default");
  return facets;
}

std::vector<FacetDifference> compare_projects(const json& berth, const json& compose_v2) {
  std::vector<FacetDifference> differences;
  auto compare = [&](const std::string& prefix, const Facets& ours, const Facets& theirs) {
    std::set<std::string> keys;
    for (const auto& [key, value] : ours) {
      keys.insert(key);
    }
    for (const auto& [key, value] : theirs) {
      keys.insert(key);
    }
    for (const std::string& key : keys) {
      auto a = ours.find(key);
      auto b = theirs.find(key);
      std::string our_text = a == ours.end() ? k_absent : a->second;
      std::string their_text = b == theirs.end() ? k_absent : b->second;
      if (our_text != their_text) {
        differences.push_back({prefix + key, our_text, their_text});
      }
    }
  };
  const json their_services = compose_v2.value("services", json::object());
  const json our_services = berth.value("services", json::object());
  for (const auto& [name, service] : their_services.items()) {
    if (!our_services.contains(name)) {
      differences.push_back({"services." + name, k_absent, "a service"});
      continue;
    }
    Facets ours = service_facets(berth, name, Tool::berth);
    Facets theirs = service_facets(compose_v2, name, Tool::compose_v2);
    // A service with only `build:`: compose v2 leaves the image out, berth
    // names it <project>-<service> (as v2 does when it builds).
    if (!theirs.count("image") && theirs.count("build")) {
      ours.erase("image");
    }
    compare("services." + name + ".", ours, theirs);
  }
  for (const auto& [name, service] : our_services.items()) {
    if (!their_services.contains(name)) {
      differences.push_back({"services." + name, "a service", k_absent});
    }
  }
  // berth prints every declared volume, network, secret and config; compose
  // v2 only those a service uses. Compared: the ones compose v2 prints.
  Facets our_sections = project_facets(berth, Tool::berth);
  Facets their_sections = project_facets(compose_v2, Tool::compose_v2);
  for (auto it = our_sections.begin(); it != our_sections.end();) {
    it = their_sections.count(it->first) ? std::next(it) : our_sections.erase(it);
  }
  compare("", our_sections, their_sections);
  return differences;
}

}  // namespace berth::testing
