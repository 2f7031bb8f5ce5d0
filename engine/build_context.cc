#include "engine/build_context.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>
#include <vector>

#include "engine/dockerignore.h"
#include "engine/tar_writer.h"
#include "files/bounded_file.h"

namespace berth::engine {
namespace {

namespace fs = std::filesystem;

Error failure(std::string message) { return Error{ErrorCode::bad_request, 0, std::move(message)}; }

std::string quoted(const std::string& text) { return "\"" + text + "\""; }

// `what` "path": the reason errno gives.
Error system_failure(const std::string& what, const std::string& path) {
  return failure(what + " " + quoted(path) + ": " + std::strerror(errno));
}

enum class Follow { no, yes };

// The whole of a file. Follow::no opens it without following a symlink (a
// file replaced by one since it was looked at is not read through it).
Result<std::string> read_file(const std::string& path, Follow follow) {
  const int flags = O_RDONLY | O_NONBLOCK | O_CLOEXEC | (follow == Follow::no ? O_NOFOLLOW : 0);
  const int fd = ::open(path.c_str(), flags);
  if (fd < 0) {
    return system_failure("cannot read", path);
  }
  std::string contents;
  char buffer[65536];
  while (true) {
    const ssize_t got = ::read(fd, buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) {
      continue;
    }
    if (got < 0) {
      auto error = system_failure("cannot read", path);
      ::close(fd);
      return error;
    }
    if (got == 0) {
      break;
    }
    contents.append(buffer, static_cast<std::size_t>(got));
  }
  ::close(fd);
  return contents;
}

Status check_context(const std::string& directory) {
  std::error_code error;
  const auto status = fs::status(directory, error);
  if (status.type() == fs::file_type::not_found) {
    return failure("build context " + quoted(directory) + " does not exist");
  }
  if (error) {
    return failure("cannot read build context " + quoted(directory) + ": " + error.message());
  }
  if (status.type() != fs::file_type::directory) {
    return failure("build context " + quoted(directory) + " is not a directory");
  }
  return Done{};
}

// Where the Dockerfile lies relative to the context: the path as written and,
// when symlinks lead elsewhere, the file they lead to. Both must stay inside.
Result<std::vector<std::string>> locate_dockerfile(const std::string& directory,
                                                   const std::string& dockerfile) {
  const std::string name = dockerfile.empty() ? "Dockerfile" : dockerfile;
  const fs::path context = fs::path(directory).lexically_normal();
  const fs::path written = (context / name).lexically_normal();  // `/` keeps an absolute name
  const fs::path relative = written.lexically_relative(context);
  const auto outside = [&]() {
    return failure("the Dockerfile (" + name + ") must be within the build context " +
                   quoted(directory));
  };
  if (relative.empty() || *relative.begin() == "..") {
    return outside();
  }
  std::error_code error;
  const auto status = fs::status(written, error);
  if (status.type() == fs::file_type::not_found) {
    return failure("Dockerfile " + quoted(name) + " not found in build context " +
                   quoted(directory));
  }
  if (status.type() != fs::file_type::regular) {
    return failure("Dockerfile " + quoted(name) + " is not a file");
  }
  const fs::path real_context = fs::canonical(context, error);
  const fs::path real_file = error ? fs::path() : fs::canonical(written, error);
  if (error) {
    return failure("cannot resolve Dockerfile " + quoted(name) + ": " + error.message());
  }
  const fs::path real_relative = real_file.lexically_relative(real_context);
  if (real_relative.empty() || *real_relative.begin() == "..") {
    return outside();
  }
  std::vector<std::string> paths = {relative.generic_string()};
  if (real_relative != relative) {
    paths.push_back(real_relative.generic_string());
  }
  return paths;
}

// The context's .dockerignore (none when absent), with the build files kept.
// A symlink is refused unread, whatever it points to: it could lead out of
// the context (a secret, /dev/zero), and its lines end up in error messages.
Result<DockerIgnore> read_ignore(const std::string& directory,
                                 const std::vector<std::string>& dockerfile_paths) {
  const std::string path = directory + "/.dockerignore";
  files::ReadOptions options;
  options.refuse_symlink = true;
  files::ReadResult read = files::read_file(path, options);
  if (!read && read.problem != files::Problem::not_found) {
    return failure(path + ": " + read.message);
  }
  const std::string text = std::move(read.text);
  auto ignore = DockerIgnore::parse(text);
  if (!ignore) {
    // "/ctx/" + ".dockerignore line 3: syntax error in pattern ..."
    return failure(directory + "/" + ignore.error().message);
  }
  for (const auto& keep : dockerfile_paths) {
    if (auto kept = ignore.value().keep(keep); !kept) {
      return failure("cannot keep Dockerfile " + quoted(keep) + ": " + kept.error().message);
    }
  }
  if (auto kept = ignore.value().keep(".dockerignore"); !kept) {
    return kept.error();
  }
  return ignore;
}

class ContextWalker {
 public:
  explicit ContextWalker(const DockerIgnore& ignore) : m_ignore(ignore) {}

