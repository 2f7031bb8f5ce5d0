#include "compose/ports.h"

#include <arpa/inet.h>

#include <algorithm>
#include <string_view>
#include <vector>

#include "compose/value_readers.h"

namespace berth::compose {
namespace {

constexpr int k_max_port = 65535;

struct PortRange {
  uint16_t start = 0;
  uint16_t end = 0;
  int length() const { return end - start; }
};

std::optional<uint16_t> parse_port_number(std::string_view text) {
  if (text.empty() || text.size() > 5) {
    return std::nullopt;
  }
  int value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') {
      return std::nullopt;
    }
    value = value * 10 + (c - '0');
  }
  if (value > k_max_port) {
    return std::nullopt;
  }
  return static_cast<uint16_t>(value);
}

// "port" or "start-end"; port 0 is never part of a range.
std::optional<PortRange> parse_port_range(std::string_view text, bool allow_zero) {
  size_t dash = text.find('-');
  std::optional<uint16_t> start = parse_port_number(text.substr(0, dash));
  std::optional<uint16_t> end =
      dash == std::string_view::npos ? start : parse_port_number(text.substr(dash + 1));
  if (!start || !end || *end < *start) {
    return std::nullopt;
  }
  bool zero_ok = allow_zero && dash == std::string_view::npos;
  if (*start == 0 && !zero_ok) {
    return std::nullopt;
  }
  return PortRange{*start, *end};
}

// Splits off "/proto"; nullopt when the protocol is not one the engine knows.
std::optional<std::string> split_protocol(std::string_view& text) {
  size_t slash = text.rfind('/');
  if (slash == std::string_view::npos) {
    return "tcp";
  }
  std::string protocol(text.substr(slash + 1));
  text = text.substr(0, slash);
  if (protocol != "tcp" && protocol != "udp" && protocol != "sctp") {
    return std::nullopt;
  }
  return protocol;
}

bool is_ip_address(const std::string& text, int family) {
  unsigned char buffer[16];
  return inet_pton(family, text.c_str(), buffer) == 1;
}

// Splits "[ip:]host:container" into its parts; an IPv6 address is written in brackets.
std::optional<std::vector<std::string_view>> split_mapping(std::string_view text,
                                                           std::string& host_ip) {
  if (!text.empty() && text.front() == '[') {
    size_t close = text.find("]:");
    if (close == std::string_view::npos) {
      return std::nullopt;
    }
    host_ip = std::string(text.substr(1, close - 1));
    if (!is_ip_address(host_ip, AF_INET6)) {
      return std::nullopt;
    }
    text = text.substr(close + 2);
    size_t colon = text.find(':');
    if (colon == std::string_view::npos) {
      return std::nullopt;
    }
    return std::vector<std::string_view>{text.substr(0, colon), text.substr(colon + 1)};
  }
  std::vector<std::string_view> parts;
  size_t begin = 0;
  for (size_t colon = text.find(':'); colon != std::string_view::npos;
       colon = text.find(':', begin)) {
    parts.push_back(text.substr(begin, colon - begin));
    begin = colon + 1;
  }
  parts.push_back(text.substr(begin));
  if (parts.size() == 3) {
    // Empty, as "${BIND:-}:443:443" leaves it: all interfaces, as compose takes it.
    host_ip = std::string(parts[0]);
    if (!host_ip.empty() && !is_ip_address(host_ip, AF_INET)) {
      return std::nullopt;
    }
    parts.erase(parts.begin());
  } else if (parts.size() > 3) {
    return std::nullopt;
  }
  return parts;
}

const KnownKeys k_long_port_keys = {
    {"target", "published", "host_ip", "protocol", "mode", "name", "app_protocol"}, {}};

// `published` of the long syntax: a port, or a range the engine picks one from.
std::optional<PortRange> long_published(FieldReader& reader, const YamlNode& node,
                                        const std::string& path) {
  std::optional<std::string> text = reader.string(node, path);
  if (!text) {
    return std::nullopt;
  }
  if (text->empty()) {
    return PortRange{};  // `published: ${PORT:-}`: the engine picks one
  }
  std::optional<PortRange> range = parse_port_range(*text, true);
  if (!range) {
    reader.error(node, path,
                 "invalid port " + in_quotes(*text) +
                     " (expected 1 to 65535, or a range such as \"8000-8010\")");
  }
  return range;
}

// A port number in a long-syntax entry: an integer or a string of digits.
std::optional<uint16_t> long_port_number(FieldReader& reader, const YamlNode& node,
                                         const std::string& path, bool allow_zero) {
  std::optional<std::string> text = reader.string(node, path);
  if (!text) {
    return std::nullopt;
  }
  std::optional<uint16_t> port = parse_port_number(*text);
  if (!port || (*port == 0 && !allow_zero)) {
    reader.error(node, path, "invalid port " + in_quotes(*text) + " (expected 1 to 65535)");
    return std::nullopt;
  }
  return port;
}

