#pragma once
// read_tar: the entries of a tar archive as the engine sends them (GET
// /containers/{id}/archive: Go's archive/tar, ustar headers with PAX 'x'
// records for long names and large sizes; GNU 'L'/'K' long names are read
// too). Contents are views into the archive, which must outlive them.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/result.h"

namespace berth::engine {

struct TarEntry {
  enum class Kind { file, directory, symlink, hardlink, other };
  std::string name;  // as stored: '/'-separated, a directory may end with '/'
  Kind kind = Kind::file;
  unsigned mode = 0;  // permission bits (07777)
  std::int64_t mtime = 0;
  std::uint32_t uid = 0;
  std::uint32_t gid = 0;
  std::string link_target;
  std::string_view contents;  // regular files only
};

// Error (bad_request) naming the offset of the first malformed header.
Result<std::vector<TarEntry>> read_tar(std::string_view tar);

}  // namespace berth::engine
