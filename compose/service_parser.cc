#include "compose/service_parser.h"

#include <optional>

#include "compose/ports.h"
#include "compose/relation_parser.h"
#include "compose/shell_words.h"
#include "compose/volume_parser.h"

namespace berth::compose {
namespace {

// Keys docker-compose knows that berth does not implement yet: reported as
// "not supported yet" rather than as typos.
const std::vector<std::string> k_unsupported_service_keys = {
    "build",        "cap_add",        "cap_drop",       "cgroup_parent",     "configs",
    "cpu_count",    "cpu_percent",    "cpu_quota",      "cpu_shares",        "cpus",
    "cpuset",       "deploy",         "devices",        "dns",               "dns_opt",
    "dns_search",   "domainname",     "env_file",       "extends",           "external_links",
    "extra_hosts",  "group_add",      "healthcheck",    "init",              "ipc",
    "isolation",    "logging",        "mac_address",    "mem_limit",         "mem_reservation",
    "memswap_limit", "network_mode",  "networks",       "oom_score_adj",     "pid",
    "platform",     "privileged",     "profiles",       "pull_policy",       "read_only",
    "runtime",      "scale",          "secrets",        "security_opt",      "shm_size",
    "stdin_open",   "stop_grace_period", "stop_signal", "sysctls",           "tmpfs",
    "tty",          "ulimits",        "userns_mode",
};

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
  Service& service() { return m_service; }

  void text(const YamlNode& node, const std::string& path, std::string Service::*field) {
    m_service.*field = m_reader.string(node, path).value_or("");
  }

