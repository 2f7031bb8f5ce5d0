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

// The long syntax, a mapping {target, published, host_ip, protocol, mode,
// name, app_protocol}; problems are reported to `reader`. `published` is a
// port or a range (the engine picks a free one). `mode` (host or ingress)
// only matters to swarm; name and app_protocol are descriptive: kept for
// `config`, not sent to the engine.
std::optional<PortMapping> parse_long_port(FieldReader& reader, const YamlNode& node,
                                           const std::string& path);

// The engine's HostPort for `container_port` of `mapping`: "" (the engine
// picks), "8080", or "9000-9010" when one container port takes any of a range.
std::string published_port(const PortMapping& mapping, int container_port);

// "port[-port][/proto]", e.g. "5984" or "7000-7010/udp".
std::optional<ExposedPort> parse_exposed_port(const std::string& text);

}  // namespace berth::compose
