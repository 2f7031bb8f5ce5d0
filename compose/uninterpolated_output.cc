#include "compose/uninterpolated_output.h"

#include <cerrno>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <regex>

#include "compose/combined_tree.h"
#include "compose/merge.h"
#include "compose/raw_normalisation.h"
#include "compose/yaml_writer.h"

namespace berth::compose {

namespace {

using json = nlohmann::json;  // sorted keys, as v2 prints the uninterpolated model

// An unquoted scalar as YAML 1.2's core schema reads it: null, a boolean, a
// number, else the text.
json plain_scalar(const std::string& text) {
  static const std::regex k_null("~|null|Null|NULL");
  static const std::regex k_true("true|True|TRUE");
  static const std::regex k_false("false|False|FALSE");
  static const std::regex k_int("[-+]?[0-9]+");
  static const std::regex k_float("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
  if (text.empty() || std::regex_match(text, k_null)) {
    return nullptr;
  }
  if (std::regex_match(text, k_true)) {
    return true;
  }
  if (std::regex_match(text, k_false)) {
    return false;
  }
  if (std::regex_match(text, k_int)) {
    errno = 0;
    const long long value = std::strtoll(text.c_str(), nullptr, 10);
    if (errno == 0) {
      return value;
    }
  }
  if (std::regex_match(text, k_float)) {
    return std::strtod(text.c_str(), nullptr);
  }
  return text;
}

json to_json(const YamlNode& node) {
  switch (node.kind) {
    case YamlNode::Kind::null:
      return nullptr;
    case YamlNode::Kind::scalar:
      return node.quoted ? json(node.text) : plain_scalar(node.text);
    case YamlNode::Kind::sequence: {
      json items = json::array();
      for (const auto& item : node.items) {
        items.push_back(to_json(item));
      }
      return items;
    }
    case YamlNode::Kind::mapping: {
      json entries = json::object();
      for (const auto& entry : node.entries) {
        entries[entry.key.text] = to_json(entry.value);
      }
      return entries;
    }
  }
  return nullptr;
}

}  // namespace

std::string uninterpolated_project(const LoadOptions& options, bool as_json,
                                   const std::map<std::string, std::string>& images) {
  const CombinedTree tree = load_uninterpolated_tree(options);
  json project = to_json(tree.root);
  project.erase("version");  // obsolete; v2 drops it
  project["name"] = tree.project_name;
  const bool services_format = is_services_format(tree.root);  // else fig v1: services on top
  if (services_format) {
    const char* home = std::getenv("HOME");
    normalise_raw_project(
        project, RawNormalisation{tree.project_name, tree.directory, home != nullptr ? home : ""});
  }
  json& services = services_format ? project["services"] : project;
  for (const auto& [service, image] : images) {
    if (services.contains(service) && services[service].is_object()) {
      services[service]["image"] = image;
    }
  }
  return as_json ? project.dump(2) + "\n" : to_yaml(project);
}

}  // namespace berth::compose