  void image(const YamlNode& node, const std::string& path) {
    text(node, path, &Service::image);
    if (node.is_scalar() && node.text.empty()) {
      m_reader.error(node, path, "the image name is empty");
    }
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
      m_reader.error(node, path, "expected a string or a sequence, got " + describe_kind(node.kind));
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

  // A variable given without a value takes the loader's environment, or is left out.
  void environment(const YamlNode& node, const std::string& path) {
    for (FieldReader::KeyValue& variable : m_reader.key_values(node, path)) {
      if (!variable.value) {
        auto found = m_context.environment->find(variable.key);
        if (found == m_context.environment->end()) {
          continue;
        }
        variable.value = found->second;
      }
      set_variable(variable.key, *variable.value);
    }
  }

  void labels(const YamlNode& node, const std::string& path) {
    for (FieldReader::KeyValue& label : m_reader.key_values(node, path)) {
      m_service.labels[label.key] = label.value.value_or("");
    }
  }

  void ports(const YamlNode& node, const std::string& path) {
    for_each_string(node, path, "ports", [&](const YamlNode& item, const std::string& item_path,
                                             const std::string& text) {
      if (std::optional<PortMapping> mapping = parse_port_mapping(text)) {
        m_service.ports.push_back(*mapping);
      } else {
        m_reader.error(item, item_path,
                       "expected \"[ip:]host:container[/proto]\", got " + in_quotes(text));
      }
    });
  }

  void expose(const YamlNode& node, const std::string& path) {
    for_each_string(node, path, "", [&](const YamlNode& item, const std::string& item_path,
                                        const std::string& text) {
      if (std::optional<ExposedPort> port = parse_exposed_port(text)) {
        m_service.expose.push_back(*port);
      } else {
        m_reader.error(item, item_path, "expected \"port[-port][/proto]\", got " + in_quotes(text));
      }
    });
  }

  void restart(const YamlNode& node, const std::string& path) {
    std::optional<std::string> text = m_reader.string(node, path);
    if (text && !is_valid_restart(*text)) {
      m_reader.error(node, path,
                     "invalid restart policy " + in_quotes(*text) +
                         " (expected \"no\", \"always\", \"on-failure[:N]\" or \"unless-stopped\")");
    } else if (text) {
      m_service.restart = *text;
    }
  }

  void container_name(const YamlNode& node, const std::string& path) {
    std::optional<std::string> text = m_reader.string(node, path);
    if (text && !is_valid_service_name(*text)) {
      m_reader.error(node, path, "invalid container name " + in_quotes(*text));
    } else if (text) {
      m_service.container_name = *text;
    }
  }

  void volumes(const YamlNode& node, const std::string& path) {
    MountContext mount_context{m_service.name, m_context.directory, m_context.environment,
                               m_context.declared_volumes};
    m_service.volumes = parse_volume_mounts(m_reader, node, path, mount_context);
  }

 private:
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

  // A variable listed twice keeps its first place and its last value.
  void set_variable(const std::string& key, const std::string& value) {
    for (auto& [existing_key, existing_value] : m_service.environment) {
      if (existing_key == key) {
        existing_value = value;
        return;
      }
    }
    m_service.environment.emplace_back(key, value);
  }

  FieldReader& m_reader;
  const ServiceContext& m_context;
  Service& m_service;
};

using FieldParse = void (*)(ServiceParser& parser, const YamlNode& value, const std::string& path);

struct FieldRule {
  const char* key;
  FieldParse parse;
};

const std::vector<FieldRule>& field_rules() {
  using P = ServiceParser;
  using N = YamlNode;
  using S = std::string;
  static const std::vector<FieldRule> k_rules = {
      {"image", [](P& p, const N& v, const S& path) { p.image(v, path); }},
      {"command",
       [](P& p, const N& v, const S& path) { p.words(v, path, &Service::command, "command"); }},
      {"entrypoint",
       [](P& p, const N& v, const S& path) {
         p.words(v, path, &Service::entrypoint, "entrypoint");
       }},
      {"environment", [](P& p, const N& v, const S& path) { p.environment(v, path); }},
      {"ports", [](P& p, const N& v, const S& path) { p.ports(v, path); }},
      {"expose", [](P& p, const N& v, const S& path) { p.expose(v, path); }},
      {"links",
       [](P& p, const N& v, const S& path) {
         p.service().links = parse_links(p.reader(), v, path);
       }},
      {"depends_on",
       [](P& p, const N& v, const S& path) {
         p.service().depends_on = parse_depends_on(p.reader(), v, path);
       }},
      {"volumes", [](P& p, const N& v, const S& path) { p.volumes(v, path); }},
      {"volumes_from",
       [](P& p, const N& v, const S& path) {
         p.service().volumes_from = parse_volumes_from(p.reader(), v, path);
       }},
      {"container_name", [](P& p, const N& v, const S& path) { p.container_name(v, path); }},
      {"hostname", [](P& p, const N& v, const S& path) { p.text(v, path, &Service::hostname); }},
      {"working_dir",
       [](P& p, const N& v, const S& path) { p.text(v, path, &Service::working_dir); }},
      {"user", [](P& p, const N& v, const S& path) { p.text(v, path, &Service::user); }},
      {"labels", [](P& p, const N& v, const S& path) { p.labels(v, path); }},
      {"restart", [](P& p, const N& v, const S& path) { p.restart(v, path); }},
  };
  return k_rules;
}

const KnownKeys& service_keys() {
  static const KnownKeys k_keys = [] {
    KnownKeys keys;
    for (const FieldRule& rule : field_rules()) {
      keys.supported.push_back(rule.key);
    }
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
        rule.parse(parser, entry.value, child_path(path, entry.key.text));
      }
    }
  }
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
    ServiceParser parser(reader, context, service);
    parse_body(parser, entry.value, path);
  }
  // With a bad `image:` or an unsupported `build:`, that problem is reported instead.
  bool has_key = entry.value.is_mapping() &&
                 (entry.value.find("image") != nullptr || entry.value.find("build") != nullptr);
  if (!has_key) {
    reader.error(entry.key, path,
                 "service " + in_quotes(service.name) + " has neither an image nor a build context");
  }
  return service;
}

}  // namespace berth::compose
