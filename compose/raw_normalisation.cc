#include "compose/raw_normalisation.h"

#include <filesystem>
#include <optional>
#include <vector>

#include "compose/field_reader.h"
#include "compose/ports.h"

namespace berth::compose {

namespace {

using json = nlohmann::json;

std::string absolute(const std::string& path, const RawNormalisation& context) {
  if (path.empty() || path.front() == '/' || path.find("${") == 0) {
    return path;
  }
  if (path.front() == '~' && !context.home.empty() && (path.size() == 1 || path[1] == '/')) {
    return (std::filesystem::path(context.home) / path.substr(path.size() > 1 ? 2 : 1))
        .lexically_normal()
        .string();
  }
  std::string out = (std::filesystem::path(context.directory) / path).lexically_normal().string();
  if (out.size() > 1 && out.back() == '/') {
    out.pop_back();
  }
  return out;
}

// ["a", "b"] -> {a: {}, b: {}} (or null values): v2's mapping form of a list of names.
json names_as_mapping(const json& names, const json& value) {
  json mapping = json::object();
  for (const auto& name : names) {
    if (name.is_string()) {
      mapping[name.get<std::string>()] = value;
    }
  }
  return mapping;
}

bool is_remote_context(const std::string& context) {
  return context.find("://") != std::string::npos || context.rfind("git@", 0) == 0;
}

// networks, volumes, secrets, configs: the name the engine knows it by.
void name_objects(json& project, const char* section, const RawNormalisation& context) {
  auto found = project.find(section);
  if (found == project.end() || !found->is_object()) {
    return;
  }
  for (auto& [key, object] : found->items()) {
    if (!object.is_object()) {
      object = json::object();
    }
    if (!object.contains("name")) {
      const bool external = object.value("external", false);
      object["name"] = external ? key : context.project_name + "_" + key;
    }
    if (object.contains("file") && object["file"].is_string()) {
      object["file"] = absolute(object["file"].get<std::string>(), context);
    }
  }
}

void normalise_build(json& service, const RawNormalisation& context) {
  auto found = service.find("build");
  if (found == service.end()) {
    return;
  }
  if (found->is_string()) {
    *found = json{{"context", found->get<std::string>()}};
  }
  if (!found->is_object()) {
    return;
  }
  json& build = *found;
  if (build.contains("context") && build["context"].is_string()) {
    const std::string text = build["context"].get<std::string>();
    if (!is_remote_context(text)) {
      build["context"] = absolute(text, context);
    }
  } else if (!build.contains("context")) {
    build["context"] = context.directory;
  }
  if (!build.contains("dockerfile") && !build.contains("dockerfile_inline")) {
    build["dockerfile"] = "Dockerfile";
  }
}

void normalise_env_files(json& service, const RawNormalisation& context) {
  auto found = service.find("env_file");
  if (found == service.end()) {
    return;
  }
  json files = found->is_array() ? *found : json::array({*found});
  json out = json::array();
  for (auto& file : files) {
    if (file.is_string()) {
      out.push_back({{"path", absolute(file.get<std::string>(), context)}, {"required", true}});
    } else if (file.is_object()) {
      if (file.contains("path") && file["path"].is_string()) {
        file["path"] = absolute(file["path"].get<std::string>(), context);
      }
      if (!file.contains("required")) {
        file["required"] = true;
      }
      out.push_back(file);
    }
  }
  *found = out;
}

bool is_host_path(const std::string& source) {
  return !source.empty() &&
         (source.front() == '.' || source.front() == '/' || source.front() == '~');
}

// As v2 cleans a mount's target: no trailing '/'.
std::string clean_target(std::string target) {
  while (target.size() > 1 && target.back() == '/') {
    target.pop_back();
  }
  return target;
}

// "SOURCE:TARGET[:MODE]" or "TARGET" as the long syntax v2 prints.
json long_volume(const std::string& text, const RawNormalisation& context) {
  const auto parts = split_on(text, ':');
  if (parts.size() == 1) {
    return {{"type", "volume"}, {"target", clean_target(text)}, {"volume", json::object()}};
  }
  json volume;
  const std::string& source = parts[0];
  volume["target"] = clean_target(parts[1]);
  const bool bind = is_host_path(source);
  volume["type"] = bind ? "bind" : "volume";
  volume["source"] = bind ? absolute(source, context) : source;
  json options = bind ? json{{"create_host_path", true}} : json::object();
  for (size_t i = 2; i < parts.size(); ++i) {
    for (const std::string& mode : split_on(parts[i], ',')) {
      if (mode == "ro") {
        volume["read_only"] = true;
      } else if (mode == "z" || mode == "Z") {
        volume["bind"]["selinux"] = mode;  // v2 keeps it under `bind` whatever the type
      } else if (!bind && mode == "nocopy") {
        options["nocopy"] = true;
      }
    }
  }
  if (bind) {
    volume["bind"].update(options);
  } else {
    volume["volume"] = options;
  }
  return volume;
}

void normalise_volumes(json& service, const RawNormalisation& context) {
  auto found = service.find("volumes");
  if (found == service.end() || !found->is_array()) {
    return;
  }
  for (auto& volume : *found) {
    if (volume.is_string()) {
      volume = long_volume(volume.get<std::string>(), context);
    } else if (volume.is_object() && volume.value("type", "") == "bind" &&
               volume.contains("source") && volume["source"].is_string()) {
      volume["source"] = absolute(volume["source"].get<std::string>(), context);
    }
  }
}

// A service's `secrets: [s1]` as {source, target: /run/secrets/s1}, and
// `configs: [c1]` as {source}, as v2 prints them.
void normalise_references(json& service, const char* key, const char* target_dir) {
  auto found = service.find(key);
  if (found == service.end() || !found->is_array()) {
    return;
  }
  for (auto& item : *found) {
    if (item.is_string()) {
      const std::string source = item.get<std::string>();
      item = json{{"source", source}};
      if (target_dir != nullptr) {
        item["target"] = std::string(target_dir) + source;
      }
    }
  }
}

// `ports:` short entries as v2's long syntax, one entry per container port;
// a list with `${` in an entry stays as written (v2 leaves it).
void normalise_ports(json& service) {
  auto found = service.find("ports");
  if (found == service.end() || !found->is_array()) {
    return;
  }
  for (const auto& entry : *found) {
    if (entry.is_string() && entry.get<std::string>().find('$') != std::string::npos) {
      return;  // as v2: a list with a variable in it is left as written
    }
  }
  json out = json::array();
  for (const auto& entry : *found) {
    const std::string text = entry.is_number_integer() ? std::to_string(entry.get<long long>())
                             : entry.is_string()       ? entry.get<std::string>()
                                                       : std::string();
    auto parsed = text.empty() ? std::nullopt : parse_port_mapping(text);
    if (!parsed) {
      json kept = entry;
      if (kept.is_object()) {  // v2 fills these in the long syntax too
        if (!kept.contains("mode")) {
          kept["mode"] = "ingress";
        }
        if (!kept.contains("protocol")) {
          kept["protocol"] = "tcp";
        }
      }
      out.push_back(kept);
      continue;
    }
    for (int port = parsed->container_start; port <= parsed->container_end; ++port) {
      json long_entry = {{"mode", "ingress"}, {"target", port}, {"protocol", parsed->protocol}};
      const std::string published = published_port(*parsed, port);
      if (!published.empty()) {
        long_entry["published"] = published;
      }
      if (!parsed->host_ip.empty()) {
        long_entry["host_ip"] = parsed->host_ip;
      }
      out.push_back(long_entry);
    }
  }
  *found = out;
}

// `depends_on: [db]` as {db: {condition: service_started, required: true}},
// and the mapping form with those defaults filled in; a service a link names
// is a dependency too, restarted with it, as v2 adds it.
void normalise_depends_on(json& service) {
  auto links = service.find("links");
  if (links != service.end() && links->is_array()) {
    json& depends_on = service["depends_on"];
    if (depends_on.is_array()) {
      depends_on = names_as_mapping(depends_on, json::object());
    } else if (!depends_on.is_object()) {
      depends_on = json::object();
    }
    for (const auto& link : *links) {
      if (link.is_string()) {
        const std::string text = link.get<std::string>();
        const std::string name = text.substr(0, text.find(':'));
        if (!depends_on.contains(name)) {
          depends_on[name] = {{"restart", true}};
        }
      }
    }
  }
  auto found = service.find("depends_on");
  if (found == service.end()) {
    return;
  }
  if (found->is_array()) {
    *found = names_as_mapping(*found, json::object());
  }
  if (!found->is_object()) {
    return;
  }
  for (auto& [name, dependency] : found->items()) {
    if (!dependency.is_object()) {
      dependency = json::object();
    }
    if (!dependency.contains("condition")) {
      dependency["condition"] = "service_started";
    }
    if (!dependency.contains("required")) {
      dependency["required"] = true;
    }
  }
}

// `build.args` as a list ("K=V", "K") becomes a mapping (K: V, K: null).
void normalise_build_args(json& service) {
  auto build = service.find("build");
  if (build == service.end() || !build->is_object() || !build->contains("args") ||
      !(*build)["args"].is_array()) {
    return;
  }
  json mapping = json::object();
  for (const auto& item : (*build)["args"]) {
    if (!item.is_string()) {
      continue;
    }
    const std::string text = item.get<std::string>();
    const auto equals = text.find('=');
    if (equals == std::string::npos) {
      mapping[text] = nullptr;
    } else {
      mapping[text.substr(0, equals)] = text.substr(equals + 1);
    }
  }
  (*build)["args"] = mapping;
}

// `devices: ["/dev/a:/dev/b:r"]` as {source, target, permissions} (rwm unless given).
void normalise_devices(json& service) {
  auto found = service.find("devices");
  if (found == service.end() || !found->is_array()) {
    return;
  }
  for (auto& device : *found) {
    if (!device.is_string()) {
      continue;
    }
    const auto parts = split_on(device.get<std::string>(), ':');
    device = {{"source", parts[0]},
              {"target", parts.size() > 1 ? parts[1] : parts[0]},
              {"permissions", parts.size() > 2 ? parts[2] : "rwm"}};
  }
}

// As v2: a service that names no network and no network_mode joins
// `default`; a list of networks is a mapping with no settings.
bool normalise_networks(json& service) {
  if (service.contains("network_mode")) {
    return false;
  }
  auto found = service.find("networks");
  if (found == service.end()) {
    service["networks"] = {{"default", nullptr}};
    return true;
  }
  if (found->is_array()) {
    *found = names_as_mapping(*found, nullptr);
  }
  return found->is_object() && found->contains("default");
}

}  // namespace

void normalise_raw_project(json& project, const RawNormalisation& context) {
  bool default_used = false;
  auto services = project.find("services");
  if (services != project.end() && services->is_object()) {
    for (auto& [name, service] : services->items()) {
      if (!service.is_object()) {
        continue;
      }
      default_used = normalise_networks(service) || default_used;
      normalise_build(service, context);
      normalise_env_files(service, context);
      normalise_volumes(service, context);
      normalise_references(service, "secrets", "/run/secrets/");
      normalise_references(service, "configs", nullptr);
      normalise_ports(service);
      normalise_depends_on(service);
      normalise_build_args(service);
      normalise_devices(service);
    }
  }
  if (default_used) {
    json& networks = project["networks"];
    if (!networks.is_object()) {
      networks = json::object();
    }
    if (!networks.contains("default") || !networks["default"].is_object()) {
      networks["default"] = json::object();
    }
  }
  for (const char* section : {"networks", "volumes", "secrets", "configs"}) {
    name_objects(project, section, context);
  }
}

}  // namespace berth::compose
