#include "engine/local_archive.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <optional>
#include <sstream>
#include <vector>

#include "engine/tar_reader.h"
#include "engine/tar_writer.h"

namespace berth::engine {

namespace fs = std::filesystem;

namespace {

Error io_error(const fs::path& path, const std::string& what) {
  return Error{errno == ENOENT ? ErrorCode::not_found : ErrorCode::bad_request, 0,
               what + " " + path.string() + ": " + std::strerror(errno)};
}

std::optional<std::string> read_whole(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return std::nullopt;
  }
  std::ostringstream contents;
  contents << in.rdbuf();
  return contents.str();
}

std::string child_name(const std::string& parent, const std::string& child) {
  return parent == "." ? child : parent + "/" + child;
}

// Adds `path` as `name`, then a directory's children, by name.
Status add_path(TarWriter& writer, const fs::path& path, const std::string& name,
                const LocalArchiveOptions& options, bool top) {
  struct stat info {};
  const bool follow = top && options.follow_link;
  if ((follow ? ::stat(path.c_str(), &info) : ::lstat(path.c_str(), &info)) != 0) {
    return io_error(path, "cannot read");
  }
  const unsigned mode = info.st_mode & 07777;
  if (S_ISLNK(info.st_mode)) {
    std::error_code code;
    const auto target = fs::read_symlink(path, code);
    if (code) {
      return Error{ErrorCode::bad_request, 0, "cannot read " + path.string() + ": " + code.message()};
    }
    writer.add_symlink(name, target.string(), mode, info.st_mtime);
  } else if (S_ISREG(info.st_mode)) {
    const auto contents = read_whole(path);
    if (!contents) {
      return io_error(path, "cannot read");
    }
    writer.add_owned_file(name, mode, info.st_mtime, *contents, options.owners ? info.st_uid : 0,
                          options.owners ? info.st_gid : 0);
  } else if (S_ISDIR(info.st_mode)) {
    if (name != ".") {
      writer.add_directory(name, mode, info.st_mtime);
    }
    std::vector<std::string> children;
    std::error_code code;
    for (const auto& child : fs::directory_iterator(path, code)) {
      children.push_back(child.path().filename().string());
    }
    if (code) {
      return Error{ErrorCode::bad_request, 0, "cannot read " + path.string() + ": " + code.message()};
    }
    std::sort(children.begin(), children.end());
    for (const auto& child : children) {
      auto added = add_path(writer, path / child, child_name(name, child), options, false);
      if (!added) {
        return added;
      }
    }
  }  // sockets, fifos, devices: docker cp leaves them out too
  return Done{};
}

// The entry's name after the rebase, as components; nullopt when it would
// leave the directory.
std::optional<std::vector<std::string>> target_parts(std::string name,
                                                     const std::string& rebase_from,
                                                     const std::string& rebase_to) {
  while (name.starts_with("./")) {
    name.erase(0, 2);
  }
  if (name == ".") {
    name.clear();
  }
  if (rebase_from == ".") {  // a directory's contents ("./x"), put under a new name
    name = name.empty() || name == "." ? rebase_to : rebase_to + "/" + name;
  } else if (!rebase_from.empty() &&
             (name == rebase_from || name.starts_with(rebase_from + "/"))) {
    name = rebase_to + name.substr(rebase_from.size());
  }
  if (name.starts_with("/")) {
    return std::nullopt;
  }
  std::vector<std::string> parts;
  std::stringstream stream(name);
  for (std::string part; std::getline(stream, part, '/');) {
    if (part == "..") {
      return std::nullopt;
    }
    if (!part.empty() && part != ".") {
      parts.push_back(part);
    }
  }
  return parts;
}

fs::path joined(const fs::path& directory, const std::vector<std::string>& parts) {
  fs::path path = directory;
  for (const auto& part : parts) {
    path /= part;
  }
  return path;
}

// Makes the parent directories of `parts` below `directory`; refuses one
// that is a symlink or not a directory, which would lead outside.
Status make_parents(const fs::path& directory, const std::vector<std::string>& parts,
                    const std::string& entry) {
  fs::path path = directory;
  for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
    path /= parts[i];
    struct stat info {};
    if (::lstat(path.c_str(), &info) != 0) {
      if (::mkdir(path.c_str(), 0755) != 0) {
        return io_error(path, "cannot create");
      }
    } else if (!S_ISDIR(info.st_mode)) {
      return Error{ErrorCode::bad_request, 0,
                   "refused: " + entry + " would be written through " + path.string() +
                       ", which is not a directory"};
    }
  }
  return Done{};
}

