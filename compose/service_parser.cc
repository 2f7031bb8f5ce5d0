#include "compose/service_parser.h"

#include <optional>

#include "compose/berth_health_parser.h"
#include "compose/berth_reload_parser.h"
#include "compose/container_options_parser.h"
#include "compose/env_file.h"
#include "compose/environment_checks.h"
#include "compose/network_parser.h"
#include "compose/build_parser.h"
#include "compose/ports.h"
#include "compose/profiles.h"
#include "compose/relation_parser.h"
#include "compose/service_extras_parser.h"
#include "compose/secrets_parser.h"
#include "compose/shell_words.h"
#include "compose/volume_parser.h"

namespace berth::compose {
namespace {

// Keys docker-compose knows that berth does not implement yet: reported as
// "not supported yet" rather than as typos.
// clang-format off
const std::vector<std::string> k_unsupported_service_keys = {
    };
// clang-format on

bool is_digits(const std::string& text) {
  return !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
}

bool is_valid_restart(const std::string& text) {
  static const std::string k_on_failure = "on-failure:";
  if (text == "no" || text == "always" || text == "on-failure" || text == "unless-stopped") {
    return true;
  }
  return text.rfind(k_on_failure, 0) == 0 && is_digits(text.substr(k_on_failure.size()));
}

class ServiceParser {
 public:
  ServiceParser(FieldReader& reader, const ServiceContext& context, Service& service)
      : m_reader(reader), m_context(context), m_service(service) {}

  FieldReader& reader() { return m_reader; }

  // One member per key, all with the same signature, for the table in field_rules().
  void build(const YamlNode& node, const std::string& path) {
    m_service.build =
        parse_build(m_reader, node, path, m_context.directory, *m_context.environment);
  }

  // Empty (`image: ${IMAGE:-}`) is as if not written; parse_service() says
  // so when there is no `build:` either.
  void image(const YamlNode& node, const std::string& path) { text(node, path, &Service::image); }

  void command(const YamlNode& node, const std::string& path) {
    words(node, path, &Service::command, "command");
  }
  void entrypoint(const YamlNode& node, const std::string& path) {
    words(node, path, &Service::entrypoint, "entrypoint");
  }
  void hostname(const YamlNode& node, const std::string& path) {
    text(node, path, &Service::hostname);
  }
  void working_dir(const YamlNode& node, const std::string& path) {
    text(node, path, &Service::working_dir);
  }
  void user(const YamlNode& node, const std::string& path) { text(node, path, &Service::user); }
  void links(const YamlNode& node, const std::string& path) {
    m_service.links = parse_links(m_reader, node, path);
  }
  void depends_on(const YamlNode& node, const std::string& path) {
    m_service.depends_on = parse_depends_on(m_reader, node, path);
  }
  void volumes_from(const YamlNode& node, const std::string& path) {
    m_service.volumes_from = parse_volumes_from(m_reader, node, path);
  }
  void networks(const YamlNode& node, const std::string& path) {
    m_service.networks =
        parse_service_networks(m_reader, node, path, &m_service.api_requirements);
  }
  void network_mode(const YamlNode& node, const std::string& path) {
    m_service.network_mode = parse_network_mode(m_reader, node, path);
  }
  void profiles(const YamlNode& node, const std::string& path) {
    m_service.profiles = parse_profiles(m_reader, node, path);
  }

  // A variable given without a value takes the loader's environment, or is
  // left out; it overrides what env_file: gave (already in the environment).
  void environment(const YamlNode& node, const std::string& path) {
    check_environment_entries(m_reader, node, path);
    for (FieldReader::KeyValue& variable : m_reader.key_values(node, path)) {
      update_environment(m_service.environment, EnvVariable{variable.key, variable.value},
                         *m_context.environment);
    }
  }

  void labels(const YamlNode& node, const std::string& path) {
    for (FieldReader::KeyValue& label : m_reader.key_values(node, path)) {
      m_service.labels[label.key] = label.value.value_or("");
    }
  }

  // Short syntax strings and long syntax mappings, mixed as compose allows.
  void ports(const YamlNode& node, const std::string& path) {
    if (!m_reader.expect(node, path, YamlNode::Kind::sequence)) {
      return;
    }
    for (size_t i = 0; i < node.items.size(); ++i) {
      const YamlNode& item = node.items[i];
      std::optional<PortMapping> mapping;
      if (item.is_mapping()) {
        mapping = parse_long_port(m_reader, item, item_path(path, i));
      } else if (std::optional<std::string> text = m_reader.string(item, item_path(path, i))) {
        mapping = parse_port_mapping(*text);
        if (!mapping) {
          m_reader.error(item, item_path(path, i),
                         "expected \"[ip:]host:container[/proto]\", got " + in_quotes(*text));
        }
      }
      if (mapping) {
        m_service.ports.push_back(*mapping);
      }
    }
  }

