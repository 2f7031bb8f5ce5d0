#pragma once
// Internal to compose: the service keys of compose/service_extras.h, plus
// `label_file:` and the compose keys berth refuses by name.

#include <map>
#include <string>
#include <vector>

#include "compose/field_reader.h"
#include "compose/model.h"
#include "compose/yaml_tree.h"

namespace berth::compose {

struct ExtrasContext {
  const std::map<std::string, std::string>* environment = nullptr;  // fills valueless variables
  std::string directory;  // label files and watch paths resolve against it
};

// The keys parse_service_extras() reads, for the service's key check.
const std::vector<std::string>& service_extra_keys();

// Reads those keys of a service's mapping `body`. Runs after `labels:`, whose
// labels win over those of `label_file:`.
void parse_service_extras(FieldReader& reader, const YamlNode& body, const std::string& path,
                          const ExtrasContext& context, Service& service);

// One hook mapping {command, user, privileged, working_dir, environment};
// nullopt, reported, when it is not one or has no command.
std::optional<LifecycleHook> parse_hook(FieldReader& reader, const YamlNode& node,
                                        const std::string& path,
                                        const std::map<std::string, std::string>& environment);

// `develop:` (compose/develop_parser.cc).
std::optional<Develop> parse_develop(FieldReader& reader, const YamlNode& node,
                                     const std::string& path, const ExtrasContext& context);

}  // namespace berth::compose