// Checks one of the optional string keys of a long-syntax port against `valid`.
std::optional<std::string> long_port_choice(FieldReader& reader, const YamlNode& node,
                                            const std::string& path, const std::string& key,
                                            const std::vector<std::string>& valid) {
  const YamlEntry* entry = node.find(key);
  if (entry == nullptr) {
    return valid.front();
  }
  std::string at = child_path(path, key);
  std::optional<std::string> text = reader.string(entry->value, at);
  if (text && std::find(valid.begin(), valid.end(), *text) == valid.end()) {
    std::string expected;
    for (const std::string& choice : valid) {
      expected += (expected.empty() ? "" : ", ") + in_quotes(choice);
    }
    reader.error(entry->value, at,
                 "invalid " + key + " " + in_quotes(*text) + " (expected " + expected + ")");
    return std::nullopt;
  }
  return text;
}

}  // namespace

std::optional<PortMapping> parse_long_port(FieldReader& reader, const YamlNode& node,
                                           const std::string& path) {
  reader.check_keys(node, path, k_long_port_keys, true);
  const YamlEntry* target = node.find("target");
  if (target == nullptr) {
    reader.error(node, path, "a port in the long syntax needs a \"target\"");
    return std::nullopt;
  }
  PortMapping mapping;
  std::optional<uint16_t> container =
      long_port_number(reader, target->value, child_path(path, "target"), false);
  std::optional<PortRange> host = PortRange{};
  if (const YamlEntry* published = node.find("published")) {
    host = long_published(reader, published->value, child_path(path, "published"));
  }
  bool host_ip_ok = true;
  if (const YamlEntry* host_ip = node.find("host_ip")) {
    std::string at = child_path(path, "host_ip");
    std::optional<std::string> text = reader.string(host_ip->value, at);
    mapping.host_ip = text.value_or("");
    host_ip_ok = mapping.host_ip.empty() || is_ip_address(mapping.host_ip, AF_INET) ||
                 is_ip_address(mapping.host_ip, AF_INET6);
    if (text && !host_ip_ok) {
      reader.error(host_ip->value, at, "invalid IP address " + in_quotes(mapping.host_ip));
    }
  }
  std::optional<std::string> protocol =
      long_port_choice(reader, node, path, "protocol", {"tcp", "udp", "sctp"});
  std::optional<std::string> mode =
      long_port_choice(reader, node, path, "mode", {"ingress", "host"});
  for (const char* key : {"name", "app_protocol"}) {
    if (const YamlEntry* entry = node.find(key)) {
      std::string text = reader.string(entry->value, child_path(path, key)).value_or("");
      (std::string(key) == "name" ? mapping.name : mapping.app_protocol) = text;
    }
  }
  if (!container || !host || !host_ip_ok || !protocol || !mode) {
    return std::nullopt;
  }
  mapping.container_start = mapping.container_end = *container;
  mapping.host_start = host->start;
  mapping.host_end = host->end;
  mapping.protocol = *protocol;
  mapping.mode = node.find("mode") != nullptr ? *mode : "";
  return mapping;
}

std::optional<PortMapping> parse_port_mapping(const std::string& text) {
  std::string_view rest = text;
  PortMapping mapping;
  std::optional<std::string> protocol = split_protocol(rest);
  if (!protocol) {
    return std::nullopt;
  }
  mapping.protocol = *protocol;
  std::optional<std::vector<std::string_view>> parts = split_mapping(rest, mapping.host_ip);
  if (!parts) {
    return std::nullopt;
  }
  std::optional<PortRange> container = parse_port_range(parts->back(), false);
  if (!container) {
    return std::nullopt;
  }
  mapping.container_start = container->start;
  mapping.container_end = container->end;
  if (parts->size() == 2 && !parts->front().empty()) {
    std::optional<PortRange> host = parse_port_range(parts->front(), true);
    // Each container port needs its own host port; one container port may
    // take any free one of a host range.
    bool one_of_range = container->length() == 0;
    if (!host || (host->start != 0 && host->length() != container->length() && !one_of_range) ||
        (host->start == 0 && container->length() != 0)) {
      return std::nullopt;
    }
    mapping.host_start = host->start;
    mapping.host_end = host->end;
  }
  return mapping;
}

std::string published_port(const PortMapping& mapping, int container_port) {
  if (mapping.host_start == 0) {
    return "";
  }
  if (mapping.container_start == mapping.container_end && mapping.host_end != mapping.host_start) {
    return std::to_string(mapping.host_start) + "-" + std::to_string(mapping.host_end);
  }
  return std::to_string(mapping.host_start + (container_port - mapping.container_start));
}

std::optional<ExposedPort> parse_exposed_port(const std::string& text) {
  std::string_view rest = text;
  std::optional<std::string> protocol = split_protocol(rest);
  if (!protocol) {
    return std::nullopt;
  }
  std::optional<PortRange> range = parse_port_range(rest, false);
  if (!range) {
    return std::nullopt;
  }
  return ExposedPort{range->start, range->end, *protocol};
}

}  // namespace berth::compose
