#pragma once
// Internal to compose: the service keys that set up the container on the
// engine (compose/container_options.h), `deploy:` and `scale:`. The service
// parser hands every service body here after its own keys.

#include <string>
#include <vector>

#include "compose/field_reader.h"
#include "compose/model.h"
#include "compose/yaml_tree.h"

namespace berth::compose {

// The keys parse_container_options() reads, for the service's key check.
const std::vector<std::string>& container_option_keys();

// Reads those keys of the service body `body` (at `path`) into `service`;
// other keys are left alone. Problems are reported to `reader`.
void parse_container_options(FieldReader& reader, const YamlNode& body, const std::string& path,
                             Service& service);

// The structured keys, in compose/structured_options_parser.cc.
Healthcheck parse_healthcheck(FieldReader& reader, const YamlNode& node, const std::string& path);
Logging parse_logging(FieldReader& reader, const YamlNode& node, const std::string& path);
std::vector<Ulimit> parse_ulimits(FieldReader& reader, const YamlNode& node,
                                  const std::string& path);
Deploy parse_deploy(FieldReader& reader, const YamlNode& node, const std::string& path);
// The swarm-only keys of the `deploy:` mapping `node`, in
// compose/swarm_deploy_parser.cc; parse_deploy() calls it.
void parse_swarm_deploy(FieldReader& reader, const YamlNode& node, const std::string& path,
                        Deploy& deploy);

}  // namespace berth::compose
