#include "compose/validation.h"

#include <algorithm>
#include <filesystem>
#include <map>

namespace berth::compose {
namespace {

// `verb` reads "links to", "depends on", ...
void check_reference(FieldReader& reader, const Project& project, const Service& service,
                     const std::string& target, const SourcePos& pos, const std::string& verb) {
  if (target == service.name) {
    reader.error(pos, "service " + in_quotes(service.name) + " " + verb + " itself");
  } else if (project.find_service(target) == nullptr) {
    reader.error(pos, "service " + in_quotes(service.name) + " " + verb + " undefined service " +
                          in_quotes(target));
  }
}

// Whether `path` (absolute, normalised) is `directory` or below it.
bool is_within(const std::filesystem::path& path, const std::filesystem::path& directory) {
  const auto relative = path.lexically_relative(directory);
  return !relative.empty() && *relative.begin() != "..";
}

bool is_remote_context(const std::string& context) { return context.front() != '/'; }

}  // namespace

void validate_build_paths(FieldReader& reader, const Project& project) {
  namespace fs = std::filesystem;
  for (const Service& service : project.services) {
    if (!service.build || service.build->context.empty() ||
        is_remote_context(service.build->context)) {
      continue;
    }
    const BuildSpec& build = *service.build;
    // A context outside the project directory is fine, as in compose v2
    // (lemmy's `context: ..`): the user named it. The Dockerfile must be in
    // the context, since the engine reads it from the context's tar.
    const fs::path context = fs::path(build.context).lexically_normal();
    if (build.dockerfile.empty()) {
      continue;
    }
    const fs::path dockerfile = (context / build.dockerfile).lexically_normal();
    if (fs::path(build.dockerfile).is_absolute() || !is_within(dockerfile, context)) {
      reader.error(build.dockerfile_pos, "the dockerfile " + in_quotes(build.dockerfile) +
                                             " of service " + in_quotes(service.name) +
                                             " is outside its build context " +
                                             in_quotes(build.context));
    }
  }
}

void validate_references(FieldReader& reader, const Project& project) {
  for (const Service& service : project.services) {
    for (const Link& link : service.links) {
      check_reference(reader, project, service, link.service, link.pos, "links to");
    }
    for (const Dependency& dependency : service.depends_on) {
      check_reference(reader, project, service, dependency.service, dependency.pos, "depends on");
    }
    for (const VolumesFrom& source : service.volumes_from) {
      if (!source.is_container) {
        check_reference(reader, project, service, source.source, source.pos, "mounts volumes from");
      }
    }
  }
}

}  // namespace berth::compose
