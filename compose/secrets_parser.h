#pragma once
// Internal to compose: the top-level `secrets:` and `configs:` sections, a
// service's `secrets:` and `configs:` lists, and the check that joins them.

#include <map>
#include <string>
#include <vector>

#include "compose/field_reader.h"
#include "compose/model.h"
#include "compose/yaml_tree.h"

namespace berth::compose {

// Secrets and configs are read alike; they differ in the keys they take,
// their default target and their messages.
enum class FileObjectKind { secret, config };

struct FileObjectContext {
  std::string project_name;  // for the default engine name "<project>_<key>"
  std::string directory;     // relative `file:` paths resolve against it
  // Names `environment:` sources and gives HOME to "~/" paths.
  const std::map<std::string, std::string>* environment = nullptr;
};

// A mapping of key to {file | environment | content (configs only), external,
// name, labels, driver, driver_opts (secrets only), template_driver}; exactly
// one source unless external.
std::vector<FileObjectDecl> parse_file_object_decls(FieldReader& reader, const YamlNode& node,
                                                    const std::string& path, FileObjectKind kind,
                                                    const FileObjectContext& context);

// A sequence of names, or of {source, target, uid, gid, mode} mappings.
// Entries with the same source and target as an earlier one are dropped, as
// compose v2 drops them.
std::vector<FileReference> parse_file_references(FieldReader& reader, const YamlNode& node,
                                                 const std::string& path, FileObjectKind kind);

// Once the whole project is read: copies each reference's definition into
// it, and reports references to secrets or configs that are not defined.
void resolve_file_references(FieldReader& reader, Project& project);

}  // namespace berth::compose
