#pragma once
// Internal to compose: checks that need the whole project, such as a link
// to a service defined further down the file.

#include "compose/field_reader.h"
#include "compose/model.h"

namespace berth::compose {

// Reports links, depends_on and volumes_from entries that name an undefined
// service or the service itself.
void validate_references(FieldReader& reader, const Project& project);

}  // namespace berth::compose
