#include "compose/container_options_parser.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string_view>

#include "compose/engine_settings_parser.h"
#include "compose/value_readers.h"

namespace berth::compose {
namespace {

constexpr int64_t k_nanoseconds_per_second = 1'000'000'000;

std::string trimmed(const std::string& text) {
  size_t first = text.find_first_not_of(" \t");
  if (first == std::string::npos) {
    return "";
  }
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

bool is_absolute(const std::string& path) {
  return !path.empty() && path.front() == '/';
}

// What every key's parser works on.
struct Target {
  FieldReader& reader;
  Service& service;
  ContainerOptions& options() { return service.options; }
};

using Parse = void (*)(Target& target, const YamlNode& node, const std::string& path);

void add_extra_host(Target& t, const YamlNode& node, const std::string& path,
                    const std::string& host, const std::string& ip) {
  if (host.empty() || ip.empty()) {
    t.reader.error(node, path, "expected \"host:ip\", got " + in_quotes(host + ":" + ip));
    return;
  }
  t.options().extra_hosts.push_back(host + ":" + ip);
}

// A mapping host: ip, or a sequence of "host:ip" (split at the first ':', so
// an IPv6 address needs no brackets).
void extra_hosts(Target& t, const YamlNode& node, const std::string& path) {
  if (node.is_mapping()) {
    for (const YamlEntry& entry : node.entries) {
      std::string entry_path = child_path(path, entry.key.text);
      if (std::optional<std::string> ip = t.reader.string(entry.value, entry_path)) {
        add_extra_host(t, entry.value, entry_path, trimmed(entry.key.text), trimmed(*ip));
      }
    }
    return;
  }
  if (!node.is_sequence()) {
    t.reader.error(node, path, "expected a mapping or a sequence, got " + describe_kind(node.kind));
    return;
  }
  for (size_t i = 0; i < node.items.size(); ++i) {
    std::optional<std::string> text = t.reader.string(node.items[i], item_path(path, i));
    if (!text) {
      continue;
    }
    size_t colon = text->find(':');
    if (colon == std::string::npos) {
      t.reader.error(node.items[i], item_path(path, i),
                     "expected \"host:ip\", got " + in_quotes(*text));
      continue;
    }
    add_extra_host(t, node.items[i], item_path(path, i), trimmed(text->substr(0, colon)),
                   trimmed(text->substr(colon + 1)));
  }
}

// "/path" or "/path:mount-options".
void tmpfs(Target& t, const YamlNode& node, const std::string& path) {
  for_each_string(t.reader, node, path, true,
                  [&](const YamlNode& item, const std::string& at, const std::string& text) {
                    size_t colon = text.find(':');
                    std::string target = text.substr(0, colon);
                    if (!is_absolute(target)) {
                      t.reader.error(item, at,
                                     "expected an absolute path in the container, got " +
                                         in_quotes(text));
                      return;
                    }
                    t.options().tmpfs[target] =
                        colon == std::string::npos ? "" : text.substr(colon + 1);
                  });
}

std::optional<Device> parse_device(const std::string& text) {
  std::vector<std::string> parts = split_on(text, ':');
  Device device;
  device.host_path = parts[0];
  device.container_path = parts.size() > 1 ? parts[1] : parts[0];
  if (parts.size() > 2) {
    device.permissions = parts[2];
  }
  bool permissions_ok =
      !device.permissions.empty() &&
      device.permissions.find_first_not_of("rwm") == std::string::npos;
  if (parts.size() > 3 || !is_absolute(device.host_path) ||
      !is_absolute(device.container_path) || !permissions_ok) {
    return std::nullopt;
  }
  return device;
}

void devices(Target& t, const YamlNode& node, const std::string& path) {
  for_each_string(t.reader, node, path, false,
                  [&](const YamlNode& item, const std::string& at, const std::string& text) {
                    if (std::optional<Device> device = parse_device(text)) {
                      t.options().devices.push_back(*device);
                    } else {
                      t.reader.error(item, at,
                                     "expected \"/dev/host[:/dev/container[:rwm]]\", got " +
                                         in_quotes(text));
                    }
                  });
}

// "container[:alias]"
void external_links(Target& t, const YamlNode& node, const std::string& path) {
  for_each_string(t.reader, node, path, false,
                  [&](const YamlNode& item, const std::string& at, const std::string& text) {
                    size_t colon = text.find(':');
                    ExternalLink link{text.substr(0, colon),
                                      colon == std::string::npos ? text : text.substr(colon + 1)};
                    if (!is_valid_service_name(link.container) ||
                        !is_valid_service_name(link.alias)) {
                      t.reader.error(item, at,
                                     "expected \"container[:alias]\", got " + in_quotes(text));
                      return;
                    }
                    t.options().external_links.push_back(link);
                  });
}

// `pid:` and `ipc:` share the other container's namespace with "container:NAME".
std::optional<std::string> namespace_mode(Target& t, const YamlNode& node, const std::string& path,
                                          const std::vector<std::string>& modes) {
  if (node.is_null() || (node.is_scalar() && node.text.empty())) {
    return std::string();  // `pid: ${PID:-}`: not set, as compose takes it
  }
  std::optional<std::string> text = t.reader.string(node, path);
  if (!text || std::find(modes.begin(), modes.end(), *text) != modes.end()) {
    return text;
  }
  constexpr std::string_view k_container_prefix = "container:";
  if (text->starts_with(k_container_prefix) && text->size() > k_container_prefix.size()) {
    return text;
  }
  if (text->starts_with("service:")) {
    t.reader.error(node, path, "sharing a service's namespace (" + in_quotes(*text) +
                                   ") is not supported yet; use \"container:NAME\"");
    return std::nullopt;
  }
  std::string expected;
  for (const std::string& mode : modes) {
    expected += in_quotes(mode) + ", ";
  }
  t.reader.error(node, path,
                 "invalid mode " + in_quotes(*text) + " (expected " + expected +
                     "or \"container:NAME\")");
  return std::nullopt;
}

void pid(Target& t, const YamlNode& node, const std::string& path) {
  t.options().pid = namespace_mode(t, node, path, {"host"}).value_or("");
}

void ipc(Target& t, const YamlNode& node, const std::string& path) {
  t.options().ipc =
      namespace_mode(t, node, path, {"host", "private", "shareable", "none"}).value_or("");
}

void stop_grace_period(Target& t, const YamlNode& node, const std::string& path) {
  std::optional<int64_t> nanoseconds = read_duration_ns(t.reader, node, path);
  if (!nanoseconds) {
    return;
  }
  int64_t seconds = (*nanoseconds + k_nanoseconds_per_second - 1) / k_nanoseconds_per_second;
  if (seconds > INT32_MAX) {
    t.reader.error(node, path, "stop_grace_period is too long");
    return;
  }
  t.options().stop_grace_period = static_cast<int>(seconds);
}

// compose refuses both `scale:` and `deploy.replicas` (unless deploy is global).
void check_scale_conflict(Target& t, const YamlNode& node, const std::string& path) {
  if (t.service.scale && t.service.deploy.replicas && t.service.deploy.mode != "global") {
    t.reader.error(node, path,
                   "both \"scale\" and \"deploy.replicas\" are set; only one of them may be");
  }
}

void scale(Target& t, const YamlNode& node, const std::string& path) {
  if (std::optional<int64_t> value = read_integer(t.reader, node, path, 0)) {
    t.service.scale = static_cast<int>(std::min<int64_t>(*value, INT32_MAX));
    check_scale_conflict(t, node, path);
  }
}

void deploy(Target& t, const YamlNode& node, const std::string& path) {
  t.service.deploy = parse_deploy(t.reader, node, path);
  const YamlEntry* replicas = node.is_mapping() ? node.find("replicas") : nullptr;
  if (replicas != nullptr) {
    check_scale_conflict(t, replicas->value, child_path(path, "replicas"));
  }
}

template <bool ContainerOptions::*field>
void flag(Target& t, const YamlNode& node, const std::string& path) {
  if (std::optional<bool> value = t.reader.boolean(node, path)) {
    t.options().*field = *value;
  }
}

template <std::vector<std::string> ContainerOptions::*field, bool string_allowed>
void strings(Target& t, const YamlNode& node, const std::string& path) {
  t.options().*field = string_allowed ? read_string_or_list(t.reader, node, path)
                                      : read_string_list(t.reader, node, path);
}

template <std::optional<int64_t> ContainerOptions::*field>
void byte_size(Target& t, const YamlNode& node, const std::string& path) {
  t.options().*field = read_byte_size(t.reader, node, path);
}

// Empty (`platform: ${PLATFORM:-}`) is not set, as compose takes it.
template <std::string ContainerOptions::*field>
void text(Target& t, const YamlNode& node, const std::string& path) {
  t.options().*field = t.reader.string(node, path).value_or("");
}

// clang-format off
const std::vector<std::pair<std::string, Parse>>& option_rules() {
  static const std::vector<std::pair<std::string, Parse>> k_rules = {
      {"extra_hosts", extra_hosts},
      {"dns", strings<&ContainerOptions::dns, true>},
      {"dns_search", strings<&ContainerOptions::dns_search, true>},
      {"cap_add", strings<&ContainerOptions::cap_add, false>},
      {"cap_drop", strings<&ContainerOptions::cap_drop, false>},
      {"privileged", flag<&ContainerOptions::privileged>},
      {"read_only", flag<&ContainerOptions::read_only>},
      {"init", [](Target& t, const YamlNode& node, const std::string& path) {
         t.options().init = t.reader.boolean(node, path); }},
      {"tty", flag<&ContainerOptions::tty>},
      {"stdin_open", flag<&ContainerOptions::stdin_open>},
      {"tmpfs", tmpfs},
      {"ulimits", [](Target& t, const YamlNode& node, const std::string& path) {
         t.options().ulimits = parse_ulimits(t.reader, node, path); }},
      {"sysctls", [](Target& t, const YamlNode& node, const std::string& path) {
         for (FieldReader::KeyValue& sysctl : t.reader.key_values(node, path)) {
           t.options().sysctls[sysctl.key] = sysctl.value.value_or("");
         }}},
      {"shm_size", byte_size<&ContainerOptions::shm_size>},
      {"mem_limit", byte_size<&ContainerOptions::mem_limit>},
      {"cpus", [](Target& t, const YamlNode& node, const std::string& path) {
         t.options().cpus = read_cpus(t.reader, node, path); }},
      {"stop_signal", text<&ContainerOptions::stop_signal>},
      {"stop_grace_period", stop_grace_period},
      {"healthcheck", [](Target& t, const YamlNode& node, const std::string& path) {
         t.options().healthcheck = parse_healthcheck(t.reader, node, path); }},
      {"logging", [](Target& t, const YamlNode& node, const std::string& path) {
         t.options().logging = parse_logging(t.reader, node, path); }},
      {"pid", pid},
      {"ipc", ipc},
      {"devices", devices},
      {"platform", text<&ContainerOptions::platform>},
      {"external_links", external_links},
      {"scale", scale},
      {"deploy", deploy},
  };
  return k_rules;
}
// clang-format on

}  // namespace

const std::vector<std::string>& container_option_keys() {
  static const std::vector<std::string> k_keys = [] {
    std::vector<std::string> keys;
    for (const auto& [key, parse] : option_rules()) {
      keys.push_back(key);
    }
    const std::vector<std::string>& engine = engine_setting_keys();
    keys.insert(keys.end(), engine.begin(), engine.end());
    return keys;
  }();
  return k_keys;
}

void parse_container_options(FieldReader& reader, const YamlNode& body, const std::string& path,
                             Service& service) {
  Target target{reader, service};
  for (const YamlEntry& entry : body.entries) {
    for (const auto& [key, parse] : option_rules()) {
      if (entry.key.text == key) {
        parse(target, entry.value, child_path(path, key));
      }
    }
  }
  parse_engine_settings(reader, body, path, service);
}

}  // namespace berth::compose