  void expose(const YamlNode& node, const std::string& path) {
    for_each_string(
        node, path, "",
        [&](const YamlNode& item, const std::string& item_path, const std::string& text) {
          if (std::optional<ExposedPort> port = parse_exposed_port(text)) {
            m_service.expose.push_back(*port);
          } else {
            m_reader.error(item, item_path,
                           "expected \"port[-port][/proto]\", got " + in_quotes(text));
          }
        });
  }

  void restart(const YamlNode& node, const std::string& path) {
    std::optional<std::string> text = m_reader.string(node, path);
    if (text && !text->empty() && !is_valid_restart(*text)) {
      m_reader.error(
          node, path,
          "invalid restart policy " + in_quotes(*text) +
              " (expected \"no\", \"always\", \"on-failure[:N]\" or \"unless-stopped\")");
    } else if (text) {
      m_service.restart = *text;
    }
  }

  void container_name(const YamlNode& node, const std::string& path) {
    std::optional<std::string> text = m_reader.string(node, path);
    if (text && !text->empty() && !is_valid_service_name(*text)) {
      m_reader.error(node, path, "invalid container name " + in_quotes(*text));
    } else if (text) {
      m_service.container_name = *text;
      m_service.container_name_pos = m_reader.pos(node, path);
    }
  }

  void volumes(const YamlNode& node, const std::string& path) {
    MountContext mount_context{m_service.name, m_context.directory, m_context.environment,
                               m_context.declared_volumes, &m_service.api_requirements};
    m_service.volumes = parse_volume_mounts(m_reader, node, path, mount_context);
  }

 private:
  void text(const YamlNode& node, const std::string& path, std::string Service::*field) {
    m_service.*field = m_reader.string(node, path).value_or("");
  }

  // A string is split like a shell command line; a sequence is taken as is.
  void words(const YamlNode& node, const std::string& path,
             std::optional<std::vector<std::string>> Service::*field, const std::string& what) {
    if (node.is_scalar()) {
      m_service.*field = split_shell_words(node.text);
      if (!(m_service.*field)) {
        m_reader.error(node, path, "unclosed quote in " + what);
      }
      return;
    }
    if (!node.is_sequence()) {
      m_reader.error(node, path,
                     "expected a string or a sequence, got " + describe_kind(node.kind));
      return;
    }
    std::vector<std::string> result;
    for (size_t i = 0; i < node.items.size(); ++i) {
      if (std::optional<std::string> word = m_reader.string(node.items[i], item_path(path, i))) {
        result.push_back(*word);
      }
    }
    m_service.*field = result;
  }

  // Calls `parse` with the text of each scalar item of the sequence `node`.
  template <typename Parse>
  void for_each_string(const YamlNode& node, const std::string& path, const std::string& long_key,
                       Parse parse) {
    if (!m_reader.expect(node, path, YamlNode::Kind::sequence)) {
      return;
    }
    for (size_t i = 0; i < node.items.size(); ++i) {
      const YamlNode& item = node.items[i];
      if (item.is_mapping() && !long_key.empty()) {
        m_reader.error(item, item_path(path, i),
                       "the long " + long_key + " syntax is not supported yet");
      } else if (std::optional<std::string> text = m_reader.string(item, item_path(path, i))) {
        parse(item, item_path(path, i), *text);
      }
    }
  }

