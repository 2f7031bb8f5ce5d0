#include "compose/multi_file.h"

#include "compose/include.h"
#include "compose/merge.h"

namespace berth::compose {
namespace {

std::string format_name(bool services_format) {
  return services_format ? "the services format" : "the fig v1 format (services at the top level)";
}

// The two formats mean different things by the same top-level key, so they
// cannot be laid over each other (compose 1.29.2 refuses too: "Version mismatch").
bool same_format(const std::vector<FileTree>& files, FieldReader& reader) {
  bool services_format = is_services_format(files.front().root);
  for (size_t i = 1; i < files.size(); ++i) {
    if (is_services_format(files[i].root) != services_format) {
      reader.error(SourcePos{files[i].display_name, 0, 0, ""},
                   "this file uses " + format_name(!services_format) + " but " +
                       files.front().display_name + " uses " + format_name(services_format) +
                       "; the files of one project must use the same format");
      return false;
    }
  }
  return true;
}

}  // namespace

YamlNode combine_project_files(std::vector<FileTree> files, const CombineContext& context,
                               FieldReader& reader) {
  for (FileTree& file : files) {
    apply_includes(file, context, reader);
  }
  const FileTree& main = files.front();
  if (!same_format(files, reader)) {
    return main.root;
  }
  bool legacy_format = !is_services_format(main.root);
  YamlNode root = main.root;
  for (size_t i = 1; i < files.size(); ++i) {
    root = merge_files(root, files[i].root, legacy_format);
  }
  YamlNode* services = &root;
  if (!legacy_format) {
    services = nullptr;
    for (YamlEntry& entry : root.entries) {
      if (entry.key.text == "services") {
        services = &entry.value;
      }
    }
  }
  if (services != nullptr) {
    ExtendsContext extends{main.path, context.project_directory, &main.root, legacy_format,
                           context.files};
    resolve_extends(*services, extends, reader);
  }
  drop_merge_tags(root);
  return root;
}

}  // namespace berth::compose
