// `develop:`: the watch rules of `compose watch`. Read, checked and printed;
// acting on them is the `berth watch` issue (23), not this parser.

#include <filesystem>

#include "compose/service_extras_parser.h"
#include "compose/value_readers.h"

namespace berth::compose {

namespace {

const KnownKeys k_develop_keys = {{"watch"}, {}};
const KnownKeys k_watch_keys = {
    {"action", "path", "target", "ignore", "include", "initial_sync", "exec"}, {}};

const std::pair<const char*, WatchRule::Action> k_actions[] = {
    {"sync", WatchRule::Action::sync},
    {"rebuild", WatchRule::Action::rebuild},
    {"sync+restart", WatchRule::Action::sync_restart},
    {"sync+exec", WatchRule::Action::sync_exec},
    {"restart", WatchRule::Action::restart},
};

bool is_sync(WatchRule::Action action) {
  return action == WatchRule::Action::sync || action == WatchRule::Action::sync_restart ||
         action == WatchRule::Action::sync_exec;
}

std::optional<WatchRule::Action> read_action(FieldReader& reader, const YamlNode& node,
                                             const std::string& path) {
  std::optional<std::string> text = reader.string(node, path);
  if (!text) {
    return std::nullopt;
  }
  for (const auto& [name, action] : k_actions) {
    if (*text == name) {
      return action;
    }
  }
  reader.error(node, path,
               "invalid action " + in_quotes(*text) +
                   " (expected \"sync\", \"rebuild\", \"sync+restart\", \"sync+exec\" or "
                   "\"restart\")");
  return std::nullopt;
}

// Reports what a rule lacks for its action; `action` is known good.
void check_rule(FieldReader& reader, const YamlNode& node, const std::string& path,
                const WatchRule& rule) {
  if (node.find("path") == nullptr) {
    reader.error(node, path, "a watch rule needs a path");
  }
  if (is_sync(rule.action) && rule.target.empty()) {
    reader.error(node, path,
                 std::string("action \"") + watch_action_name(rule.action) + "\" needs a target");
  }
  if (rule.action == WatchRule::Action::sync_exec && !rule.exec) {
    reader.error(node, path, "action \"sync+exec\" needs an exec command");
  }
  if (rule.action != WatchRule::Action::sync_exec && node.find("exec") != nullptr) {
    reader.error(node.find("exec")->key, path, "\"exec\" is for action \"sync+exec\" only");
  }
}

std::optional<WatchRule> read_rule(FieldReader& reader, const YamlNode& node,
                                   const std::string& path, const ExtrasContext& context) {
  if (!reader.expect(node, path, YamlNode::Kind::mapping)) {
    return std::nullopt;
  }
  reader.check_keys(node, path, k_watch_keys, true);
  WatchRule rule;
  rule.pos = reader.pos(node, path);
  size_t errors = reader.diagnostics().size();
  const YamlEntry* action = node.find("action");
  std::optional<WatchRule::Action> read = std::nullopt;
  if (action == nullptr) {
    reader.error(node, path, "a watch rule needs an action");
  } else {
    read = read_action(reader, action->value, child_path(path, "action"));
  }
  for (const YamlEntry& entry : node.entries) {
    const std::string& key = entry.key.text;
    const std::string at = child_path(path, key);
    if (key == "path") {
      std::optional<std::string> text = read_non_empty(reader, entry.value, at);
      rule.path =
          text ? (std::filesystem::path(context.directory) / *text).lexically_normal().string()
               : "";
    } else if (key == "target") {
      rule.target = read_non_empty(reader, entry.value, at).value_or("");
    } else if (key == "ignore" || key == "include") {
      (key == "ignore" ? rule.ignore : rule.include) = read_string_list(reader, entry.value, at);
    } else if (key == "initial_sync") {
      rule.initial_sync = reader.boolean(entry.value, at).value_or(false);
    } else if (key == "exec") {
      rule.exec = parse_hook(reader, entry.value, at, *context.environment);
    }
  }
  if (!read) {
    return std::nullopt;
  }
  rule.action = *read;
  check_rule(reader, node, path, rule);
  if (reader.diagnostics().size() != errors) {
    return std::nullopt;
  }
  return rule;
}

}  // namespace

const char* watch_action_name(WatchRule::Action action) {
  for (const auto& [name, value] : k_actions) {
    if (value == action) {
      return name;
    }
  }
  return "sync";
}

std::optional<Develop> parse_develop(FieldReader& reader, const YamlNode& node,
                                     const std::string& path, const ExtrasContext& context) {
  if (!reader.expect(node, path, YamlNode::Kind::mapping)) {
    return std::nullopt;
  }
  reader.check_keys(node, path, k_develop_keys, true);
  Develop develop;
  const YamlEntry* watch = node.find("watch");
  if (watch == nullptr) {
    return develop;
  }
  const std::string watch_path = child_path(path, "watch");
  if (!reader.expect(watch->value, watch_path, YamlNode::Kind::sequence)) {
    return develop;
  }
  for (size_t i = 0; i < watch->value.items.size(); ++i) {
    if (auto rule = read_rule(reader, watch->value.items[i], item_path(watch_path, i), context)) {
      develop.watch.push_back(*rule);
    }
  }
  return develop;
}

}  // namespace berth::compose
