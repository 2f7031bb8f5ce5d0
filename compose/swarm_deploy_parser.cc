// The swarm-only parts of `deploy:` (labels, placement, update_config,
// rollback_config, endpoint_mode, resources.reservations). `up` ignores them,
// as compose does; `berth deploy` gives them to the swarm, so they are read
// and checked as strictly as any other key.

#include <algorithm>
#include <cstdint>

#include "compose/container_options_parser.h"
#include "compose/value_readers.h"

namespace berth::compose {
namespace {

const KnownKeys k_placement_keys = {{"constraints", "preferences", "max_replicas_per_node"}, {}};
const KnownKeys k_preference_keys = {{"spread"}, {}};
const KnownKeys k_update_keys = {
    {"parallelism", "delay", "failure_action", "monitor", "max_failure_ratio", "order"}, {}};
// devices: compose/engine_settings_parser.cc.
const KnownKeys k_reservation_keys = {{"cpus", "memory", "devices"}, {"generic_resources"}};

// `text` when it is one of `allowed`, else an error listing them.
std::string one_of(FieldReader& reader, const YamlNode& node, const std::string& path,
                   const std::vector<std::string>& allowed, const char* what) {
  std::optional<std::string> text = reader.string(node, path);
  if (!text) {
    return "";
  }
  if (std::find(allowed.begin(), allowed.end(), *text) == allowed.end()) {
    std::string expected;
    for (const std::string& value : allowed) {
      expected += (expected.empty() ? "" : " or ") + in_quotes(value);
    }
    reader.error(node, path,
                 std::string("invalid ") + what + " " + in_quotes(*text) + " (expected " +
                     expected + ")");
    return "";
  }
  return *text;
}

std::optional<int> small_integer(FieldReader& reader, const YamlNode& node,
                                 const std::string& path) {
  std::optional<int64_t> value = read_integer(reader, node, path, 0);
  return value ? std::optional<int>(static_cast<int>(std::min<int64_t>(*value, INT32_MAX)))
               : std::nullopt;
}

std::optional<double> ratio(FieldReader& reader, const YamlNode& node, const std::string& path) {
  std::optional<double> value = read_cpus(reader, node, path);  // a non-negative number
  if (value && *value > 1.0) {
    reader.error(node, path, "max_failure_ratio must be between 0 and 1");
    return std::nullopt;
  }
  return value;
}

DeployUpdatePolicy parse_update_policy(FieldReader& reader, const YamlNode& node,
                                       const std::string& path, bool is_rollback) {
  DeployUpdatePolicy policy;
  if (node.is_null() || !reader.expect(node, path, YamlNode::Kind::mapping)) {
    return policy;
  }
  reader.check_keys(node, path, k_update_keys, true);
  for (const YamlEntry& entry : node.entries) {
    const std::string& key = entry.key.text;
    std::string at = child_path(path, key);
    if (key == "parallelism") {
      policy.parallelism = small_integer(reader, entry.value, at);
    } else if (key == "delay") {
      policy.delay_ns = read_duration_ns(reader, entry.value, at);
    } else if (key == "monitor") {
      policy.monitor_ns = read_duration_ns(reader, entry.value, at);
    } else if (key == "max_failure_ratio") {
      policy.max_failure_ratio = ratio(reader, entry.value, at);
    } else if (key == "order") {
      policy.order = one_of(reader, entry.value, at, {"stop-first", "start-first"}, "order");
    } else if (key == "failure_action") {
      // A rollback that fails cannot roll back again.
      std::vector<std::string> allowed = is_rollback
                                             ? std::vector<std::string>{"continue", "pause"}
                                             : std::vector<std::string>{"continue", "pause",
                                                                        "rollback"};
      policy.failure_action = one_of(reader, entry.value, at, allowed, "failure_action");
    }
  }
  return policy;
}

void parse_placement(FieldReader& reader, const YamlNode& node, const std::string& path,
                     Deploy& deploy) {
  if (node.is_null() || !reader.expect(node, path, YamlNode::Kind::mapping)) {
    return;
  }
  reader.check_keys(node, path, k_placement_keys, true);
  if (const YamlEntry* constraints = node.find("constraints")) {
    deploy.placement_constraints =
        read_string_list(reader, constraints->value, child_path(path, "constraints"));
  }
  if (const YamlEntry* maximum = node.find("max_replicas_per_node")) {
    deploy.max_replicas_per_node =
        small_integer(reader, maximum->value, child_path(path, "max_replicas_per_node"));
  }
  const YamlEntry* preferences = node.find("preferences");
  std::string preferences_path = child_path(path, "preferences");
  if (preferences == nullptr ||
      !reader.expect(preferences->value, preferences_path, YamlNode::Kind::sequence)) {
    return;
  }
  for (size_t i = 0; i < preferences->value.items.size(); ++i) {
    const YamlNode& item = preferences->value.items[i];
    std::string at = item_path(preferences_path, i);
    if (!reader.expect(item, at, YamlNode::Kind::mapping)) {
      continue;
    }
    reader.check_keys(item, at, k_preference_keys, true);
    if (const YamlEntry* spread = item.find("spread")) {
      if (std::optional<std::string> descriptor =
              read_non_empty(reader, spread->value, child_path(at, "spread"))) {
        deploy.placement_spreads.push_back(*descriptor);
      }
    }
  }
}

void parse_reservations(FieldReader& reader, const YamlNode& node, const std::string& path,
                        Deploy& deploy) {
  if (node.is_null() || !reader.expect(node, path, YamlNode::Kind::mapping)) {
    return;
  }
  reader.check_keys(node, path, k_reservation_keys, true);
  if (const YamlEntry* cpus = node.find("cpus")) {
    deploy.reserve_cpus = read_cpus(reader, cpus->value, child_path(path, "cpus"));
  }
  if (const YamlEntry* memory = node.find("memory")) {
    deploy.reserve_memory = read_byte_size(reader, memory->value, child_path(path, "memory"));
  }
}

}  // namespace

void parse_swarm_deploy(FieldReader& reader, const YamlNode& node, const std::string& path,
                        Deploy& deploy) {
  if (const YamlEntry* labels = node.find("labels")) {
    for (FieldReader::KeyValue& label : reader.key_values(labels->value, child_path(path, "labels"))) {
      deploy.labels[label.key] = label.value.value_or("");
    }
  }
  if (const YamlEntry* placement = node.find("placement")) {
    parse_placement(reader, placement->value, child_path(path, "placement"), deploy);
  }
  if (const YamlEntry* update = node.find("update_config")) {
    deploy.update_config =
        parse_update_policy(reader, update->value, child_path(path, "update_config"), false);
  }
  if (const YamlEntry* rollback = node.find("rollback_config")) {
    deploy.rollback_config =
        parse_update_policy(reader, rollback->value, child_path(path, "rollback_config"), true);
  }
  if (const YamlEntry* mode = node.find("endpoint_mode")) {
    deploy.endpoint_mode = one_of(reader, mode->value, child_path(path, "endpoint_mode"),
                                  {"vip", "dnsrr"}, "endpoint_mode");
  }
  const YamlEntry* resources = node.find("resources");
  if (resources != nullptr && resources->value.is_mapping()) {
    if (const YamlEntry* reservations = resources->value.find("reservations")) {
      parse_reservations(reader, reservations->value,
                         child_path(child_path(path, "resources"), "reservations"), deploy);
    }
  }
}

}  // namespace berth::compose