Status write_file(const fs::path& path, const TarEntry& entry) {
  struct stat info {};
  if (::lstat(path.c_str(), &info) == 0 && !S_ISREG(info.st_mode)) {
    if (S_ISDIR(info.st_mode)) {
      errno = EISDIR;
      return io_error(path, "cannot write");
    }
    ::unlink(path.c_str());  // a link in the way is replaced, never followed
  }
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC,
                        entry.mode & 07777);
  if (fd < 0) {
    return io_error(path, "cannot write");
  }
  std::string_view rest = entry.contents;
  while (!rest.empty()) {
    const ssize_t written = ::write(fd, rest.data(), rest.size());
    if (written < 0 && errno == EINTR) {
      continue;
    }
    if (written <= 0) {
      auto failure = io_error(path, "cannot write");
      ::close(fd);
      return failure;
    }
    rest.remove_prefix(static_cast<std::size_t>(written));
  }
  ::fchmod(fd, entry.mode & 07777);
  ::close(fd);
  return Done{};
}

Status write_entry(const fs::path& path, const TarEntry& entry, const fs::path& link_source) {
  switch (entry.kind) {
    case TarEntry::Kind::directory: {
      struct stat info {};
      if (::lstat(path.c_str(), &info) != 0) {
        if (::mkdir(path.c_str(), entry.mode & 07777) != 0) {
          return io_error(path, "cannot create");
        }
      } else if (!S_ISDIR(info.st_mode)) {
        return Error{ErrorCode::bad_request, 0,
                     "refused: the archive's directory " + entry.name + " would replace " +
                         path.string() + (S_ISLNK(info.st_mode) ? ", a symlink" : ", a file")};
      }
      ::chmod(path.c_str(), entry.mode & 07777);
      return Done{};
    }
    case TarEntry::Kind::file:
      return write_file(path, entry);
    case TarEntry::Kind::symlink:
      ::unlink(path.c_str());
      if (::symlink(entry.link_target.c_str(), path.c_str()) != 0) {
        return io_error(path, "cannot create");
      }
      return Done{};
    case TarEntry::Kind::hardlink:
      ::unlink(path.c_str());
      if (::link(link_source.c_str(), path.c_str()) != 0) {
        return io_error(path, "cannot link");
      }
      return Done{};
    case TarEntry::Kind::other:
      return Done{};
  }
  return Done{};
}

}  // namespace

Result<std::string> archive_local_path(const fs::path& path, const std::string& name,
                                       const LocalArchiveOptions& options) {
  TarWriter writer;
  auto added = add_path(writer, path, name, options, true);
  if (!added) {
    return added.error();
  }
  return writer.finish();
}

Status extract_tar(std::string_view tar, const fs::path& directory, const std::string& rebase_from,
                   const std::string& rebase_to) {
  auto entries = read_tar(tar);
  if (!entries) {
    return entries.error();
  }
  struct Placed {
    const TarEntry* entry;
    std::vector<std::string> parts;
    std::vector<std::string> link_parts;  // hard links only
  };
  std::vector<Placed> placed;
  // Every name is checked before the first byte is written.
  for (const auto& entry : *entries) {
    auto parts = target_parts(entry.name, rebase_from, rebase_to);
    std::optional<std::vector<std::string>> link_parts;
    if (entry.kind == TarEntry::Kind::hardlink) {
      link_parts = target_parts(entry.link_target, rebase_from, rebase_to);
    }
    if (!parts || (entry.kind == TarEntry::Kind::hardlink && (!link_parts || link_parts->empty()))) {
      return Error{ErrorCode::bad_request, 0,
                   "refused: the archive's entry " + entry.name + " would be written outside " +
                       directory.string()};
    }
    placed.push_back({&entry, std::move(*parts), link_parts ? *link_parts : std::vector<std::string>{}});
  }
  for (const auto& [entry, parts, link_parts] : placed) {
    if (parts.empty()) {
      continue;  // the directory itself ("." of a copied directory's contents)
    }
    auto parents = make_parents(directory, parts, entry->name);
    if (!parents) {
      return parents;
    }
    auto written = write_entry(joined(directory, parts), *entry, joined(directory, link_parts));
    if (!written) {
      return written;
    }
  }
  return Done{};
}

}  // namespace berth::engine
