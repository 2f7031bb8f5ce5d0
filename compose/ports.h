#pragma once
// Parsing of port notations. Each returns nullopt when the text is not valid;
// the loader turns that into a positioned error.

#include <optional>
#include <string>

#include "compose/model.h"

namespace berth::compose {

// "[ip:][host[-host]:]container[-container][/proto]", e.g. "127.0.0.1:8080:80/tcp".
std::optional<PortMapping> parse_port_mapping(const std::string& text);

// "port[-port][/proto]", e.g. "5984" or "7000-7010/udp".
std::optional<ExposedPort> parse_exposed_port(const std::string& text);

}  // namespace berth::compose
