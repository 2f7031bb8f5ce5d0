#include "engine/tar_writer.h"

#include <algorithm>
#include <cstddef>
#include <utility>

namespace berth::engine {
namespace {

constexpr std::size_t k_block_size = 512;
constexpr std::size_t k_name_size = 100;
constexpr std::size_t k_prefix_size = 155;

// Offsets and sizes of the ustar header fields.
struct Field {
  std::size_t offset;
  std::size_t size;
};
constexpr Field k_name{0, 100};
constexpr Field k_mode{100, 8};
constexpr Field k_uid{108, 8};
constexpr Field k_gid{116, 8};
constexpr Field k_size{124, 12};
constexpr Field k_mtime{136, 12};
constexpr Field k_checksum{148, 8};
constexpr std::size_t k_type_offset = 156;
constexpr Field k_link_name{157, 100};
constexpr Field k_magic{257, 6};
constexpr Field k_version{263, 2};
constexpr Field k_dev_major{329, 8};
constexpr Field k_dev_minor{337, 8};
constexpr Field k_prefix{345, 155};

// What ustar strings may hold: ASCII without NUL (Go's isASCII).
bool is_ascii(std::string_view text) {
  for (const char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80 || c == '\0') {
      return false;
    }
  }
  return true;
}

// Go's toASCII: the best effort at a name for a field that has a PAX record.
std::string to_ascii(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (static_cast<unsigned char>(c) < 0x80 && c != '\0') {
      out.push_back(c);
    }
  }
  return out;
}

// Go's splitUSTARPath: a long name cut at a '/' into prefix (155) and
// name (100). False when it cannot be.
bool split_ustar_name(const std::string& path, std::string& prefix, std::string& name) {
  std::size_t length = path.size();
  if (length <= k_name_size || !is_ascii(path)) {
    return false;
  }
  if (length > k_prefix_size + 1) {
    length = k_prefix_size + 1;
  } else if (path[length - 1] == '/') {
    --length;
  }
  const auto slash = path.rfind('/', length - 1);
  if (slash == std::string::npos || slash == 0) {
    return false;
  }
  const std::size_t name_length = path.size() - slash - 1;
  if (name_length > k_name_size || name_length == 0 || slash > k_prefix_size) {
    return false;
  }
  prefix = path.substr(0, slash);
  name = path.substr(slash + 1);
  return true;
}

// Whether `value` fits a NUL-terminated octal field of `size` bytes.
bool fits_octal(std::uint64_t value, std::size_t size) {
  return value < (std::uint64_t{1} << (3 * (size - 1)));
}

void put_string(std::string& block, Field field, std::string_view value) {
  block.replace(field.offset, std::min(value.size(), field.size), value.substr(0, field.size));
}

// Zero-padded octal digits then a NUL; 0 when the value does not fit (a
// PAX record then carries it).
void put_octal(std::string& block, Field field, std::uint64_t value) {
  if (!fits_octal(value, field.size)) {
    value = 0;
  }
  for (std::size_t i = field.size - 1; i-- > 0; value >>= 3) {
    block[field.offset + i] = static_cast<char>('0' + (value & 7));
  }
  block[field.offset + field.size - 1] = '\0';
}

// "<length> <key>=<value>\n", the length counting itself.
std::string pax_record(const std::string& key, const std::string& value) {
  const std::string body = " " + key + "=" + value + "\n";
  std::size_t length = body.size() + std::to_string(body.size()).size();
  if (std::to_string(length).size() + body.size() != length) {
    ++length;  // adding the digits added a digit
  }
  return std::to_string(length) + body;
}

// A header block with the fields every entry has; the checksum comes last.
std::string header_block(std::string_view name, char type, unsigned mode, std::uint64_t size,
                         std::uint64_t mtime) {
  std::string block(k_block_size, '\0');
  put_string(block, k_name, name);
  put_octal(block, k_mode, mode);
  put_octal(block, k_uid, 0);
  put_octal(block, k_gid, 0);
  put_octal(block, k_size, size);
  put_octal(block, k_mtime, mtime);
  block[k_type_offset] = type;
  put_string(block, k_magic, std::string_view("ustar\0", 6));
  put_string(block, k_version, "00");
  return block;
}

void put_checksum(std::string& block) {
  block.replace(k_checksum.offset, k_checksum.size, k_checksum.size, ' ');
  unsigned sum = 0;
  for (const char c : block) {
    sum += static_cast<unsigned char>(c);
  }
  put_octal(block, Field{k_checksum.offset, 7}, sum);
}

}  // namespace

