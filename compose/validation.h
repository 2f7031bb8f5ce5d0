#pragma once
// Internal to compose: checks that need the whole project, such as a link
// to a service defined further down the file.

#include "compose/field_reader.h"
#include "compose/model.h"

namespace berth::compose {

// Reports links, depends_on and volumes_from entries that name an undefined
// service or the service itself.
void validate_references(FieldReader& reader, const Project& project);

// Reports a local build context outside the project's directory, and a
// dockerfile outside its context: berth sends nothing from elsewhere to the
// engine (docker-compose 1.29 accepts both).
void validate_build_paths(FieldReader& reader, const Project& project);

}  // namespace berth::compose
