#include "compose/network_parser.h"

#include <arpa/inet.h>

#include <charconv>
#include <optional>

#include "compose/network_endpoint_parser.h"
#include "compose/value_readers.h"

namespace berth::compose {
namespace {

const KnownKeys k_network_keys = {{"driver", "driver_opts", "external", "name", "internal",
                                   "attachable", "labels", "ipam", "enable_ipv6", "enable_ipv4"},
                                  {}};
// What compose 1.29.2 accepts beside `external: true`; anything else there is an error.
const std::vector<std::string> k_external_compatible_keys = {"external", "name", "driver"};
const KnownKeys k_external_keys = {{"name"}, {}};
const KnownKeys k_ipam_keys = {{"driver", "config", "options"}, {}};
const KnownKeys k_ipam_pool_keys = {{"subnet", "ip_range", "gateway", "aux_addresses"}, {}};
constexpr const char* k_disable_ipv4_api = "1.47";

const KnownKeys& service_network_keys() {
  static const KnownKeys k_keys = [] {
    KnownKeys keys{{"aliases", "ipv4_address", "ipv6_address", "priority"}, {}};
    const std::vector<std::string>& extras = endpoint_extra_keys();
    keys.supported.insert(keys.supported.end(), extras.begin(), extras.end());
    return keys;
  }();
  return k_keys;
}

bool is_ipv4(const std::string& text) {
  in_addr address{};
  return inet_pton(AF_INET, text.c_str(), &address) == 1;
}

bool is_ipv6(const std::string& text) {
  in6_addr address{};
  return inet_pton(AF_INET6, text.c_str(), &address) == 1;
}

// "address/prefix", the prefix within the address family's length.
bool is_cidr(const std::string& text) {
  size_t slash = text.find('/');
  if (slash == std::string::npos) {
    return false;
  }
  std::string address = text.substr(0, slash);
  std::string prefix = text.substr(slash + 1);
  int bits = -1;
  auto [end, error] = std::from_chars(prefix.data(), prefix.data() + prefix.size(), bits);
  if (prefix.empty() || error != std::errc() || end != prefix.data() + prefix.size() || bits < 0) {
    return false;
  }
  return (is_ipv4(address) && bits <= 32) || (is_ipv6(address) && bits <= 128);
}

// The text of a scalar checked by `valid`; "" (and an error) when it fails.
template <typename Valid>
std::string checked_text(FieldReader& reader, const YamlNode& node, const std::string& path,
                         Valid valid, const std::string& what, const std::string& expected) {
  std::optional<std::string> text = reader.string(node, path);
  if (!text) {
    return "";
  }
  if (!valid(*text)) {
    reader.error(node, path, "invalid " + what + " " + in_quotes(*text) + " (" + expected + ")");
    return "";
  }
  return *text;
}

std::string cidr_text(FieldReader& reader, const YamlNode& node, const std::string& path,
                      const std::string& what) {
  return checked_text(reader, node, path, is_cidr, what,
                      "expected CIDR notation such as \"172.28.0.0/16\"");
}

void parse_ipam_pool(FieldReader& reader, const YamlNode& node, const std::string& path,
                     NetworkIpam& ipam) {
  if (!reader.expect(node, path, YamlNode::Kind::mapping)) {
    return;
  }
  reader.check_keys(node, path, k_ipam_pool_keys, true);
  IpamPool pool;
  if (const YamlEntry* entry = node.find("subnet")) {
    pool.subnet = cidr_text(reader, entry->value, child_path(path, "subnet"), "subnet");
  }
  if (const YamlEntry* entry = node.find("ip_range")) {
    pool.ip_range = cidr_text(reader, entry->value, child_path(path, "ip_range"), "ip_range");
  }
  if (const YamlEntry* entry = node.find("gateway")) {
    auto is_ip = [](const std::string& text) { return is_ipv4(text) || is_ipv6(text); };
    pool.gateway = checked_text(reader, entry->value, child_path(path, "gateway"), is_ip, "gateway",
                                "expected an IP address");
  }
  if (const YamlEntry* entry = node.find("aux_addresses")) {
    std::string at = child_path(path, "aux_addresses");
    pool.aux_addresses = read_string_map(reader, entry->value, at);
    for (const auto& [host, address] : pool.aux_addresses) {
      if (!is_ipv4(address) && !is_ipv6(address)) {
        reader.error(entry->value.find(host)->value, child_path(at, host),
                     "invalid IP address " + in_quotes(address));
      }
    }
  }
  ipam.config.push_back(pool);
}

void parse_ipam(FieldReader& reader, const YamlNode& node, const std::string& path,
                NetworkIpam& ipam) {
  if (!reader.expect(node, path, YamlNode::Kind::mapping)) {
    return;
  }
  reader.check_keys(node, path, k_ipam_keys, true);
  if (const YamlEntry* entry = node.find("driver")) {
    ipam.driver = reader.string(entry->value, child_path(path, "driver")).value_or("");
  }
  if (const YamlEntry* entry = node.find("options")) {
    ipam.options = read_string_map(reader, entry->value, child_path(path, "options"));
  }
  const YamlEntry* config = node.find("config");
  std::string config_path = child_path(path, "config");
  if (config == nullptr || !reader.expect(config->value, config_path, YamlNode::Kind::sequence)) {
    return;
  }
  for (size_t i = 0; i < config->value.items.size(); ++i) {
    parse_ipam_pool(reader, config->value.items[i], item_path(config_path, i), ipam);
  }
}

// driver_opts: values are strings or numbers, which the engine takes as strings.
void parse_driver_options(FieldReader& reader, const YamlNode& node, const std::string& path,
                          NetworkDecl& decl) {
  if (!reader.expect(node, path, YamlNode::Kind::mapping)) {
    return;
  }
  for (const YamlEntry& entry : node.entries) {
    if (std::optional<std::string> value =
            reader.string(entry.value, child_path(path, entry.key.text))) {
      decl.options[entry.key.text] = *value;
    }
  }
}

// `external: true`, or the legacy `external: {name: x}` (which also names it).
void parse_external(FieldReader& reader, const YamlNode& node, const std::string& path,
                    NetworkDecl& decl) {
  if (!node.is_mapping()) {
    decl.external = reader.boolean(node, path).value_or(false);
    return;
  }
  decl.external = true;
  reader.check_keys(node, path, k_external_keys, true);
  if (const YamlEntry* name = node.find("name")) {
    std::string name_path = child_path(path, "name");
    if (!decl.name.empty()) {
      reader.error(name->value, name_path,
                   "the network is named twice (\"name\" and \"external.name\")");
    }
    decl.name = reader.string(name->value, name_path).value_or("");
  }
}

// Compose refuses an external network with settings it would not apply.
void check_external(FieldReader& reader, const YamlNode& node, const std::string& path) {
  for (const YamlEntry& entry : node.entries) {
    const std::string& key = entry.key.text;
    bool compatible = false;
    for (const std::string& allowed : k_external_compatible_keys) {
      compatible = compatible || key == allowed;
    }
    if (!compatible && !is_extension_key(key)) {
      reader.error(entry.key, path,
                   "key " + in_quotes(key) + " cannot be used with an external network");
    }
  }
}

void parse_flag(FieldReader& reader, const YamlNode& node, const std::string& key,
                const std::string& path, bool& flag) {
  if (const YamlEntry* entry = node.find(key)) {
    flag = reader.boolean(entry->value, child_path(path, key)).value_or(false);
  }
}

// `enable_ipv4: false` needs API 1.47; true is what every engine does.
void parse_enable_ipv4(FieldReader& reader, const YamlNode& node, const std::string& path,
                       NetworkDecl& decl, std::vector<ApiRequirement>* requirements) {
  const YamlEntry* entry = node.find("enable_ipv4");
  if (entry == nullptr) {
    return;
  }
  std::string at = child_path(path, "enable_ipv4");
  decl.enable_ipv4 = reader.boolean(entry->value, at);
  if (decl.enable_ipv4 == false && requirements != nullptr) {
    requirements->push_back({reader.pos(entry->value, at), k_disable_ipv4_api});
  }
}

void parse_network_options(FieldReader& reader, const YamlNode& node, const std::string& path,
                           NetworkDecl& decl, std::vector<ApiRequirement>* requirements) {
  reader.check_keys(node, path, k_network_keys, true);
  if (const YamlEntry* entry = node.find("name")) {
    decl.name = reader.string(entry->value, child_path(path, "name")).value_or("");
    if (entry->value.is_scalar() && entry->value.text.empty()) {
      reader.error(entry->value, child_path(path, "name"), "the network name is empty");
    }
  }
  if (const YamlEntry* entry = node.find("external")) {
    parse_external(reader, entry->value, child_path(path, "external"), decl);
  }
  if (decl.external) {
    check_external(reader, node, path);
  }
  if (const YamlEntry* entry = node.find("driver")) {
    decl.driver = reader.string(entry->value, child_path(path, "driver")).value_or("");
  }
  if (const YamlEntry* entry = node.find("driver_opts")) {
    parse_driver_options(reader, entry->value, child_path(path, "driver_opts"), decl);
  }
  parse_flag(reader, node, "internal", path, decl.internal);
  parse_flag(reader, node, "attachable", path, decl.attachable);
  parse_flag(reader, node, "enable_ipv6", path, decl.enable_ipv6);
  parse_enable_ipv4(reader, node, path, decl, requirements);
  if (const YamlEntry* entry = node.find("labels")) {
    for (FieldReader::KeyValue& label :
         reader.key_values(entry->value, child_path(path, "labels"))) {
      decl.labels[label.key] = label.value.value_or("");
    }
  }
  if (const YamlEntry* entry = node.find("ipam")) {
    parse_ipam(reader, entry->value, child_path(path, "ipam"), decl.ipam);
  }
}

std::optional<int> parse_integer(FieldReader& reader, const YamlNode& node,
                                 const std::string& path) {
  std::optional<std::string> text = reader.string(node, path);
  if (!text) {
    return std::nullopt;
  }
  int value = 0;
  const char* last = text->data() + text->size();
  auto [end, error] = std::from_chars(text->data(), last, value);
  if (node.quoted || text->empty() || error != std::errc() || end != last) {
    reader.error(node, path, "expected an integer, got " + in_quotes(*text));
    return std::nullopt;
  }
  return value;
}

std::vector<std::string> parse_strings(FieldReader& reader, const YamlNode& node,
                                       const std::string& path) {
  std::vector<std::string> result;
  if (!reader.expect(node, path, YamlNode::Kind::sequence)) {
    return result;
  }
  for (size_t i = 0; i < node.items.size(); ++i) {
    if (std::optional<std::string> text = reader.string(node.items[i], item_path(path, i))) {
      result.push_back(*text);
    }
  }
  return result;
}

void parse_service_network_options(FieldReader& reader, const YamlNode& node,
                                   const std::string& path, ServiceNetwork& network,
                                   std::vector<ApiRequirement>* requirements) {
  reader.check_keys(node, path, service_network_keys(), true);
  parse_endpoint_extras(reader, node, path, network, requirements);
  if (const YamlEntry* entry = node.find("aliases")) {
    network.aliases = parse_strings(reader, entry->value, child_path(path, "aliases"));
  }
  if (const YamlEntry* entry = node.find("ipv4_address")) {
    network.ipv4_address =
        checked_text(reader, entry->value, child_path(path, "ipv4_address"), is_ipv4,
                     "IPv4 address", "expected such as \"172.28.0.10\"");
  }
  if (const YamlEntry* entry = node.find("ipv6_address")) {
    network.ipv6_address = checked_text(reader, entry->value, child_path(path, "ipv6_address"),
                                        is_ipv6, "IPv6 address", "expected such as \"fd00::10\"");
  }
  if (const YamlEntry* entry = node.find("priority")) {
    network.priority =
        parse_integer(reader, entry->value, child_path(path, "priority")).value_or(0);
  }
}

bool has_network(const std::vector<ServiceNetwork>& networks, const std::string& key) {
  for (const ServiceNetwork& network : networks) {
    if (network.key == key) {
      return true;
    }
  }
  return false;
}

void add_service_network(FieldReader& reader, std::vector<ServiceNetwork>& networks,
                         ServiceNetwork network) {
  if (has_network(networks, network.key)) {
    reader.error(network.pos, "network " + in_quotes(network.key) + " is listed twice");
    return;
  }
  networks.push_back(std::move(network));
}

// "service:NAME" must name another service of the project.
void check_mode_service(FieldReader& reader, const Project& project, const Service& service) {
  const NetworkMode& mode = service.network_mode;
  std::string prefix = "service " + in_quotes(service.name) + " uses the network stack of ";
  if (mode.target == service.name) {
    reader.error(mode.pos, prefix + "itself");
  } else if (project.find_service(mode.target) == nullptr) {
    reader.error(mode.pos, prefix + "undefined service " + in_quotes(mode.target));
  }
}

// The engine refuses these keys with the mode; say so before anything is created.
void check_mode_conflicts(FieldReader& reader, const Service& service) {
  const NetworkMode& mode = service.network_mode;
  bool shared =
      mode.kind == NetworkMode::Kind::service || mode.kind == NetworkMode::Kind::container;
  std::vector<std::string> conflicts;
  if (!service.links.empty() && mode.kind != NetworkMode::Kind::bridge) {
    conflicts.push_back("links");
  }
  if (shared && !service.ports.empty()) {
    conflicts.push_back("ports");
  }
  if (shared && !service.expose.empty()) {
    conflicts.push_back("expose");
  }
  if (shared && !service.hostname.empty()) {
    conflicts.push_back("hostname");
  }
  for (const std::string& key : conflicts) {
    reader.error(mode.pos, "network_mode " + in_quotes(mode.text) + " cannot be combined with " +
                               in_quotes(key));
  }
}

void check_network_mode(FieldReader& reader, const Project& project, const Service& service) {
  const NetworkMode& mode = service.network_mode;
  if (!service.networks.empty()) {
    reader.error(mode.pos, "\"network_mode\" and \"networks\" cannot be combined");
  }
  if (mode.kind == NetworkMode::Kind::service) {
    check_mode_service(reader, project, service);
  }
  check_mode_conflicts(reader, service);
}

}  // namespace

std::vector<NetworkDecl> parse_network_decls(FieldReader& reader, const YamlNode& node,
                                             const std::string& path,
                                             const std::string& project_name,
                                             std::vector<ApiRequirement>* requirements) {
  std::vector<NetworkDecl> decls;
  if (node.is_null() || !reader.expect(node, path, YamlNode::Kind::mapping)) {
    return decls;
  }
  for (const YamlEntry& entry : node.entries) {
    std::string entry_path = child_path(path, entry.key.text);
    NetworkDecl decl;
    decl.key = entry.key.text;
    decl.pos = reader.pos(entry.key, entry_path);
    if (!is_valid_service_name(decl.key)) {
      reader.error(entry.key, entry_path, "invalid network name " + in_quotes(decl.key));
    }
    if (!entry.value.is_null() && reader.expect(entry.value, entry_path, YamlNode::Kind::mapping)) {
      parse_network_options(reader, entry.value, entry_path, decl, requirements);
    }
    if (decl.name.empty()) {
      decl.name = decl.external ? decl.key : project_name + "_" + decl.key;
    }
    decls.push_back(decl);
  }
  return decls;
}

std::vector<ServiceNetwork> parse_service_networks(FieldReader& reader, const YamlNode& node,
                                                   const std::string& path,
                                                   std::vector<ApiRequirement>* requirements) {
  std::vector<ServiceNetwork> networks;
  // docker-compose 1.29.2 silently gives such a service network_mode "none".
  if ((node.is_sequence() && node.items.empty()) || (node.is_mapping() && node.entries.empty())) {
    reader.error(node, path,
                 "no network is named (write network_mode: none for a container "
                 "without networks)");
    return networks;
  }
  if (node.is_sequence()) {
    for (size_t i = 0; i < node.items.size(); ++i) {
      std::string entry_path = item_path(path, i);
      if (std::optional<std::string> key = reader.string(node.items[i], entry_path)) {
        ServiceNetwork network;
        network.key = *key;
        network.pos = reader.pos(node.items[i], entry_path);
        add_service_network(reader, networks, std::move(network));
      }
    }
    return networks;
  }
  if (!node.is_mapping()) {
    reader.error(node, path, "expected a sequence or a mapping, got " + describe_kind(node.kind));
    return networks;
  }
  for (const YamlEntry& entry : node.entries) {
    std::string entry_path = child_path(path, entry.key.text);
    ServiceNetwork network;
    network.key = entry.key.text;
    network.pos = reader.pos(entry.key, entry_path);
    if (!entry.value.is_null() && reader.expect(entry.value, entry_path, YamlNode::Kind::mapping)) {
      parse_service_network_options(reader, entry.value, entry_path, network, requirements);
    }
    add_service_network(reader, networks, std::move(network));
  }
  return networks;
}

NetworkMode parse_network_mode(FieldReader& reader, const YamlNode& node, const std::string& path) {
  NetworkMode mode;
  std::optional<std::string> text = reader.string(node, path);
  if (!text || text->empty()) {
    return mode;  // `network_mode: ${MODE:-}`: not written, as compose takes it
  }
  static const std::string k_service = "service:";
  static const std::string k_container = "container:";
  if (*text == "bridge" || *text == "host" || *text == "none") {
    mode.kind = *text == "bridge" ? NetworkMode::Kind::bridge
                : *text == "host" ? NetworkMode::Kind::host
                                  : NetworkMode::Kind::none;
  } else if (text->rfind(k_service, 0) == 0 && text->size() > k_service.size()) {
    mode.kind = NetworkMode::Kind::service;
    mode.target = text->substr(k_service.size());
  } else if (text->rfind(k_container, 0) == 0 && text->size() > k_container.size()) {
    mode.kind = NetworkMode::Kind::container;
    mode.target = text->substr(k_container.size());
  } else {
    reader.error(node, path,
                 "invalid network_mode " + in_quotes(*text) +
                     " (expected \"bridge\", \"host\", \"none\", \"service:NAME\" or "
                     "\"container:NAME\")");
    return mode;
  }
  mode.text = *text;
  mode.pos = reader.pos(node, path);
  return mode;
}

void resolve_networks(FieldReader& reader, Project& project) {
  if (project.find_network("default") == nullptr) {
    NetworkDecl decl;
    decl.key = "default";
    decl.name = project.name + "_default";
    decl.implicit = true;
    project.networks.push_back(decl);
  }
  for (Service& service : project.services) {
    if (service.network_mode.kind != NetworkMode::Kind::networks) {
      check_network_mode(reader, project, service);
      continue;
    }
    if (service.networks.empty()) {
      ServiceNetwork network;
      network.key = "default";
      network.implicit = true;
      network.pos = service.pos;
      service.networks.push_back(network);
    }
    for (const ServiceNetwork& network : service.networks) {
      if (project.find_network(network.key) == nullptr) {
        reader.error(network.pos, "service " + in_quotes(service.name) + " uses network " +
                                      in_quotes(network.key) +
                                      ", which is not declared in the top-level networks");
      }
    }
  }
}

}  // namespace berth::compose
