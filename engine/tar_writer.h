#pragma once
// TarWriter: builds a tar archive in memory, the body of POST /build. POSIX
// ustar headers, as Go's archive/tar writes them for docker's CLI: owner
// uid/gid 0 with empty user and group names (a build context carries no
// local accounts), mtime in whole seconds. A name longer than ustar's fields
// hold is split into prefix and name when it can be; otherwise, and for a
// non-ASCII name, link target longer than 100 bytes, size of 8 GiB or more
// or mtime out of range, a PAX extended header ('x') carries the real value
// ("path", "linkpath", "size", "mtime") before the entry. Private to the
// engine module.

#include <cstdint>
#include <string>
#include <string_view>

namespace berth::engine {

class TarWriter {
 public:
  // Entry names are '/'-separated and relative ("src/main.cc"). `mode` holds
  // permission bits and setuid/setgid/sticky (07777); `mtime` is seconds
  // since the epoch.
  void add_file(const std::string& name, unsigned mode, std::int64_t mtime,
                std::string_view contents);
  // The same, owned by `uid`:`gid` (the other entries are owned by 0:0).
  void add_owned_file(const std::string& name, unsigned mode, std::int64_t mtime,
                      std::string_view contents, std::uint32_t uid, std::uint32_t gid);
  // Stored as "name/", as docker stores directories.
  void add_directory(const std::string& name, unsigned mode, std::int64_t mtime);
  // The link itself with its target, whatever the target is.
  void add_symlink(const std::string& name, const std::string& target, unsigned mode,
                   std::int64_t mtime);

  // Ends the archive with two zero blocks and hands it over; the writer is
  // empty again afterwards.
  std::string finish();

 private:
  struct Header {
    std::string name;
    std::string link_target;
    char type = '0';
    unsigned mode = 0;
    std::int64_t mtime = 0;
    std::uint64_t size = 0;
    std::uint32_t uid = 0;
    std::uint32_t gid = 0;
  };

  void write_header(const Header& header);
  void write_pax_header(const Header& header, const std::string& records);
  void write_block(const std::string& block);
  void pad_to_block();

  std::string m_archive;
};

}  // namespace berth::engine
