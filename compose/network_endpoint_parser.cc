#include "compose/network_endpoint_parser.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <optional>

#include "compose/value_readers.h"

namespace berth::compose {
namespace {

constexpr const char* k_interface_name_api = "1.49";
constexpr const char* k_gw_priority_api = "1.48";

bool is_ip_address(const std::string& text) {
  unsigned char buffer[16];
  return inet_pton(AF_INET, text.c_str(), buffer) == 1 ||
         inet_pton(AF_INET6, text.c_str(), buffer) == 1;
}

// Six pairs of hex digits separated by ':' (or '-', as the engine also takes).
bool is_mac_address(const std::string& text) {
  constexpr size_t k_length = 17;
  if (text.size() != k_length) {
    return false;
  }
  for (size_t i = 0; i < text.size(); ++i) {
    bool separator = i % 3 == 2;
    char c = text[i];
    if (separator ? (c != ':' && c != '-') : !std::isxdigit(static_cast<unsigned char>(c))) {
      return false;
    }
  }
  return true;
}

void record(FieldReader& reader, const YamlNode& node, const std::string& path,
            const char* version, std::vector<ApiRequirement>* requirements) {
  if (requirements != nullptr) {
    requirements->push_back({reader.pos(node, path), version});
  }
}

void parse_link_local_ips(FieldReader& reader, const YamlNode& node, const std::string& path,
                          ServiceNetwork& network) {
  for_each_string(reader, node, path, false,
                  [&](const YamlNode& item, const std::string& at, const std::string& text) {
                    if (is_ip_address(text)) {
                      network.link_local_ips.push_back(text);
                    } else {
                      reader.error(item, at, "invalid IP address " + in_quotes(text));
                    }
                  });
}

}  // namespace

const std::vector<std::string>& endpoint_extra_keys() {
  static const std::vector<std::string> k_keys = {"driver_opts", "link_local_ips", "mac_address",
                                                  "interface_name", "gw_priority"};
  return k_keys;
}

void parse_endpoint_extras(FieldReader& reader, const YamlNode& node, const std::string& path,
                           ServiceNetwork& network, std::vector<ApiRequirement>* requirements) {
  if (const YamlEntry* entry = node.find("driver_opts")) {
    network.driver_opts = read_string_map(reader, entry->value, child_path(path, "driver_opts"));
  }
  if (const YamlEntry* entry = node.find("link_local_ips")) {
    parse_link_local_ips(reader, entry->value, child_path(path, "link_local_ips"), network);
  }
  if (const YamlEntry* entry = node.find("mac_address")) {
    std::string at = child_path(path, "mac_address");
    std::optional<std::string> text = reader.string(entry->value, at);
    if (text && !text->empty() && !is_mac_address(*text)) {
      reader.error(entry->value, at,
                   "invalid MAC address " + in_quotes(*text) +
                       " (expected six hex pairs such as \"02:42:ac:11:00:02\")");
    } else if (text) {
      network.mac_address = *text;
      network.mac_address_pos = reader.pos(entry->value, at);
    }
  }
  if (const YamlEntry* entry = node.find("interface_name")) {
    std::string at = child_path(path, "interface_name");
    network.interface_name = reader.string(entry->value, at).value_or("");
    if (!network.interface_name.empty()) {
      record(reader, entry->value, at, k_interface_name_api, requirements);
    }
  }
  if (const YamlEntry* entry = node.find("gw_priority")) {
    std::string at = child_path(path, "gw_priority");
    if (std::optional<int64_t> value = read_integer(reader, entry->value, at, INT32_MIN)) {
      network.gw_priority = static_cast<int>(std::min<int64_t>(*value, INT32_MAX));
      record(reader, entry->value, at, k_gw_priority_api, requirements);
    }
  }
}

}  // namespace berth::compose
