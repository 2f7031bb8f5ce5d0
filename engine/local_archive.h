#pragma once
// The local side of `berth cp`: a tar made from a local file or directory
// (the body of PUT /containers/{id}/archive), and a tar from the engine
// (GET .../archive) extracted into a local directory without ever writing
// outside it.

#include <filesystem>
#include <string>
#include <string_view>

#include "engine/result.h"

namespace berth::engine {

struct LocalArchiveOptions {
  bool follow_link = false;  // a symlink at the path itself is followed (cp -L)
  bool owners = false;       // files keep their local uid/gid (cp -a); else 0:0
};

// A tar of `path` whose top entry is named `name` (a directory's entries
// `name/...`); `name` "." archives a directory's contents only. Symlinks
// below the top are stored as links, never followed. Error (not_found,
// bad_request) naming the path that could not be read.
Result<std::string> archive_local_path(const std::filesystem::path& path, const std::string& name,
                                       const LocalArchiveOptions& options);

// Extracts `tar` under `directory` (which must exist). An entry named
// `rebase_from` or `rebase_from/...` is written as `rebase_to` (`...`), which
// is how a copy is renamed; `rebase_from` "." puts every entry (a
// directory's contents, "./x") under `rebase_to`. Files, directories, symlinks and hard links are
// written; other kinds are skipped. An entry that would land outside
// `directory` (absolute, "..", or through a symlink) is refused before
// anything is written: Error (bad_request) naming it.
Status extract_tar(std::string_view tar, const std::filesystem::path& directory,
                   const std::string& rebase_from, const std::string& rebase_to);

}  // namespace berth::engine
