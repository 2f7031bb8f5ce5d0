#include "compose/relation_parser.h"

#include <optional>
#include <set>

namespace berth::compose {
namespace {

const KnownKeys k_dependency_keys = {{"condition", "required", "restart"}, {}};

std::optional<DependencyCondition> parse_condition(const std::string& text) {
  if (text == "service_started") {
    return DependencyCondition::service_started;
  }
  if (text == "service_healthy") {
    return DependencyCondition::service_healthy;
  }
  if (text == "service_completed_successfully") {
    return DependencyCondition::service_completed_successfully;
  }
  return std::nullopt;
}

// The {condition, required, restart} mapping of one dependency; null means the defaults.
void parse_dependency_options(FieldReader& reader, const YamlNode& node, const std::string& path,
                              Dependency& dependency) {
  if (node.is_null() || !reader.expect(node, path, YamlNode::Kind::mapping)) {
    return;
  }
  reader.check_keys(node, path, k_dependency_keys, true);
  if (const YamlEntry* entry = node.find("condition")) {
    std::string entry_path = child_path(path, "condition");
    if (std::optional<std::string> text = reader.string(entry->value, entry_path)) {
      if (std::optional<DependencyCondition> condition = parse_condition(*text)) {
        dependency.condition = *condition;
      } else {
        reader.error(entry->value, entry_path,
                     "invalid condition " + in_quotes(*text) +
                         " (expected service_started, service_healthy or "
                         "service_completed_successfully)");
      }
    }
  }
  if (const YamlEntry* entry = node.find("required")) {
    dependency.required = reader.boolean(entry->value, child_path(path, "required")).value_or(true);
  }
  if (const YamlEntry* entry = node.find("restart")) {
    dependency.restart = reader.boolean(entry->value, child_path(path, "restart")).value_or(false);
  }
}

std::vector<Dependency> parse_dependency_list(FieldReader& reader, const YamlNode& node,
                                              const std::string& path) {
  std::vector<Dependency> dependencies;
  std::set<std::string> seen;
  for (size_t i = 0; i < node.items.size(); ++i) {
    const YamlNode& item = node.items[i];
    std::string entry_path = item_path(path, i);
    std::optional<std::string> name = reader.string(item, entry_path);
    if (!name) {
      continue;
    }
    if (!seen.insert(*name).second) {
      reader.error(item, entry_path, "duplicate dependency " + in_quotes(*name));
      continue;
    }
    Dependency dependency;
    dependency.service = *name;
    dependency.pos = reader.pos(item, entry_path);
    dependencies.push_back(dependency);
  }
  return dependencies;
}

std::optional<VolumesFrom> parse_volumes_from_entry(const std::string& text) {
  std::vector<std::string> parts = split_on(text, ':');
  VolumesFrom result;
  // As compose does: "service:" or "container:" first names the kind, else a mode may follow.
  bool typed = parts.size() >= 2 && (parts[0] == "service" || parts[0] == "container");
  if (typed) {
    result.is_container = parts[0] == "container";
    parts.erase(parts.begin());
  }
  if (parts.size() > 2 || parts[0].empty()) {
    return std::nullopt;
  }
  result.source = parts[0];
  if (parts.size() == 2) {
    if (parts[1] != "ro" && parts[1] != "rw") {
      return std::nullopt;
    }
    result.read_only = parts[1] == "ro";
  }
  return result;
}

}  // namespace

std::vector<Link> parse_links(FieldReader& reader, const YamlNode& node, const std::string& path) {
  std::vector<Link> links;
  if (!reader.expect(node, path, YamlNode::Kind::sequence)) {
    return links;
  }
  for (size_t i = 0; i < node.items.size(); ++i) {
    std::string entry_path = item_path(path, i);
    std::optional<std::string> text = reader.string(node.items[i], entry_path);
    if (!text) {
      continue;
    }
    std::vector<std::string> parts = split_on(*text, ':');
    if (parts.size() > 2 || parts[0].empty() || (parts.size() == 2 && parts[1].empty())) {
      reader.error(node.items[i], entry_path,
                   "expected \"service[:alias]\", got " + in_quotes(*text));
      continue;
    }
    Link link;
    link.service = parts[0];
    link.alias = parts.size() == 2 ? parts[1] : parts[0];
    // The alias names the link's variables (DB_PORT...) and a host name;
    // compose v2 accepts "db:my db", which gives neither a usable name.
    if (!is_valid_service_name(link.alias)) {
      reader.error(node.items[i], entry_path,
                   "invalid link alias " + in_quotes(link.alias) +
                       ": an alias is [a-zA-Z0-9][a-zA-Z0-9_.-]* (it names variables and a host)");
      continue;
    }
    link.pos = reader.pos(node.items[i], entry_path);
    links.push_back(link);
  }
  return links;
}

std::vector<Dependency> parse_depends_on(FieldReader& reader, const YamlNode& node,
                                         const std::string& path) {
  if (node.is_sequence()) {
    return parse_dependency_list(reader, node, path);
  }
  std::vector<Dependency> dependencies;
  if (!node.is_mapping()) {
    reader.error(node, path, "expected a sequence or a mapping, got " + describe_kind(node.kind));
    return dependencies;
  }
  for (const YamlEntry& entry : node.entries) {
    std::string entry_path = child_path(path, entry.key.text);
    Dependency dependency;
    dependency.service = entry.key.text;
    dependency.pos = reader.pos(entry.key, entry_path);
    parse_dependency_options(reader, entry.value, entry_path, dependency);
    dependencies.push_back(dependency);
  }
  return dependencies;
}

std::vector<VolumesFrom> parse_volumes_from(FieldReader& reader, const YamlNode& node,
                                            const std::string& path) {
  std::vector<VolumesFrom> result;
  if (!reader.expect(node, path, YamlNode::Kind::sequence)) {
    return result;
  }
  for (size_t i = 0; i < node.items.size(); ++i) {
    std::string entry_path = item_path(path, i);
    std::optional<std::string> text = reader.string(node.items[i], entry_path);
    if (!text) {
      continue;
    }
    std::optional<VolumesFrom> entry = parse_volumes_from_entry(*text);
    if (!entry) {
      reader.error(node.items[i], entry_path,
                   "expected \"[service:|container:]name[:ro|:rw]\", got " + in_quotes(*text));
      continue;
    }
    entry->pos = reader.pos(node.items[i], entry_path);
    result.push_back(*entry);
  }
  return result;
}

}  // namespace berth::compose
