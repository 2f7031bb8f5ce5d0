#pragma once
// Parsing of port notations. Each returns nullopt when the text is not valid;
// the loader turns that into a positioned error.

#include <optional>
#include <string>

#include "compose/field_reader.h"
#include "compose/model.h"
#include "compose/yaml_tree.h"

namespace berth::compose {

// "[ip:][host[-host]:]container[-container][/proto]", e.g. "127.0.0.1:8080:80/tcp".
std::optional<PortMapping> parse_port_mapping(const std::string& text);

// The long syntax, a mapping {target, published, host_ip, protocol, mode};
// problems are reported to `reader`. `mode` (host or ingress) only matters to
// swarm and is checked, then ignored.
std::optional<PortMapping> parse_long_port(FieldReader& reader, const YamlNode& node,
                                           const std::string& path);

// "port[-port][/proto]", e.g. "5984" or "7000-7010/udp".
std::optional<ExposedPort> parse_exposed_port(const std::string& text);

}  // namespace berth::compose
