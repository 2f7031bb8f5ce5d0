#pragma once
// A tiny tar reader for the tests: reads back what TarWriter wrote (ustar
// headers, PAX 'x' records) and checks the format on the way, so that the
// tests compare entries rather than bytes.

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace berth::engine::testing {

struct TarEntry {
  std::string name;
  char type = 0;
  unsigned mode = 0;
  std::int64_t mtime = 0;
  std::uint64_t uid = 0;
  std::uint64_t gid = 0;
  std::string uname;
  std::string gname;
  std::string link_target;
  std::string contents;
  bool had_pax = false;  // the entry came with an 'x' header
};

struct TarArchive {
  std::vector<TarEntry> entries;
  std::string error;  // empty when the archive is well formed

  const TarEntry* find(const std::string& name) const {
    for (const auto& entry : entries) {
      if (entry.name == name) {
        return &entry;
      }
    }
    return nullptr;
  }
  std::vector<std::string> names() const {
    std::vector<std::string> out;
    for (const auto& entry : entries) {
      out.push_back(entry.name);
    }
    return out;
  }
};

namespace detail {

inline std::string field(std::string_view block, std::size_t offset, std::size_t size) {
  std::string_view value = block.substr(offset, size);
  return std::string(value.substr(0, value.find('\0')));
}

inline std::optional<std::uint64_t> octal(std::string_view block, std::size_t offset,
                                          std::size_t size) {
  const std::string text = field(block, offset, size);
  if (text.empty() || text.size() != size - 1) {
    return std::nullopt;  // TarWriter always writes every digit and a NUL
  }
  std::uint64_t value = 0;
  for (const char c : text) {
    if (c < '0' || c > '7') {
      return std::nullopt;
    }
    value = value * 8 + static_cast<std::uint64_t>(c - '0');
  }
  return value;
}

inline bool checksum_ok(std::string_view block) {
  unsigned sum = 0;
  for (std::size_t i = 0; i < 512; ++i) {
    sum += (i >= 148 && i < 156) ? ' ' : static_cast<unsigned char>(block[i]);
  }
  const auto stored = octal(block.substr(0, 155), 148, 7);
  return stored && *stored == sum && block[155] == ' ';
}

// "<length> key=value\n" records; nullopt when one is malformed.
inline std::optional<std::map<std::string, std::string>> pax_records(std::string_view data) {
  std::map<std::string, std::string> records;
  while (!data.empty()) {
    const auto space = data.find(' ');
    if (space == std::string_view::npos) {
      return std::nullopt;
    }
    const std::size_t length = std::stoul(std::string(data.substr(0, space)));
    if (length > data.size() || data[length - 1] != '\n') {
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

}  // namespace detail

inline TarArchive read_tar(std::string_view tar) {
  TarArchive archive;
  auto fail = [&](std::string why) {
    archive.error = std::move(why);
    return archive;
  };
  if (tar.size() % 512 != 0) {
    return fail("size is not a multiple of 512");
  }
  std::map<std::string, std::string> pax;
  std::size_t at = 0;
  while (true) {
    if (at + 512 > tar.size()) {
      return fail("no end-of-archive blocks");
    }
    const std::string_view block = tar.substr(at, 512);
    if (block.find_first_not_of('\0') == std::string_view::npos) {
      const bool two = at + 1024 == tar.size() &&
                       tar.substr(at + 512).find_first_not_of('\0') == std::string_view::npos;
      return two ? archive : fail("the archive does not end with exactly two zero blocks");
    }
    if (!detail::checksum_ok(block)) {
      return fail("bad checksum at offset " + std::to_string(at));
    }
    if (block.substr(257, 8) != std::string_view("ustar\0"
                                                 "00",
                                                 8)) {
      return fail("not a ustar header at offset " + std::to_string(at));
    }
    const auto size = detail::octal(block, 124, 12);
    const auto mode = detail::octal(block, 100, 8);
    const auto mtime = detail::octal(block, 136, 12);
    const auto uid = detail::octal(block, 108, 8);
    const auto gid = detail::octal(block, 116, 8);
    if (!size || !mode || !mtime || !uid || !gid) {
      return fail("bad numeric field at offset " + std::to_string(at));
    }
    const std::size_t padded = (*size + 511) / 512 * 512;
    if (at + 512 + padded > tar.size()) {
      return fail("truncated entry at offset " + std::to_string(at));
    }
    const std::string_view data = tar.substr(at + 512, *size);
    at += 512 + padded;
    if (block[156] == 'x') {
      auto records = detail::pax_records(data);
      if (!records) {
        return fail("bad PAX records");
      }
      pax = std::move(*records);
      continue;
    }
    TarEntry entry;
    const std::string prefix = detail::field(block, 345, 155);
    entry.name = (prefix.empty() ? "" : prefix + "/") + detail::field(block, 0, 100);
    entry.type = block[156];
    entry.mode = static_cast<unsigned>(*mode);
    entry.mtime = static_cast<std::int64_t>(*mtime);
    entry.uid = *uid;
    entry.gid = *gid;
    entry.uname = detail::field(block, 265, 32);
    entry.gname = detail::field(block, 297, 32);
    entry.link_target = detail::field(block, 157, 100);
    entry.contents = std::string(data);
    entry.had_pax = !pax.empty();
    if (pax.count("path")) {
      entry.name = pax["path"];
    }
    if (pax.count("linkpath")) {
      entry.link_target = pax["linkpath"];
    }
    if (pax.count("mtime")) {
      entry.mtime = std::stoll(pax["mtime"]);
    }
    pax.clear();
    archive.entries.push_back(std::move(entry));
  }
}

}  // namespace berth::engine::testing