void TarWriter::add_file(const std::string& name, unsigned mode, std::int64_t mtime,
                         std::string_view contents) {
  write_header(Header{name, "", '0', mode, mtime, contents.size()});
  m_archive.append(contents);
  pad_to_block();
}

void TarWriter::add_owned_file(const std::string& name, unsigned mode, std::int64_t mtime,
                               std::string_view contents, std::uint32_t uid, std::uint32_t gid) {
  Header header{name, "", '0', mode, mtime, contents.size()};
  header.uid = uid;
  header.gid = gid;
  write_header(header);
  m_archive.append(contents);
  pad_to_block();
}

void TarWriter::add_directory(const std::string& name, unsigned mode, std::int64_t mtime) {
  write_header(Header{name.ends_with('/') ? name : name + "/", "", '5', mode, mtime, 0});
}

void TarWriter::add_symlink(const std::string& name, const std::string& target, unsigned mode,
                            std::int64_t mtime) {
  write_header(Header{name, target, '2', mode, mtime, 0});
}

std::string TarWriter::finish() {
  m_archive.append(2 * k_block_size, '\0');
  std::string archive = std::move(m_archive);
  m_archive.clear();
  return archive;
}

void TarWriter::write_header(const Header& header) {
  std::string prefix;
  std::string name = header.name;
  const bool long_name = header.name.size() > k_name_size || !is_ascii(header.name);
  const bool name_fits = !long_name || split_ustar_name(header.name, prefix, name);
  const bool link_fits = header.link_target.size() <= k_name_size && is_ascii(header.link_target);
  const bool size_fits = fits_octal(header.size, k_size.size);
  const bool mtime_fits =
      header.mtime >= 0 && fits_octal(static_cast<std::uint64_t>(header.mtime), k_mtime.size);
  const bool uid_fits = fits_octal(header.uid, k_uid.size);
  const bool gid_fits = fits_octal(header.gid, k_gid.size);

  if (!name_fits || !link_fits || !size_fits || !mtime_fits || !uid_fits || !gid_fits) {
    // Records in key order, as Go writes them.
    std::string records;
    if (!gid_fits) {
      records += pax_record("gid", std::to_string(header.gid));
    }
    if (!link_fits) {
      records += pax_record("linkpath", header.link_target);
    }
    if (!mtime_fits) {
      records += pax_record("mtime", std::to_string(header.mtime));
    }
    if (long_name) {
      records += pax_record("path", header.name);
    }
    if (!size_fits) {
      records += pax_record("size", std::to_string(header.size));
    }
    if (!uid_fits) {
      records += pax_record("uid", std::to_string(header.uid));
    }
    write_pax_header(header, records);
    prefix.clear();
    name = to_ascii(header.name);
  }

  const std::uint64_t mtime = mtime_fits ? static_cast<std::uint64_t>(header.mtime) : 0;
  std::string block = header_block(name, header.type, header.mode, header.size, mtime);
  put_octal(block, k_uid, header.uid);  // 0 when too large: a PAX record carries it
  put_octal(block, k_gid, header.gid);
  put_string(block, k_link_name, to_ascii(header.link_target));
  put_octal(block, k_dev_major, 0);
  put_octal(block, k_dev_minor, 0);
  put_string(block, k_prefix, prefix);
  write_block(block);
}

// The 'x' entry before `header`, named "<dir>/PaxHeaders.0/<base>" as Go
// names it.
void TarWriter::write_pax_header(const Header& header, const std::string& records) {
  const auto slash = header.name.rfind('/');
  const std::string dir = slash == std::string::npos ? "" : header.name.substr(0, slash + 1);
  const std::string base = header.name.substr(dir.size());
  std::string pax_name = dir + "PaxHeaders.0" + (base.empty() ? "" : "/" + base);
  pax_name = to_ascii(pax_name).substr(0, k_name_size);
  while (pax_name.ends_with('/')) {
    pax_name.pop_back();
  }
  write_block(header_block(pax_name, 'x', 0, records.size(), 0));
  m_archive.append(records);
  pad_to_block();
}

void TarWriter::write_block(const std::string& block) {
  std::string with_checksum = block;
  put_checksum(with_checksum);
  m_archive.append(with_checksum);
}

void TarWriter::pad_to_block() {
  const std::size_t partial = m_archive.size() % k_block_size;
  if (partial != 0) {
    m_archive.append(k_block_size - partial, '\0');
  }
}

}  // namespace berth::engine
