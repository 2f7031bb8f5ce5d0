#pragma once
// Internal to compose: the top-level `include:` of the compose spec, which
// imports whole projects into a project file before the files are merged.
//
//   include:
//     - other/compose.yml                    # short form: a path
//     - path: [db/compose.yml, db/dev.yml]   # a file and its override files
//       project_directory: db                # default: the first file's directory
//       env_file: db/.env                    # string or list; default: its `.env`
//
// As compose v2 (2.26.1) does it:
//  - paths, `project_directory` and `env_file` are relative to the including
//    project's directory; an included project's own relative paths to its
//    project directory, and so are the includes it has in turn;
//  - its files are interpolated with the including project's variables, then
//    those of its env files (which never override a variable already set);
//  - its services, networks, volumes, secrets and configs join the including
//    file; one defined there too (or by another include) differently is an
//    error ("conflicts with imported resource"); the same definition is not;
//  - a file that includes itself, directly or not, is an error (a cycle).
// Stricter than v2: an unknown key or a missing `path` in the long form is an
// error (v2 ignores both), and so is a remote (git or OCI) include, which
// berth does not read.

#include "compose/field_reader.h"
#include "compose/multi_file.h"

namespace berth::compose {

// Imports what the `include` of `file` names into `file.root` and removes
// the key. `context` is the including project's. Problems go to `reader`.
void apply_includes(FileTree& file, const CombineContext& context, FieldReader& reader);

}  // namespace berth::compose
