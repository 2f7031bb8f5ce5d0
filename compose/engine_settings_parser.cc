#include "compose/engine_settings_parser.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <optional>

#include "compose/value_readers.h"

namespace berth::compose {
namespace {

// What every key's parser works on.
struct Target {
  FieldReader& reader;
  Service& service;
  EngineSettings& engine() { return service.engine; }
};

using Parse = void (*)(Target& t, const YamlNode& node, const std::string& path);

// A size in bytes, or -1 for "unlimited" (memswap_limit).
std::optional<int64_t> size_or_unlimited(FieldReader& reader, const YamlNode& node,
                                         const std::string& path) {
  if (node.is_scalar() && node.text == "-1") {
    return -1;
  }
  return read_byte_size(reader, node, path);
}

// `text` when it is one of `allowed`, else an error listing them.
std::string one_of(FieldReader& reader, const YamlNode& node, const std::string& path,
                   const std::vector<std::string>& allowed, const char* what) {
  std::optional<std::string> text = reader.string(node, path);
  if (!text || std::find(allowed.begin(), allowed.end(), *text) != allowed.end()) {
    return text.value_or("");
  }
  std::string expected;
  for (size_t i = 0; i < allowed.size(); ++i) {
    expected += (i == 0 ? "" : i + 1 == allowed.size() ? " or " : ", ") + in_quotes(allowed[i]);
  }
  reader.error(node, path,
               std::string("invalid ") + what + " " + in_quotes(*text) + " (expected " + expected +
                   ")");
  return "";
}

// As docker's CLI checks it: "key=value", "key:value" or "no-new-privileges".
void security_opt(Target& t, const YamlNode& node, const std::string& path) {
  for_each_string(t.reader, node, path, false,
                  [&](const YamlNode& item, const std::string& at, const std::string& text) {
                    if (text != "no-new-privileges" &&
                        text.find_first_of("=:") == std::string::npos) {
                      t.reader.error(item, at,
                                     "invalid security option " + in_quotes(text) +
                                         " (expected \"key=value\", e.g. \"label=disable\")");
                      return;
                    }
                    t.engine().security_opt.push_back(text);
                  });
}

// Groups are names or numbers; numbers are kept as text.
void group_add(Target& t, const YamlNode& node, const std::string& path) {
  for_each_string(t.reader, node, path, false,
                  [&](const YamlNode& item, const std::string& at, const std::string& text) {
                    if (text.empty()) {
                      t.reader.error(item, at, "expected a group name or number");
                      return;
                    }
                    t.engine().group_add.push_back(text);
                  });
}

bool is_mac_address(const std::string& text) {
  constexpr size_t k_length = 17;  // "02:42:ac:11:00:02"
  if (text.size() != k_length) {
    return false;
  }
  for (size_t i = 0; i < text.size(); ++i) {
    bool colon_here = i % 3 == 2;
    if (colon_here ? text[i] != ':' : !std::isxdigit(static_cast<unsigned char>(text[i]))) {
      return false;
    }
  }
  return true;
}

void mac_address(Target& t, const YamlNode& node, const std::string& path) {
  std::optional<std::string> text = t.reader.string(node, path);
  if (text && !text->empty() && !is_mac_address(*text)) {
    t.reader.error(node, path,
                   "invalid MAC address " + in_quotes(*text) + " (expected e.g. \"02:42:ac:11:65:43\")");
    return;
  }
  t.engine().mac_address = text.value_or("");
}

void storage_opt(Target& t, const YamlNode& node, const std::string& path) {
  if (!t.reader.expect(node, path, YamlNode::Kind::mapping)) {
    return;
  }
  for (FieldReader::KeyValue& option : t.reader.key_values(node, path)) {
    t.engine().storage_opt[option.key] = option.value.value_or("");
  }
}

// `gpus: all`, or a list of device requests; each asks for the "gpu" capability.
void gpus(Target& t, const YamlNode& node, const std::string& path) {
  if (node.is_scalar()) {
    if (node.text != "all") {
      t.reader.error(node, path, "expected \"all\" or a sequence of devices, got " +
                                     in_quotes(node.text));
      return;
    }
    t.engine().gpus.push_back(DeviceRequest{{}, "", -1, {}, {}});
    return;
  }
  if (!t.reader.expect(node, path, YamlNode::Kind::sequence)) {
    return;
  }
  for (size_t i = 0; i < node.items.size(); ++i) {
    if (auto request = parse_device_request(t.reader, node.items[i], item_path(path, i))) {
      t.engine().gpus.push_back(*request);
    }
  }
}

// A boolean; compose also takes the strings "true" and "false" here.
void oom_kill_disable(Target& t, const YamlNode& node, const std::string& path) {
  if (node.is_scalar() && node.quoted && (node.text == "true" || node.text == "false")) {
    t.engine().oom_kill_disable = node.text == "true";
    return;
  }
  t.engine().oom_kill_disable = t.reader.boolean(node, path);
}

void pull_policy(Target& t, const YamlNode& node, const std::string& path) {
  t.service.pull_policy = one_of(t.reader, node, path,
                                 {"always", "never", "missing", "if_not_present", "build"},
                                 "pull policy");
}

template <std::string EngineSettings::*field>
void text(Target& t, const YamlNode& node, const std::string& path) {
  t.engine().*field = t.reader.string(node, path).value_or("");
}

template <std::vector<std::string> EngineSettings::*field>
void strings(Target& t, const YamlNode& node, const std::string& path) {
  t.engine().*field = read_string_list(t.reader, node, path);
}

template <std::optional<int64_t> EngineSettings::*field, int64_t minimum, int64_t maximum>
void integer(Target& t, const YamlNode& node, const std::string& path) {
  t.engine().*field = read_integer_in(t.reader, node, path, minimum, maximum);
}

constexpr int64_t k_max = INT64_MAX;

// clang-format off
const std::vector<std::pair<std::string, Parse>>& setting_rules() {
  static const std::vector<std::pair<std::string, Parse>> k_rules = {
      {"runtime", text<&EngineSettings::runtime>},
      {"security_opt", security_opt},
      {"cgroup", [](Target& t, const YamlNode& node, const std::string& path) {
         t.engine().cgroup = one_of(t.reader, node, path, {"host", "private"}, "cgroup"); }},
      {"cgroup_parent", text<&EngineSettings::cgroup_parent>},
      {"cpu_count", integer<&EngineSettings::cpu_count, 0, k_max>},
      {"cpu_percent", integer<&EngineSettings::cpu_percent, 0, 100>},
      {"cpu_shares", integer<&EngineSettings::cpu_shares, 0, k_max>},
      {"cpu_period", integer<&EngineSettings::cpu_period, 0, k_max>},
      {"cpu_quota", integer<&EngineSettings::cpu_quota, -1, k_max>},
      {"cpu_rt_period", integer<&EngineSettings::cpu_rt_period, 0, k_max>},
      {"cpu_rt_runtime", integer<&EngineSettings::cpu_rt_runtime, -1, k_max>},
      {"cpuset", text<&EngineSettings::cpuset>},
      {"mem_reservation", [](Target& t, const YamlNode& node, const std::string& path) {
         t.engine().mem_reservation = read_byte_size(t.reader, node, path); }},
      {"memswap_limit", [](Target& t, const YamlNode& node, const std::string& path) {
         t.engine().memswap_limit = size_or_unlimited(t.reader, node, path); }},
      {"mem_swappiness", integer<&EngineSettings::mem_swappiness, 0, 100>},
      {"oom_kill_disable", oom_kill_disable},
      {"oom_score_adj", integer<&EngineSettings::oom_score_adj, -1000, 1000>},
      {"pids_limit", integer<&EngineSettings::pids_limit, -1, k_max>},
      {"blkio_config", [](Target& t, const YamlNode& node, const std::string& path) {
         t.engine().blkio_config = parse_blkio_config(t.reader, node, path); }},
      {"device_cgroup_rules", strings<&EngineSettings::device_cgroup_rules>},
      {"dns_opt", strings<&EngineSettings::dns_opt>},
      {"domainname", text<&EngineSettings::domainname>},
      {"group_add", group_add},
      {"mac_address", mac_address},
      {"userns_mode", [](Target& t, const YamlNode& node, const std::string& path) {
         t.engine().userns_mode = one_of(t.reader, node, path, {"host"}, "userns_mode"); }},
      {"uts", [](Target& t, const YamlNode& node, const std::string& path) {
         t.engine().uts = one_of(t.reader, node, path, {"host"}, "uts mode"); }},
      {"storage_opt", storage_opt},
      {"isolation", text<&EngineSettings::isolation>},
      {"gpus", gpus},
      {"pull_policy", pull_policy},
  };
  return k_rules;
}
// clang-format on

// The mapping at `key` of `node`, or nullptr (parse_deploy() reports a non-mapping).
const YamlNode* mapping_at(const YamlNode* node, const char* key) {
  if (node == nullptr || !node->is_mapping()) {
    return nullptr;
  }
  const YamlEntry* entry = node->find(key);
  return entry != nullptr && entry->value.is_mapping() ? &entry->value : nullptr;
}

// deploy.resources.limits.pids and deploy.resources.reservations.devices.
void parse_deploy_resources(Target& t, const YamlNode& body, const std::string& path) {
  const YamlNode* resources = mapping_at(mapping_at(&body, "deploy"), "resources");
  std::string resources_path = child_path(child_path(path, "deploy"), "resources");
  if (const YamlNode* limits = mapping_at(resources, "limits")) {
    if (const YamlEntry* pids = limits->find("pids")) {
      t.service.deploy.limit_pids = read_integer_in(
          t.reader, pids->value, child_path(child_path(resources_path, "limits"), "pids"), -1,
          k_max);
    }
  }
  const YamlNode* reservations = mapping_at(resources, "reservations");
  const YamlEntry* devices = reservations != nullptr ? reservations->find("devices") : nullptr;
  if (devices == nullptr) {
    return;
  }
  std::string at = child_path(child_path(resources_path, "reservations"), "devices");
  if (!t.reader.expect(devices->value, at, YamlNode::Kind::sequence)) {
    return;
  }
  for (size_t i = 0; i < devices->value.items.size(); ++i) {
    if (auto request =
            parse_device_request(t.reader, devices->value.items[i], item_path(at, i))) {
      t.service.deploy.reserve_devices.push_back(*request);
    }
  }
}

// Compose refuses two different values for one engine setting.
void check_conflict(Target& t, const YamlNode& body, const std::string& path, const char* key,
                    const char* deploy_key, const std::optional<int64_t>& value,
                    const std::optional<int64_t>& deploy_value) {
  const YamlEntry* entry = body.find(key);
  if (entry != nullptr && value && deploy_value && *value != *deploy_value) {
    t.reader.error(entry->value, child_path(path, key),
                   std::string("\"") + key + "\" and \"" + deploy_key +
                       "\" are set to different values; only one of them may be");
  }
}

}  // namespace

std::optional<int64_t> read_integer_in(FieldReader& reader, const YamlNode& node,
                                       const std::string& path, int64_t minimum, int64_t maximum) {
  std::optional<std::string> text = reader.string(node, path);
  if (!text) {
    return std::nullopt;
  }
  int64_t value = 0;
  const char* end = text->data() + text->size();
  auto [stop, error] = std::from_chars(text->data(), end, value);
  if (text->empty() || stop != end || error != std::errc()) {
    reader.error(node, path, "expected an integer, got " + in_quotes(*text));
    return std::nullopt;
  }
  if (value < minimum || value > maximum) {
    reader.error(node, path,
                 maximum == INT64_MAX
                     ? "must be at least " + std::to_string(minimum) + ", got " + *text
                     : "must be between " + std::to_string(minimum) + " and " +
                           std::to_string(maximum) + ", got " + *text);
    return std::nullopt;
  }
  return value;
}

const std::vector<std::string>& engine_setting_keys() {
  static const std::vector<std::string> k_keys = [] {
    std::vector<std::string> keys;
    for (const auto& [key, parse] : setting_rules()) {
      keys.push_back(key);
    }
    return keys;
  }();
  return k_keys;
}

void parse_engine_settings(FieldReader& reader, const YamlNode& body, const std::string& path,
                           Service& service) {
  Target target{reader, service};
  for (const YamlEntry& entry : body.entries) {
    for (const auto& [key, parse] : setting_rules()) {
      if (entry.key.text == key) {
        parse(target, entry.value, child_path(path, key));
      }
    }
  }
  parse_deploy_resources(target, body, path);
  check_conflict(target, body, path, "pids_limit", "deploy.resources.limits.pids",
                 service.engine.pids_limit, service.deploy.limit_pids);
  check_conflict(target, body, path, "mem_reservation", "deploy.resources.reservations.memory",
                 service.engine.mem_reservation, service.deploy.reserve_memory);
}

}  // namespace berth::compose
