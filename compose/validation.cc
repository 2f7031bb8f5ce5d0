#include "compose/validation.h"

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

}  // namespace

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
