#include "compose/service_extras_parser.h"

#include "compose/env_file.h"
#include "compose/shell_words.h"

namespace berth::compose {

namespace {

const KnownKeys k_hook_keys = {{"command", "user", "privileged", "working_dir", "environment"}, {}};
const KnownKeys k_credential_spec_keys = {{"config", "file", "registry"}, {}};

// The engine API version that first carries `annotations` (HostConfig.Annotations).
constexpr const char* k_annotations_api = "1.43";

// Compose keys of features berth does not have; each refused with why.
struct RefusedKey {
  const char* key;
  const char* why;
};
// clang-format off
const RefusedKey k_refused_keys[] = {
    {"use_api_socket", "it would hand the engine's socket and credentials to the container"},
    {"provider", "services run by provider plugins"},
    {"models", "AI models run by Docker Model Runner"},
    {"pull_refresh_after", "pull_policy refresh intervals"},
};
// clang-format on

using Parse = void (*)(FieldReader& reader, const YamlNode& node, const std::string& path,
                       const ExtrasContext& context, Service& service);

void attach(FieldReader& reader, const YamlNode& node, const std::string& path,
            const ExtrasContext&, Service& service) {
  service.attach = reader.boolean(node, path);
}

void annotations(FieldReader& reader, const YamlNode& node, const std::string& path,
                 const ExtrasContext&, Service& service) {
  for (FieldReader::KeyValue& annotation : reader.key_values(node, path)) {
    service.annotations[annotation.key] = annotation.value.value_or("");
  }
  service.api_requirements.push_back(ApiRequirement{reader.pos(node, path), k_annotations_api});
}

void credential_spec(FieldReader& reader, const YamlNode& node, const std::string& path,
                     const ExtrasContext&, Service& service) {
  if (!reader.expect(node, path, YamlNode::Kind::mapping)) {
    return;
  }
  reader.check_keys(node, path, k_credential_spec_keys, true);
  CredentialSpec spec;
  for (const auto& [key, field] : {std::pair{"config", &spec.config}, std::pair{"file", &spec.file},
                                   std::pair{"registry", &spec.registry}}) {
    if (const YamlEntry* entry = node.find(key)) {
      *field = reader.string(entry->value, child_path(path, key)).value_or("");
    }
  }
  service.credential_spec = spec;
}

std::vector<LifecycleHook> hooks(FieldReader& reader, const YamlNode& node, const std::string& path,
                                 const ExtrasContext& context) {
  std::vector<LifecycleHook> result;
  if (!reader.expect(node, path, YamlNode::Kind::sequence)) {
    return result;
  }
  for (size_t i = 0; i < node.items.size(); ++i) {
    if (auto hook = parse_hook(reader, node.items[i], item_path(path, i), *context.environment)) {
      result.push_back(*hook);
    }
  }
  return result;
}

void post_start(FieldReader& reader, const YamlNode& node, const std::string& path,
                const ExtrasContext& context, Service& service) {
  service.post_start = hooks(reader, node, path, context);
}

void pre_stop(FieldReader& reader, const YamlNode& node, const std::string& path,
              const ExtrasContext& context, Service& service) {
  service.pre_stop = hooks(reader, node, path, context);
}

void develop(FieldReader& reader, const YamlNode& node, const std::string& path,
             const ExtrasContext& context, Service& service) {
  service.develop = parse_develop(reader, node, path, context);
}

// Files of KEY=VALUE lines read as env files are; `labels:` wins over them.
void label_file(FieldReader& reader, const YamlNode& node, const std::string& path,
                const ExtrasContext& context, Service& service) {
  for (const EnvVariable& label :
       read_env_files(reader, node, path, context.directory, *context.environment, "label file")) {
    service.labels.emplace(label.key, label.value.value_or(""));
  }
}

void refused(FieldReader& reader, const YamlNode& node, const std::string& path,
             const ExtrasContext&, Service&) {
  const std::string key = path.substr(path.rfind('.') + 1);
  for (const RefusedKey& refused : k_refused_keys) {
    if (key == refused.key) {
      reader.error(node, path,
                   "key " + in_quotes(key) + " is not supported by berth (" + refused.why + ")");
    }
  }
}

const std::vector<std::pair<std::string, Parse>>& extra_rules() {
  static const std::vector<std::pair<std::string, Parse>> k_rules = [] {
    std::vector<std::pair<std::string, Parse>> rules = {{"attach", attach},
                                                        {"annotations", annotations},
                                                        {"credential_spec", credential_spec},
                                                        {"post_start", post_start},
                                                        {"pre_stop", pre_stop},
                                                        {"develop", develop},
                                                        {"label_file", label_file}};
    for (const RefusedKey& key : k_refused_keys) {
      rules.emplace_back(key.key, refused);
    }
    return rules;
  }();
  return k_rules;
}

}  // namespace

const std::vector<std::string>& service_extra_keys() {
  static const std::vector<std::string> k_keys = [] {
    std::vector<std::string> keys;
    for (const auto& [key, parse] : extra_rules()) {
      keys.push_back(key);
    }
    return keys;
  }();
  return k_keys;
}

void parse_service_extras(FieldReader& reader, const YamlNode& body, const std::string& path,
                          const ExtrasContext& context, Service& service) {
  for (const YamlEntry& entry : body.entries) {
    for (const auto& [key, parse] : extra_rules()) {
      if (entry.key.text == key) {
        parse(reader, entry.value, child_path(path, key), context, service);
      }
    }
  }
}

std::optional<LifecycleHook> parse_hook(FieldReader& reader, const YamlNode& node,
                                        const std::string& path,
                                        const std::map<std::string, std::string>& environment) {
  if (!reader.expect(node, path, YamlNode::Kind::mapping)) {
    return std::nullopt;
  }
  reader.check_keys(node, path, k_hook_keys, true);
  LifecycleHook hook;
  hook.pos = reader.pos(node, path);
  const YamlEntry* command = node.find("command");
  if (command == nullptr || command->value.is_null()) {
    reader.error(node, path, "a hook needs a command");
    return std::nullopt;
  }
  const std::string command_path = child_path(path, "command");
  if (command->value.is_scalar()) {
    std::optional<std::vector<std::string>> words = split_shell_words(command->value.text);
    if (!words) {
      reader.error(command->value, command_path, "unclosed quote in command");
    }
    hook.command = words.value_or(std::vector<std::string>{});
  } else if (reader.expect(command->value, command_path, YamlNode::Kind::sequence)) {
    for (size_t i = 0; i < command->value.items.size(); ++i) {
      hook.command.push_back(
          reader.string(command->value.items[i], item_path(command_path, i)).value_or(""));
    }
  }
  if (hook.command.empty()) {
    reader.error(command->value, command_path, "the command is empty");
  }
  for (const auto& [key, field] :
       {std::pair{"user", &hook.user}, std::pair{"working_dir", &hook.working_dir}}) {
    if (const YamlEntry* entry = node.find(key)) {
      *field = reader.string(entry->value, child_path(path, key)).value_or("");
    }
  }
  if (const YamlEntry* privileged = node.find("privileged")) {
    hook.privileged =
        reader.boolean(privileged->value, child_path(path, "privileged")).value_or(false);
  }
  if (const YamlEntry* variables = node.find("environment")) {
    for (FieldReader::KeyValue& variable :
         reader.key_values(variables->value, child_path(path, "environment"))) {
      update_environment(hook.environment, EnvVariable{variable.key, variable.value}, environment);
    }
  }
  return hook;
}

}  // namespace berth::compose
