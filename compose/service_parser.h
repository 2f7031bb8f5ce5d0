#pragma once
// Internal to compose: one service's mapping into a Service.

#include <map>
#include <string>
#include <vector>

#include "compose/field_reader.h"
#include "compose/model.h"
#include "compose/yaml_tree.h"

namespace berth::compose {

struct ServiceContext {
  const std::map<std::string, std::string>* environment = nullptr;  // fills valueless variables
  std::string directory;  // relative host paths resolve against it
  // Named volumes must be declared here; nullptr in fig v1 files.
  const std::vector<VolumeDecl>* declared_volumes = nullptr;
};

// `entry` is the service's key (its name) and body; `path` its key path.
// Problems are reported to `reader`; the Service is returned regardless.
Service parse_service(FieldReader& reader, const YamlEntry& entry, const std::string& path,
                      const ServiceContext& context);

}  // namespace berth::compose
