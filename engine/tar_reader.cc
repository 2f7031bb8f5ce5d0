#include "engine/tar_reader.h"

#include <map>
#include <optional>

namespace berth::engine {

namespace {

constexpr std::size_t k_block = 512;

std::string text_field(std::string_view block, std::size_t offset, std::size_t size) {
  const std::string_view value = block.substr(offset, size);
  return std::string(value.substr(0, value.find('\0')));
}

// Octal digits, space- or NUL-padded, or GNU's base-256 (first byte 0x80).
std::optional<std::uint64_t> number_field(std::string_view block, std::size_t offset,
                                          std::size_t size) {
  const std::string_view raw = block.substr(offset, size);
  if (static_cast<unsigned char>(raw.front()) == 0x80) {
    std::uint64_t value = 0;
    for (std::size_t i = 1; i < raw.size(); ++i) {
      value = (value << 8) | static_cast<unsigned char>(raw[i]);
    }
    return value;
  }
  std::uint64_t value = 0;
  bool digits = false;
  for (const char c : raw) {
    if (c >= '0' && c <= '7') {
      value = value * 8 + static_cast<std::uint64_t>(c - '0');
      digits = true;
    } else if (c == ' ' || c == '\0') {
      if (digits) {
        break;
      }
    } else {
      return std::nullopt;
    }
  }
  return value;
}

bool checksum_ok(std::string_view block) {
  std::uint64_t sum = 0;
  for (std::size_t i = 0; i < k_block; ++i) {
    sum += (i >= 148 && i < 156) ? ' ' : static_cast<unsigned char>(block[i]);
  }
  const auto stored = number_field(block, 148, 8);
  return stored && *stored == sum;
}

// "<length> key=value\n" records; nullopt when one is malformed.
std::optional<std::map<std::string, std::string>> pax_records(std::string_view data) {
  std::map<std::string, std::string> records;
  while (!data.empty()) {
    const auto space = data.find(' ');
    if (space == std::string_view::npos || space == 0) {
      return std::nullopt;
    }
    std::size_t length = 0;
    for (const char c : data.substr(0, space)) {
      if (c < '0' || c > '9') {
        return std::nullopt;
      }
      length = length * 10 + static_cast<std::size_t>(c - '0');
      if (length > data.size()) {
        return std::nullopt;
      }
    }
    if (length < space + 2 || data[length - 1] != '\n') {
      return std::nullopt;
    }
    const std::string_view record = data.substr(space + 1, length - space - 2);
    const auto equals = record.find('=');
    if (equals == std::string_view::npos) {
      return std::nullopt;
    }
    records[std::string(record.substr(0, equals))] = std::string(record.substr(equals + 1));
    data.remove_prefix(length);
  }
  return records;
}

TarEntry::Kind kind_of(char type) {
  switch (type) {
    case '0':
    case '\0':
    case '7':
      return TarEntry::Kind::file;
    case '5':
      return TarEntry::Kind::directory;
    case '2':
      return TarEntry::Kind::symlink;
    case '1':
      return TarEntry::Kind::hardlink;
    default:
      return TarEntry::Kind::other;
  }
}

Error malformed(std::size_t at, const std::string& why) {
  return Error{ErrorCode::bad_request, 0,
               "malformed tar archive at offset " + std::to_string(at) + ": " + why};
}

}  // namespace

Result<std::vector<TarEntry>> read_tar(std::string_view tar) {
  std::vector<TarEntry> entries;
  std::map<std::string, std::string> pax;  // for the next entry
  std::string long_name;
  std::string long_link;
  std::size_t at = 0;
  while (at + k_block <= tar.size()) {
    const std::string_view block = tar.substr(at, k_block);
    if (block.find_first_not_of('\0') == std::string_view::npos) {
      return entries;  // the end-of-archive blocks
    }
    if (!checksum_ok(block)) {
      return malformed(at, "bad header checksum");
    }
    auto size = number_field(block, 124, 12);
    const auto mode = number_field(block, 100, 8);
    const auto mtime = number_field(block, 136, 12);
    const auto uid = number_field(block, 108, 8);
    const auto gid = number_field(block, 116, 8);
    if (!size || !mode || !mtime || !uid || !gid) {
      return malformed(at, "bad numeric field");
    }
    if (pax.count("size")) {
      const std::string& digits = pax["size"];
      if (digits.empty() || digits.size() > 18 ||
          digits.find_first_not_of("0123456789") != std::string::npos) {
        return malformed(at, "bad PAX size");
      }
      size = std::stoull(digits);
    }
    const char type = block[156];
    if (*size > tar.size() - at - k_block) {
      return malformed(at, "entry larger than the archive");
    }
    const std::string_view data = tar.substr(at + k_block, *size);
    at += k_block + (*size + k_block - 1) / k_block * k_block;
    if (type == 'x' || type == 'g') {
      auto records = pax_records(data);
      if (!records) {
        return malformed(at, "bad PAX records");
      }
      if (type == 'x') {
        pax = std::move(*records);
      }
      continue;
    }
    if (type == 'L' || type == 'K') {
      (type == 'L' ? long_name : long_link) = std::string(data.substr(0, data.find('\0')));
      continue;
    }
    TarEntry entry;
    const bool ustar = block.substr(257, 6) == std::string_view("ustar\0", 6);
    const std::string prefix = ustar ? text_field(block, 345, 155) : std::string();
    entry.name = (prefix.empty() ? "" : prefix + "/") + text_field(block, 0, 100);
    entry.link_target = text_field(block, 157, 100);
    if (!long_name.empty()) {
      entry.name = std::move(long_name);
    }
    if (!long_link.empty()) {
      entry.link_target = std::move(long_link);
    }
    if (pax.count("path")) {
      entry.name = pax["path"];
    }
    if (pax.count("linkpath")) {
      entry.link_target = pax["linkpath"];
    }
    entry.kind = kind_of(type);
    entry.mode = static_cast<unsigned>(*mode & 07777);
    entry.mtime = static_cast<std::int64_t>(*mtime);
    entry.uid = static_cast<std::uint32_t>(*uid);
    entry.gid = static_cast<std::uint32_t>(*gid);
    if (entry.kind == TarEntry::Kind::file) {
      entry.contents = data;
    }
    pax.clear();
    long_name.clear();
    long_link.clear();
    entries.push_back(std::move(entry));
  }
  return entries;  // no end blocks: what was read is all there is
}

}  // namespace berth::engine
