#pragma once
// Internal to compose: the top-level `volumes:` section and a service's
// `volumes:` mounts.

#include <map>
#include <string>
#include <vector>

#include "compose/field_reader.h"
#include "compose/model.h"
#include "compose/yaml_tree.h"

namespace berth::compose {

// A mapping of key to null or {external, name, driver, labels}.
std::vector<VolumeDecl> parse_volume_decls(FieldReader& reader, const YamlNode& node,
                                           const std::string& path,
                                           const std::string& project_name);

struct MountContext {
  std::string service_name;  // for messages
  std::string directory;     // relative host paths resolve against it
  const std::map<std::string, std::string>* environment = nullptr;  // for HOME
  // The top-level volumes a named mount must be declared in; nullptr in fig
  // v1 files, where any name is allowed.
  const std::vector<VolumeDecl>* declared_volumes = nullptr;
  // Where keys that need a newer engine API are recorded; nullptr: nowhere.
  std::vector<ApiRequirement>* requirements = nullptr;
};

// A sequence of "/path", "source:/path" or "source:/path:MODE" (MODE as
// compose/mount_options.h reads it), where a source starting with "/", "."
// or "~" is a host path and anything else a named volume; or of long-syntax
// mappings {type: volume|bind|tmpfs, source, target, read_only, consistency,
// bind: {propagation, create_host_path, selinux}, volume: {nocopy, subpath},
// tmpfs: {size, mode}}. A short-syntax bind creates a missing host path, as
// compose does.
std::vector<VolumeMount> parse_volume_mounts(FieldReader& reader, const YamlNode& node,
                                             const std::string& path, const MountContext& context);

// Fig v1 files use named volumes without declaring them, under their own
// name: declare each as external so later code needs no special case.
void declare_implicit_volumes(Project& project);

}  // namespace berth::compose
