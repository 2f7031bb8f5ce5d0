#include "compose/ports.h"

#include <arpa/inet.h>

#include <string_view>
#include <vector>

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
    host_ip = std::string(parts[0]);
    if (!is_ip_address(host_ip, AF_INET)) {
      return std::nullopt;
    }
    parts.erase(parts.begin());
  } else if (parts.size() == 2 && parts[0].empty()) {
    return std::nullopt;  // ":80" names no host port; "ip::80" is the way to ask for any
  } else if (parts.size() > 3) {
    return std::nullopt;
  }
  return parts;
}

}  // namespace

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
    // Each container port needs its own host port.
    if (!host || (host->start != 0 && host->length() != container->length()) ||
        (host->start == 0 && container->length() != 0)) {
      return std::nullopt;
    }
    mapping.host_start = host->start;
    mapping.host_end = host->end;
  }
  return mapping;
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
