#include "compose/merge.h"

#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "compose/field_reader.h"
#include "compose/ports.h"

namespace berth::compose {
namespace {

// The key an item of a list merges by; nullopt: the item is always kept.
using KeyOf = std::function<std::optional<std::string>(const YamlNode& item)>;
// Merges the values of one key present on both sides.
using MergeValue =
    std::function<YamlNode(const std::string& key, const YamlNode& base, const YamlNode& override)>;

enum class Rule {
  replace,
  key_values,  // a mapping, or a list of "KEY<separator>value"
  by_alias,    // links
  by_target,   // volumes, devices: by container path
  by_source,   // secrets, configs
  by_path,     // blkio_config's device lists
  ports,
  unique,
  concat,  // a string or a list; duplicates kept
  networks,
  build,
  logging,
  healthcheck,
  blkio,
  deep,  // deploy: mappings merge recursively, lists unite
};

struct KeyRule {
  const char* key;
  Rule rule;
  char separator = '\0';  // key_values only; '\0': the whole item is the key (depends_on)
};

// clang-format off
const std::vector<KeyRule> k_service_rules = {
    {"environment", Rule::key_values, '='}, {"labels", Rule::key_values, '='},
    {"sysctls", Rule::key_values, '='},     {"storage_opt", Rule::key_values, '='},
    {"ulimits", Rule::key_values, '='},     {"extra_hosts", Rule::key_values, ':'},
    {"depends_on", Rule::key_values, '\0'},
    {"links", Rule::by_alias},   {"volumes", Rule::by_target}, {"devices", Rule::by_target},
    {"secrets", Rule::by_source}, {"configs", Rule::by_source}, {"ports", Rule::ports},
    {"expose", Rule::unique},    {"cap_add", Rule::unique},    {"cap_drop", Rule::unique},
    {"external_links", Rule::unique}, {"volumes_from", Rule::unique}, {"profiles", Rule::unique},
    {"security_opt", Rule::unique},   {"device_cgroup_rules", Rule::unique},
    {"dns", Rule::concat}, {"dns_search", Rule::concat}, {"env_file", Rule::concat},
    {"tmpfs", Rule::concat},
    {"networks", Rule::networks}, {"build", Rule::build}, {"logging", Rule::logging},
    {"healthcheck", Rule::healthcheck}, {"blkio_config", Rule::blkio}, {"deploy", Rule::deep},
};
// clang-format on

const std::vector<std::string> k_named_top_level_sections = {"volumes", "networks", "secrets",
                                                             "configs"};

std::optional<std::string> scalar_text(const YamlNode& node) {
  return node.is_scalar() ? std::optional<std::string>(node.text) : std::nullopt;
}

// The text of `key` in a mapping item (long syntax), or `fallback`.
std::string entry_text(const YamlNode& item, const std::string& key, const std::string& fallback) {
  const YamlEntry* entry = item.find(key);
  return entry != nullptr && entry->value.is_scalar() ? entry->value.text : fallback;
}

// A scalar written where a node of `kind` (a mapping key, a converted value) is needed.
YamlNode synthetic_scalar(const YamlNode& at, std::string text) {
  YamlNode node;
  node.kind = YamlNode::Kind::scalar;
  node.text = std::move(text);
  node.quoted = true;  // taken from a "KEY=value" string: stays a string
  node.line = at.line;
  node.column = at.column;
  node.file = at.file;
  return node;
}

// Items of `override` replace the base's items with the same key, in place;
// the others go at the end. Duplicates within one side collapse the same way.
// Indexed, since aliases can make long lists.
YamlNode merge_items(const YamlNode& base, const YamlNode& override, const KeyOf& key_of) {
  YamlNode result = base;
  result.items.clear();
  std::unordered_map<std::string, size_t> index;
  for (const YamlNode* side : {&base, &override}) {
    for (const YamlNode& item : side->items) {
      std::optional<std::string> key = key_of(item);
      if (!key) {
        result.items.push_back(item);
      } else if (auto [found, added] = index.emplace(*key, result.items.size()); added) {
        result.items.push_back(item);
      } else {
        result.items[found->second] = item;
      }
    }
  }
  return result;
}

// Lays one entry of an override over the base's entry of the same key. The
// merge tags come first: "!reset" leaves its tombstone (so that `extends`,
// resolved after the files are merged, drops the key from its base too),
// "!override" replaces. A value laid over a tombstone replaces whatever lies
// below, so it is marked "!override" for `extends` alike.
void merge_entry(YamlEntry& existing, const YamlEntry& entry, const MergeValue& merge_value) {
  if (!merge_value || entry.value.is_reset() || entry.value.is_override()) {
    existing = entry;
  } else if (existing.value.is_reset()) {
    existing = entry;
    existing.value.tag = YamlNode::k_override_tag;
  } else {
    const bool overridden = existing.value.is_override();
    existing.value = merge_value(entry.key.text, existing.value, entry.value);
    if (overridden) {
      existing.value.tag = YamlNode::k_override_tag;
    }
  }
}

// Entries of `override` replace (or, with `merge_value`, merge into) the
// base's entries of the same key, in place; new keys go at the end.
YamlNode merge_entries(const YamlNode& base, const YamlNode& override,
                       const MergeValue& merge_value) {
  YamlNode result = base;
  std::unordered_map<std::string, size_t> index;
  for (size_t i = 0; i < result.entries.size(); ++i) {
    index.emplace(result.entries[i].key.text, i);
  }
  for (const YamlEntry& entry : override.entries) {
    auto [found, added] = index.emplace(entry.key.text, result.entries.size());
    if (added) {
      result.entries.push_back(entry);
    } else {
      merge_entry(result.entries[found->second], entry, merge_value);
    }
  }
  return result;
}

KeyOf key_before(char separator) {
  return [separator](const YamlNode& item) -> std::optional<std::string> {
    if (!item.is_scalar()) {
      return std::nullopt;
    }
    return separator == '\0' ? item.text : item.text.substr(0, item.text.find(separator));
  };
}

// A list of "KEY<separator>value" strings as the equivalent mapping; nullopt
// when `node` is neither (left for the parser to report).
std::optional<YamlNode> as_mapping(const YamlNode& node, char separator) {
  if (node.is_mapping()) {
    return node;
  }
  if (!node.is_sequence()) {
    return std::nullopt;
  }
  YamlNode mapping = node;
  mapping.kind = YamlNode::Kind::mapping;
  mapping.items.clear();
  for (const YamlNode& item : node.items) {
    if (!item.is_scalar()) {
      return std::nullopt;
    }
    size_t split = separator == '\0' ? std::string::npos : item.text.find(separator);
    YamlEntry entry{synthetic_scalar(item, item.text.substr(0, split)), YamlNode{}};
    entry.value.line = item.line;
    entry.value.column = item.column;
    entry.value.file = item.file;
    if (split != std::string::npos) {
      entry.value = synthetic_scalar(item, item.text.substr(split + 1));
    }
    mapping.entries.push_back(std::move(entry));
  }
  return mapping;
}

YamlNode merge_key_values(const YamlNode& base, const YamlNode& override, char separator) {
  if (base.is_sequence() && override.is_sequence()) {
    return merge_items(base, override, key_before(separator));
  }
  std::optional<YamlNode> base_mapping = as_mapping(base, separator);
  if (!base_mapping) {
    return base;
  }
  std::optional<YamlNode> override_mapping = as_mapping(override, separator);
  if (!override_mapping) {
    return override;
  }
  return merge_entries(*base_mapping, *override_mapping, nullptr);
}

std::optional<std::string> alias_of(const YamlNode& item) {
  if (!item.is_scalar()) {
    return std::nullopt;
  }
  size_t colon = item.text.find(':');
  return colon == std::string::npos ? item.text : item.text.substr(colon + 1);
}

// "host:container[:mode]" -> container, as compose's split_path_mapping.
std::optional<std::string> target_of(const YamlNode& item) {
  if (item.is_mapping()) {
    return "long:" + entry_text(item, "target", "");
  }
  if (!item.is_scalar()) {
    return std::nullopt;
  }
  size_t colon = item.text.find(':');
  if (colon == std::string::npos) {
    return item.text;
  }
  std::string container = item.text.substr(colon + 1);
  return container.substr(0, container.rfind(':'));
}

std::optional<std::string> source_of(const YamlNode& item) {
  return item.is_mapping() ? std::optional<std::string>(entry_text(item, "source", ""))
                           : scalar_text(item);
}

std::string port_range(uint16_t start, uint16_t end) {
  if (start == 0) {
    return "";
  }
  return start == end ? std::to_string(start)
                      : std::to_string(start) + "-" + std::to_string(end);
}

// Short and long syntax of one binding give the same key: "ip|published|target|proto".
std::optional<std::string> port_of(const YamlNode& item) {
  if (item.is_mapping()) {
    return entry_text(item, "host_ip", "") + "|" + entry_text(item, "published", "") + "|" +
           entry_text(item, "target", "") + "|" + entry_text(item, "protocol", "tcp");
  }
  if (!item.is_scalar()) {
    return std::nullopt;
  }
  std::optional<PortMapping> port = parse_port_mapping(item.text);
  if (!port) {
    return item.text;
  }
  return port->host_ip + "|" + port_range(port->host_start, port->host_end) + "|" +
         port_range(port->container_start, port->container_end) + "|" + port->protocol;
}

// A string or a list, as a list.
YamlNode as_list(const YamlNode& node) {
  if (!node.is_scalar()) {
    return node;
  }
  YamlNode list = node;
  list.kind = YamlNode::Kind::sequence;
  list.text.clear();
  list.items = {node};
  return list;
}

YamlNode concat(const YamlNode& base, const YamlNode& override) {
  YamlNode base_list = as_list(base);
  YamlNode override_list = as_list(override);
  if (!base_list.is_sequence()) {
    return base;
  }
  if (!override_list.is_sequence()) {
    return override;
  }
  base_list.items.insert(base_list.items.end(), override_list.items.begin(),
                         override_list.items.end());
  return base_list;
}


YamlNode merge_by(Rule rule, const YamlNode& base, const YamlNode& override, char separator);

// Entries of two mappings merged by the rule of their key in `rules` (other keys replace).
MergeValue by_rules(const std::vector<KeyRule>& rules) {
  return [&rules](const std::string& key, const YamlNode& base, const YamlNode& override) {
    for (const KeyRule& rule : rules) {
      if (key == rule.key) {
        return merge_by(rule.rule, base, override, rule.separator);
      }
    }
    return override;
  };
}

// Sequences merge by `key_of`; anything else is kept from the side that is wrong.
YamlNode merge_lists(const YamlNode& base, const YamlNode& override, const KeyOf& key_of) {
  if (!base.is_sequence()) {
    return base;
  }
  if (!override.is_sequence()) {
    return override;
  }
  return merge_items(base, override, key_of);
}

// Mappings merge entry by entry with `merge_value` (nullptr: replace).
YamlNode merge_mappings(const YamlNode& base, const YamlNode& override,
                        const MergeValue& merge_value) {
  if (!base.is_mapping()) {
    return base;
  }
  if (!override.is_mapping()) {
    return override;
  }
  return merge_entries(base, override, merge_value);
}

// One network of a service: aliases and link_local_ips unite, the rest replaces.
YamlNode merge_network(const std::string&, const YamlNode& base, const YamlNode& override) {
  static const std::vector<KeyRule> k_rules = {{"aliases", Rule::unique},
                                               {"link_local_ips", Rule::unique}};
  if (base.is_null() || override.is_null()) {
    return override.is_null() ? base : override;
  }
  return merge_mappings(base, override, by_rules(k_rules));
}

// A list of network names, or a mapping of name to options (or null).
YamlNode merge_networks(const YamlNode& base, const YamlNode& override) {
  if (base.is_sequence() && override.is_sequence()) {
    return merge_items(base, override, scalar_text);
  }
  std::optional<YamlNode> base_mapping = as_mapping(base, '\0');
  if (!base_mapping) {
    return base;
  }
  std::optional<YamlNode> override_mapping = as_mapping(override, '\0');
  if (!override_mapping) {
    return override;
  }
  return merge_entries(*base_mapping, *override_mapping, merge_network);
}

// `build: DIR` is `build: {context: DIR}`.
YamlNode as_build_mapping(const YamlNode& node) {
  if (!node.is_scalar()) {
    return node;
  }
  YamlNode mapping = node;
  mapping.kind = YamlNode::Kind::mapping;
  mapping.text.clear();
  mapping.entries.push_back(YamlEntry{synthetic_scalar(node, "context"), node});
  return mapping;
}

YamlNode merge_build(const YamlNode& base, const YamlNode& override) {
  static const std::vector<KeyRule> k_rules = {{"args", Rule::key_values, '='},
                                               {"labels", Rule::key_values, '='},
                                               {"extra_hosts", Rule::key_values, ':'},
                                               {"cache_from", Rule::unique}};
  if (base.is_scalar() && override.is_scalar()) {
    return override;
  }
  return merge_mappings(as_build_mapping(base), as_build_mapping(override), by_rules(k_rules));
}

// The options merge while the driver stays the same; a new driver brings its own options.
YamlNode merge_logging(const YamlNode& base, const YamlNode& override) {
  if (!base.is_mapping() || !override.is_mapping()) {
    return merge_mappings(base, override, nullptr);
  }
  std::string base_driver = entry_text(base, "driver", "");
  std::string driver = entry_text(override, "driver", base_driver);
  YamlNode start = base;
  if (!base_driver.empty() && driver != base_driver) {
    start.entries.clear();  // the old driver's options mean nothing to the new one
  }
  return merge_entries(start, override, [](const std::string& key, const YamlNode& b,
                                           const YamlNode& o) {
    return key == "options" ? merge_mappings(b, o, nullptr) : o;
  });
}

bool is_true(const YamlNode& node) {
  return node.is_scalar() && !node.quoted &&
         (node.text == "true" || node.text == "True" || node.text == "TRUE");
}

// `disable: true` drops the base's check; otherwise each key replaces (`test` as a whole).
YamlNode merge_healthcheck(const YamlNode& base, const YamlNode& override) {
  const YamlEntry* disable = override.is_mapping() ? override.find("disable") : nullptr;
  if (disable != nullptr && is_true(disable->value)) {
    return override;
  }
  return merge_mappings(base, override, nullptr);
}

YamlNode merge_blkio(const YamlNode& base, const YamlNode& override) {
  static const std::vector<KeyRule> k_rules = {
      {"device_read_bps", Rule::by_path},   {"device_read_iops", Rule::by_path},
      {"device_write_bps", Rule::by_path},  {"device_write_iops", Rule::by_path},
      {"weight_device", Rule::by_path}};
  return merge_mappings(base, override, by_rules(k_rules));
}

YamlNode merge_deep(const std::string&, const YamlNode& base, const YamlNode& override) {
  if (base.is_mapping() && override.is_mapping()) {
    return merge_entries(base, override, merge_deep);
  }
  if (base.is_sequence() && override.is_sequence()) {
    return merge_items(base, override, scalar_text);
  }
  return override;
}

YamlNode merge_by(Rule rule, const YamlNode& base, const YamlNode& override, char separator) {
  if (rule == Rule::replace) {
    return override;
  }
  if (base.is_null() || override.is_null()) {  // an empty list or mapping adds nothing
    return override.is_null() ? base : override;
  }
  switch (rule) {
    case Rule::key_values:
      return merge_key_values(base, override, separator);
    case Rule::by_alias:
      return merge_lists(base, override, alias_of);
    case Rule::by_target:
      return merge_lists(base, override, target_of);
    case Rule::by_source:
      return merge_lists(base, override, source_of);
    case Rule::by_path:
      return merge_lists(base, override, [](const YamlNode& item) {
        return std::optional<std::string>(entry_text(item, "path", ""));
      });
    case Rule::ports:
      return merge_lists(base, override, port_of);
    case Rule::unique:
      return merge_lists(base, override, scalar_text);
    case Rule::concat:
      return concat(base, override);
    case Rule::networks:
      return merge_networks(base, override);
    case Rule::build:
      return merge_build(base, override);
    case Rule::logging:
      return merge_logging(base, override);
    case Rule::healthcheck:
      return merge_healthcheck(base, override);
    case Rule::blkio:
      return merge_blkio(base, override);
    case Rule::deep:
      return merge_deep("", base, override);
    case Rule::replace:
      break;
  }
  return override;
}

// Fig v1: `image:` and `build:` exclude each other, and the override's choice wins.
YamlNode without_image_or_build(const YamlNode& base, const YamlNode& override) {
  if (override.find("image") == nullptr && override.find("build") == nullptr) {
    return base;
  }
  YamlNode result = base;
  std::erase_if(result.entries, [](const YamlEntry& entry) {
    return entry.key.text == "image" || entry.key.text == "build";
  });
  return result;
}

// The services of two files, by name.
YamlNode merge_services(const YamlNode& base, const YamlNode& override, bool legacy_format) {
  return merge_mappings(base, override,
                        [legacy_format](const std::string& key, const YamlNode& b,
                                        const YamlNode& o) {
                          return is_extension_key(key) ? o : merge_service(b, o, legacy_format);
                        });
}

void collect_unknown_tags(const YamlNode& node, std::vector<std::string>& warnings) {
  if (!node.tag.empty() && !node.is_reset() && !node.is_override()) {
    warnings.push_back(node.file + ":" + std::to_string(node.line) + ":" +
                       std::to_string(node.column) + ": unknown YAML tag " + in_quotes(node.tag) +
                       " ignored (compose knows !reset and !override)");
  }
  for (const YamlNode& item : node.items) {
    collect_unknown_tags(item, warnings);
  }
  for (const YamlEntry& entry : node.entries) {
    collect_unknown_tags(entry.value, warnings);
  }
}

}  // namespace

void drop_merge_tags(YamlNode& node) {
  std::erase_if(node.items, [](const YamlNode& item) { return item.is_reset(); });
  std::erase_if(node.entries, [](const YamlEntry& entry) { return entry.value.is_reset(); });
  if (node.is_override()) {
    node.tag.clear();
  }
  for (YamlNode& item : node.items) {
    drop_merge_tags(item);
  }
  for (YamlEntry& entry : node.entries) {
    drop_merge_tags(entry.value);
  }
}

std::vector<std::string> unknown_tag_warnings(const YamlNode& root) {
  std::vector<std::string> warnings;
  collect_unknown_tags(root, warnings);
  return warnings;
}

bool is_services_format(const YamlNode& root) {
  // A project may be made of includes alone; fig v1 had no include.
  const YamlEntry* include = root.find("include");
  return root.find("services") != nullptr || root.find("version") != nullptr ||
         (include != nullptr && !include->value.is_mapping());
}

YamlNode merge_service(const YamlNode& base, const YamlNode& override, bool legacy_format) {
  // A service written without a body (`web:`) has no keys yet.
  if (base.is_null() || override.is_null()) {
    return override.is_null() ? base : override;
  }
  if (!base.is_mapping() || !override.is_mapping()) {
    return base.is_mapping() ? override : base;
  }
  YamlNode start = legacy_format ? without_image_or_build(base, override) : base;
  return merge_entries(start, override, by_rules(k_service_rules));
}

YamlNode merge_files(const YamlNode& base, const YamlNode& override, bool legacy_format) {
  if (legacy_format) {
    return merge_services(base, override, true);
  }
  return merge_entries(base, override, [](const std::string& key, const YamlNode& b,
                                          const YamlNode& o) {
    if (b.is_null() || o.is_null()) {
      return o.is_null() ? b : o;
    }
    if (key == "services") {
      return merge_services(b, o, false);
    }
    for (const std::string& section : k_named_top_level_sections) {
      if (key == section) {
        return merge_mappings(b, o, nullptr);  // each declaration replaced whole
      }
    }
    return o;
  });
}

}  // namespace berth::compose