  FieldReader& m_reader;
  const ServiceContext& m_context;
  Service& m_service;
};

struct FieldRule {
  const char* key;
  void (ServiceParser::*parse)(const YamlNode& value, const std::string& path);
};

const std::vector<FieldRule>& field_rules() {
  static const std::vector<FieldRule> k_rules = {
      {"image", &ServiceParser::image},
      {"build", &ServiceParser::build},
      {"command", &ServiceParser::command},
      {"entrypoint", &ServiceParser::entrypoint},
      {"environment", &ServiceParser::environment},
      {"ports", &ServiceParser::ports},
      {"expose", &ServiceParser::expose},
      {"links", &ServiceParser::links},
      {"depends_on", &ServiceParser::depends_on},
      {"volumes", &ServiceParser::volumes},
      {"volumes_from", &ServiceParser::volumes_from},
      {"container_name", &ServiceParser::container_name},
      {"hostname", &ServiceParser::hostname},
      {"working_dir", &ServiceParser::working_dir},
      {"user", &ServiceParser::user},
      {"labels", &ServiceParser::labels},
      {"restart", &ServiceParser::restart},
      {"networks", &ServiceParser::networks},
      {"network_mode", &ServiceParser::network_mode},
      {"profiles", &ServiceParser::profiles},
  };
  return k_rules;
}

const KnownKeys& service_keys() {
  static const KnownKeys k_keys = [] {
    KnownKeys keys;
    for (const FieldRule& rule : field_rules()) {
      keys.supported.push_back(rule.key);
    }
    const std::vector<std::string>& options = container_option_keys();
    keys.supported.insert(keys.supported.end(), options.begin(), options.end());
    keys.supported.push_back("env_file");  // read by parse_service() before the rest
    const std::vector<std::string>& extras = service_extra_keys();
    keys.supported.insert(keys.supported.end(), extras.begin(), extras.end());
    keys.supported.push_back("secrets");   // read by parse_file_refs()
    keys.supported.push_back("configs");
    keys.unsupported = k_unsupported_service_keys;
    return keys;
  }();
  return k_keys;
}

void parse_body(ServiceParser& parser, const YamlNode& body, const std::string& path) {
  parser.reader().check_keys(body, path, service_keys(), true);
  for (const YamlEntry& entry : body.entries) {
    for (const FieldRule& rule : field_rules()) {
      if (entry.key.text == rule.key) {
        (parser.*rule.parse)(entry.value, child_path(path, entry.key.text));
      }
    }
  }
}

void parse_file_refs(FieldReader& reader, const YamlNode& body, const std::string& path,
                     Service& service) {
  if (const YamlEntry* secrets = body.find("secrets")) {
    service.secrets = parse_file_references(reader, secrets->value, child_path(path, "secrets"),
                                            FileObjectKind::secret);
  }
  if (const YamlEntry* configs = body.find("configs")) {
    service.configs = parse_file_references(reader, configs->value, child_path(path, "configs"),
                                            FileObjectKind::config);
  }
}

bool has_misspelt_image_or_build(const YamlNode& body) {
  for (const YamlEntry& entry : body.entries) {
    if (edit_distance(entry.key.text, "image") <= 2 || edit_distance(entry.key.text, "build") <= 2) {
      return true;
    }
  }
  return false;
}

}  // namespace

Service parse_service(FieldReader& reader, const YamlEntry& entry, const std::string& path,
                      const ServiceContext& context) {
  Service service;
  service.name = entry.key.text;
  service.pos = reader.pos(entry.key, path);
  if (!is_valid_service_name(service.name)) {
    reader.error(entry.key, path,
                 "invalid service name " + in_quotes(service.name) +
                     " (use letters, digits, \"_\", \".\" and \"-\", starting with a letter or "
                     "digit)");
  }
  // A service without any keys is still a service: it lacks an image.
  if (!entry.value.is_null() && reader.expect(entry.value, path, YamlNode::Kind::mapping)) {
    apply_env_files(reader, entry.value, path, context.directory, *context.environment,
                    service.environment);
    ServiceParser parser(reader, context, service);
    parse_body(parser, entry.value, path);
    parse_container_options(reader, entry.value, path, service);
    parse_service_extras(reader, entry.value, path,
                         ExtrasContext{context.environment, context.directory}, service);
    parse_file_refs(reader, entry.value, path, service);
    if (const YamlEntry* health = entry.value.find(k_berth_health_key)) {
      service.berth_health =
          parse_berth_health(reader, *health, child_path(path, k_berth_health_key));
    }
    if (const YamlEntry* reload = entry.value.find(k_berth_reload_key)) {
      service.berth_reload =
          parse_berth_reload(reader, *reload, child_path(path, k_berth_reload_key));
    }
  }
  const YamlEntry* image = entry.value.is_mapping() ? entry.value.find("image") : nullptr;
  if (image != nullptr && image->value.is_scalar() && image->value.text.empty() &&
      entry.value.find("build") == nullptr) {
    reader.error(image->value, child_path(path, "image"), "the image name is empty");
  }
  // With a bad body, a bad `image:` or `build:`, or a misspelt one ("imagee:",
  // reported as an unknown key), that problem is reported instead: it is the cause.
  bool reported = !(entry.value.is_null() || entry.value.is_mapping()) ||
                  entry.value.find("image") != nullptr || entry.value.find("build") != nullptr ||
                  has_misspelt_image_or_build(entry.value);
  if (!reported) {
    reader.error(
        entry.key, path,
        "service " + in_quotes(service.name) + " has neither an image nor a build context");
  }
  return service;
}

}  // namespace berth::compose