  // Adds what `directory` (context-relative `prefix`, "" at the top) holds.
  Status walk(const std::string& directory, const std::string& prefix) {
    std::vector<std::string> names;
    std::error_code error;
    for (fs::directory_iterator it(directory, error), end; !error && it != end;
         it.increment(error)) {
      names.push_back(it->path().filename().string());
    }
    if (error) {
      return failure("cannot read directory " + quoted(directory) + ": " + error.message());
    }
    std::sort(names.begin(), names.end());
    for (const auto& name : names) {
      if (auto added = add(directory + "/" + name, prefix.empty() ? name : prefix + "/" + name);
          !added) {
        return added;
      }
    }
    return Done{};
  }

  std::string finish() { return m_tar.finish(); }

  // A file berth made, not read from the tree; dated 0 so the bytes stay the same.
  void add_generated(const std::string& name, const std::string& contents) {
    m_tar.add_file(name, 0644, 0, contents);
  }

 private:
  Status add(const std::string& path, const std::string& relative) {
    struct stat info {};
    if (::lstat(path.c_str(), &info) != 0) {
      return system_failure("cannot stat", path);
    }
    const bool excluded = m_ignore.excluded(relative);
    const unsigned mode = info.st_mode & 07777;
    const std::int64_t mtime = info.st_mtime;
    if (S_ISDIR(info.st_mode)) {
      if (excluded && !m_ignore.has_exceptions()) {
        return Done{};
      }
      if (!excluded) {
        m_tar.add_directory(relative, mode, mtime);
      }
      return walk(path, relative);
    }
    if (excluded) {
      return Done{};
    }
    if (S_ISREG(info.st_mode)) {
      auto contents = read_file(path, Follow::no);
      if (!contents) {
        return contents.error();
      }
      m_tar.add_file(relative, mode, mtime, contents.value());
    } else if (S_ISLNK(info.st_mode)) {
      std::error_code error;
      const fs::path target = fs::read_symlink(path, error);
      if (error) {
        return failure("cannot read symlink " + quoted(path) + ": " + error.message());
      }
      m_tar.add_symlink(relative, target.string(), mode, mtime);
    }
    return Done{};  // sockets, devices and fifos stay out
  }

  const DockerIgnore& m_ignore;
  TarWriter m_tar;
};

std::string without_trailing_slashes(std::string directory) {
  while (directory.size() > 1 && directory.ends_with('/')) {
    directory.pop_back();
  }
  return directory;
}

// The walk of `directory`, then `inline_dockerfile` (when not null) as one
// more file: a later entry of the same name wins when the engine unpacks.
Result<std::string> pack(const std::string& directory,
                         const std::vector<std::string>& dockerfile_paths,
                         const std::string* inline_dockerfile) {
  auto ignore = read_ignore(directory, dockerfile_paths);
  if (!ignore) {
    return ignore.error();
  }
  ContextWalker walker(ignore.value());
  if (auto walked = walker.walk(directory, ""); !walked) {
    return walked.error();
  }
  if (inline_dockerfile != nullptr) {
    walker.add_generated(k_inline_dockerfile_name, *inline_dockerfile);
  }
  return walker.finish();
}

}  // namespace

Result<std::string> pack_build_context(const std::string& context, const std::string& dockerfile) {
  const std::string directory = without_trailing_slashes(context);
  if (auto checked = check_context(directory); !checked) {
    return checked.error();
  }
  auto dockerfile_paths = locate_dockerfile(directory, dockerfile);
  if (!dockerfile_paths) {
    return dockerfile_paths.error();
  }
  return pack(directory, dockerfile_paths.value(), nullptr);
}

Result<std::string> pack_build_context_inline(const std::string& context,
                                              const std::string& dockerfile_text) {
  const std::string directory = without_trailing_slashes(context);
  if (auto checked = check_context(directory); !checked) {
    return checked.error();
  }
  return pack(directory, {std::string(k_inline_dockerfile_name)}, &dockerfile_text);
}

}  // namespace berth::engine
