// The container option keys that are mappings of their own: healthcheck,
// logging, ulimits and deploy.

#include <algorithm>
#include <cstdint>

#include "compose/container_options_parser.h"
#include "compose/value_readers.h"

namespace berth::compose {
namespace {

const KnownKeys k_healthcheck_keys = {
    {"test", "interval", "timeout", "start_period", "start_interval", "retries", "disable"}, {}};
const KnownKeys k_logging_keys = {{"driver", "options"}, {}};
const KnownKeys k_ulimit_keys = {{"soft", "hard"}, {}};
// Swarm-only keys are read by swarm_deploy_parser.cc; `up` ignores them, as compose does.
const KnownKeys k_deploy_keys = {{"mode", "replicas", "resources", "restart_policy", "labels",
                                  "placement", "update_config", "rollback_config",
                                  "endpoint_mode"},
                                 {}};
const KnownKeys k_resources_keys = {{"limits", "reservations"}, {}};
// pids: compose/engine_settings_parser.cc.
const KnownKeys k_limits_keys = {{"cpus", "memory", "pids"}, {}};
const KnownKeys k_restart_policy_keys = {{"condition", "max_attempts", "delay", "window"}, {}};

// The entries of a mapping that are not "x-" extensions.
size_t count_real_keys(const YamlNode& mapping) {
  return std::count_if(mapping.entries.begin(), mapping.entries.end(),
                       [](const YamlEntry& entry) { return !is_extension_key(entry.key.text); });
}

std::vector<std::string> healthcheck_test(FieldReader& reader, const YamlNode& node,
                                          const std::string& path) {
  if (node.is_scalar()) {
    return {"CMD-SHELL", node.text};
  }
  std::vector<std::string> test = read_string_or_list(reader, node, path);
  if (!node.is_sequence()) {
    return {};
  }
  if (node.items.empty()) {
    reader.error(node, path, "the healthcheck test is an empty list");
    return {};
  }
  if (!test.empty() && test[0] != "NONE" && test[0] != "CMD" && test[0] != "CMD-SHELL") {
    reader.error(node.items[0], item_path(path, 0),
                 "when the healthcheck test is a list, its first item must be \"NONE\", "
                 "\"CMD\" or \"CMD-SHELL\", got " +
                     in_quotes(test[0]));
  }
  return test;
}

void read_health_durations(FieldReader& reader, const YamlNode& node, const std::string& path,
                           Healthcheck& healthcheck) {
  const std::pair<const char*, std::optional<int64_t> Healthcheck::*> k_durations[] = {
      {"interval", &Healthcheck::interval_ns},
      {"timeout", &Healthcheck::timeout_ns},
      {"start_period", &Healthcheck::start_period_ns},
      {"start_interval", &Healthcheck::start_interval_ns}};
  for (const auto& [key, field] : k_durations) {
    if (const YamlEntry* entry = node.find(key)) {
      healthcheck.*field = read_duration_ns(reader, entry->value, child_path(path, key));
    }
  }
}

// The kernel caps open files at fs.nr_open: an unlimited nofile makes runc
// fail when the container starts ("error setting rlimit type 7"), after
// networks and volumes exist. Every other limit may be -1.
bool nofile_is_bounded(FieldReader& reader, const YamlEntry& entry, const std::string& path,
                       const Ulimit& limit) {
  if (limit.name != "nofile" || (limit.soft != -1 && limit.hard != -1)) {
    return true;
  }
  reader.error(entry.value, path,
               "\"nofile\" cannot be unlimited (-1): the kernel caps open files at fs.nr_open "
               "(1048576 by default); give a number");
  return false;
}

std::optional<Ulimit> parse_ulimit(FieldReader& reader, const YamlEntry& entry,
                                   const std::string& path) {
  // -1 is the engine's "unlimited".
  constexpr int64_t k_unlimited = -1;
  Ulimit limit{entry.key.text, 0, 0};
  if (!entry.value.is_mapping()) {
    std::optional<int64_t> value = read_integer(reader, entry.value, path, k_unlimited);
    limit.soft = limit.hard = value.value_or(0);
    return value && nofile_is_bounded(reader, entry, path, limit) ? std::optional(limit) : std::nullopt;
  }
  reader.check_keys(entry.value, path, k_ulimit_keys, true);
  const YamlEntry* soft = entry.value.find("soft");
  const YamlEntry* hard = entry.value.find("hard");
  if (soft == nullptr || hard == nullptr) {
    reader.error(entry.value, path, "a ulimit mapping needs both \"soft\" and \"hard\"");
    return std::nullopt;
  }
  std::optional<int64_t> soft_value =
      read_integer(reader, soft->value, child_path(path, "soft"), k_unlimited);
  std::optional<int64_t> hard_value =
      read_integer(reader, hard->value, child_path(path, "hard"), k_unlimited);
  if (!soft_value || !hard_value) {
    return std::nullopt;
  }
  if (*hard_value != k_unlimited && (*soft_value == k_unlimited || *soft_value > *hard_value)) {
    reader.error(soft->value, child_path(path, "soft"),
                 "the soft limit of " + in_quotes(limit.name) +
                     " may not be greater than the hard limit");
    return std::nullopt;
  }
  limit.soft = *soft_value;
  limit.hard = *hard_value;
  if (!nofile_is_bounded(reader, entry, path, limit)) {
    return std::nullopt;
  }
  return limit;
}

void parse_resources(FieldReader& reader, const YamlNode& node, const std::string& path,
                     Deploy& deploy) {
  if (!reader.expect(node, path, YamlNode::Kind::mapping)) {
    return;
  }
  reader.check_keys(node, path, k_resources_keys, true);
  const YamlEntry* limits = node.find("limits");
  std::string limits_path = child_path(path, "limits");
  if (limits == nullptr || !reader.expect(limits->value, limits_path, YamlNode::Kind::mapping)) {
    return;
  }
  reader.check_keys(limits->value, limits_path, k_limits_keys, true);
  if (const YamlEntry* cpus = limits->value.find("cpus")) {
    deploy.limit_cpus = read_cpus(reader, cpus->value, child_path(limits_path, "cpus"));
  }
  if (const YamlEntry* memory = limits->value.find("memory")) {
    deploy.limit_memory = read_byte_size(reader, memory->value, child_path(limits_path, "memory"));
  }
}

DeployRestartPolicy parse_restart_policy(FieldReader& reader, const YamlNode& node,
                                         const std::string& path) {
  DeployRestartPolicy policy;
  if (!reader.expect(node, path, YamlNode::Kind::mapping)) {
    return policy;
  }
  reader.check_keys(node, path, k_restart_policy_keys, true);
  if (const YamlEntry* condition = node.find("condition")) {
    std::string at = child_path(path, "condition");
    std::optional<std::string> text = reader.string(condition->value, at);
    if (text && *text != "none" && *text != "any" && *text != "on-failure") {
      reader.error(condition->value, at,
                   "invalid restart condition " + in_quotes(*text) +
                       " (expected \"none\", \"any\" or \"on-failure\")");
    } else if (text) {
      policy.condition = *text;
    }
  }
  if (const YamlEntry* attempts = node.find("max_attempts")) {
    std::optional<int64_t> value =
        read_integer(reader, attempts->value, child_path(path, "max_attempts"), 0);
    if (value) {
      policy.max_attempts = static_cast<int>(std::min<int64_t>(*value, INT32_MAX));
    }
  }
  // delay and window pace swarm's restarts; one engine has no such setting.
  if (const YamlEntry* delay = node.find("delay")) {
    policy.delay_ns = read_duration_ns(reader, delay->value, child_path(path, "delay"));
  }
  if (const YamlEntry* window = node.find("window")) {
    policy.window_ns = read_duration_ns(reader, window->value, child_path(path, "window"));
  }
  return policy;
}

}  // namespace

Healthcheck parse_healthcheck(FieldReader& reader, const YamlNode& node, const std::string& path) {
  Healthcheck healthcheck;
  if (!reader.expect(node, path, YamlNode::Kind::mapping)) {
    return healthcheck;
  }
  reader.check_keys(node, path, k_healthcheck_keys, true);
  if (const YamlEntry* test = node.find("test")) {
    healthcheck.test = healthcheck_test(reader, test->value, child_path(path, "test"));
  }
  read_health_durations(reader, node, path, healthcheck);
  if (const YamlEntry* retries = node.find("retries")) {
    std::optional<int64_t> value =
        read_integer(reader, retries->value, child_path(path, "retries"), 0);
    if (value) {
      healthcheck.retries = static_cast<int>(std::min<int64_t>(*value, INT32_MAX));
    }
  }
  bool disabled = false;
  if (const YamlEntry* disable = node.find("disable")) {
    disabled = reader.boolean(disable->value, child_path(path, "disable")).value_or(false);
    if (disabled) {
      healthcheck.test = {"NONE"};
    }
  }
  bool none = !healthcheck.test.empty() && healthcheck.test[0] == "NONE";
  if (none && count_real_keys(node) > 1) {
    reader.error(node, path,
                 "a disabled healthcheck (\"disable: true\" or test [\"NONE\"]) cannot be "
                 "combined with other options");
  }
  return healthcheck;
}

Logging parse_logging(FieldReader& reader, const YamlNode& node, const std::string& path) {
  Logging logging;
  if (!reader.expect(node, path, YamlNode::Kind::mapping)) {
    return logging;
  }
  reader.check_keys(node, path, k_logging_keys, true);
  if (const YamlEntry* driver = node.find("driver")) {
    logging.driver = read_non_empty(reader, driver->value, child_path(path, "driver")).value_or("");
  }
  const YamlEntry* options = node.find("options");
  std::string options_path = child_path(path, "options");
  if (options != nullptr && !options->value.is_null() &&
      reader.expect(options->value, options_path, YamlNode::Kind::mapping)) {
    for (FieldReader::KeyValue& option : reader.key_values(options->value, options_path)) {
      logging.options[option.key] = option.value.value_or("");
    }
  }
  return logging;
}

std::vector<Ulimit> parse_ulimits(FieldReader& reader, const YamlNode& node,
                                  const std::string& path) {
  std::vector<Ulimit> limits;
  if (!reader.expect(node, path, YamlNode::Kind::mapping)) {
    return limits;
  }
  for (const YamlEntry& entry : node.entries) {
    std::string entry_path = child_path(path, entry.key.text);
    const std::string& name = entry.key.text;
    if (name.empty() || name.find_first_not_of("abcdefghijklmnopqrstuvwxyz") != std::string::npos) {
      reader.error(entry.key, entry_path,
                   "invalid ulimit name " + in_quotes(name) + " (expected e.g. \"nofile\")");
      continue;
    }
    if (std::optional<Ulimit> limit = parse_ulimit(reader, entry, entry_path)) {
      limits.push_back(*limit);
    }
  }
  return limits;
}

Deploy parse_deploy(FieldReader& reader, const YamlNode& node, const std::string& path) {
  Deploy deploy;
  if (node.is_null() || !reader.expect(node, path, YamlNode::Kind::mapping)) {
    return deploy;
  }
  reader.check_keys(node, path, k_deploy_keys, true);
  if (const YamlEntry* mode = node.find("mode")) {
    std::string at = child_path(path, "mode");
    std::optional<std::string> text = reader.string(mode->value, at);
    if (text && *text != "replicated" && *text != "global") {
      reader.error(mode->value, at,
                   "invalid deploy mode " + in_quotes(*text) +
                       " (expected \"replicated\" or \"global\")");
    } else if (text) {
      deploy.mode = *text;
    }
  }
  if (const YamlEntry* replicas = node.find("replicas")) {
    std::optional<int64_t> value =
        read_integer(reader, replicas->value, child_path(path, "replicas"), 0);
    if (value) {
      deploy.replicas = static_cast<int>(std::min<int64_t>(*value, INT32_MAX));
    }
  }
  if (const YamlEntry* resources = node.find("resources")) {
    parse_resources(reader, resources->value, child_path(path, "resources"), deploy);
  }
  if (const YamlEntry* restart = node.find("restart_policy")) {
    deploy.restart_policy =
        parse_restart_policy(reader, restart->value, child_path(path, "restart_policy"));
  }
  parse_swarm_deploy(reader, node, path, deploy);
  return deploy;
}

}  // namespace berth::compose
