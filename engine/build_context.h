#pragma once
// pack_build_context: the tar that POST /build receives for a local context
// directory, holding what `docker build` would send:
//   - <directory>/.dockerignore, when there is one, leaves files out (see
//     DockerIgnore); an excluded directory is not walked unless the file has
//     exceptions, which might bring back something inside it.
//   - The Dockerfile and the .dockerignore are sent even when ignored, as
//     docker's CLI sends them: the engine needs the one, and the other
//     decides what the build's COPY sees.
//   - Nothing is followed: a symlink is stored as a symlink with its target,
//     wherever that points (even out of the context), and its target is never
//     read. Sockets, devices and fifos are left out.
//   - Entries come in walk order, each directory's names sorted bytewise and
//     a directory before its contents, with modes and mtimes from the files
//     and owner 0:0, so the same tree always gives the same bytes.
// Pure apart from reading the tree, so it is tested on temporary directories.
// Private to the engine module.

#include <string>

#include "engine/result.h"

namespace berth::engine {

// Packs `directory` (absolute) into a tar. `dockerfile` is the Dockerfile's
// path as the user wrote it, relative to the context or absolute (empty
// means "Dockerfile"). Fails with bad_request, one line naming the path,
// when the context is missing or not a directory, the Dockerfile is missing
// or lies outside the context, the .dockerignore is invalid, or a file or
// directory cannot be read.
Result<std::string> pack_build_context(const std::string& directory, const std::string& dockerfile);

// Where pack_build_context_inline() puts the Dockerfile, for the build's
// `dockerfile` parameter.
inline constexpr const char* k_inline_dockerfile_name = ".berth-inline.Dockerfile";

// As pack_build_context(), with `dockerfile_text` (`dockerfile_inline:`) as
// the Dockerfile, added last as k_inline_dockerfile_name.
Result<std::string> pack_build_context_inline(const std::string& directory,
                                              const std::string& dockerfile_text);

}  // namespace berth::engine
