#include "files/bounded_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>

namespace berth::files {
namespace {

std::atomic<bool> g_interrupted{false};
static_assert(std::atomic<bool>::is_always_lock_free, "set from a signal handler");

ReadResult failure(Problem problem, std::string message, int error_number = 0) {
  ReadResult result;
  result.problem = problem;
  result.message = std::move(message);
  result.error_number = error_number;
  return result;
}

ReadResult open_failure(int error_number, bool refuse_symlink) {
  if (error_number == ENOENT || error_number == ENOTDIR) {
    return failure(Problem::not_found, "not found", error_number);
  }
  if (error_number == ELOOP && refuse_symlink) {
    return failure(Problem::not_regular, "is a symlink", error_number);
  }
  return failure(Problem::unreadable, std::string("cannot be read: ") + std::strerror(error_number),
                 error_number);
}

std::string mebibytes(std::size_t bytes) {
  constexpr std::size_t k_mebibyte = 1024 * 1024;
  return bytes < k_mebibyte ? std::to_string(bytes) + " bytes"
                            : std::to_string(bytes / k_mebibyte) + " MiB";
}

ReadResult too_large(const std::string& size, const ReadOptions& options) {
  return failure(Problem::too_large, "file is " + size + "; " + options.limited + " limited to " +
                                         mebibytes(options.max_size));
}

// Reads until the end, the cap or an interruption. O_NONBLOCK stays set: a
// regular file never answers EAGAIN.
ReadResult read_all(int fd, const ReadOptions& options) {
  ReadResult result;
  char buffer[65536];
  while (true) {
    if (g_interrupted.load()) {
      return failure(Problem::interrupted, "was not read: interrupted");
    }
    const ssize_t got = ::read(fd, buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) {
      continue;
    }
    if (got < 0) {
      return failure(Problem::unreadable, std::string("cannot be read: ") + std::strerror(errno),
                     errno);
    }
    if (got == 0) {
      return result;
    }
    if (result.text.size() + static_cast<std::size_t>(got) > options.max_size) {
      return too_large("larger than " + mebibytes(options.max_size), options);
    }
    result.text.append(buffer, static_cast<std::size_t>(got));
  }
}

}  // namespace

std::string describe_non_regular(unsigned mode) {
  switch (mode & S_IFMT) {
    case S_IFREG:
      return "";
    case S_IFDIR:
      return "is a directory";
    case S_IFIFO:
      return "is a FIFO";
    case S_IFCHR:
    case S_IFBLK:
      return "is a device";
    case S_IFSOCK:
      return "is a socket";
    case S_IFLNK:
      return "is a symlink";
    default:
      return "is not a regular file";
  }
}

ReadResult read_file(const std::string& path, const ReadOptions& options) {
  if (g_interrupted.load()) {
    return failure(Problem::interrupted, "was not read: interrupted");
  }
  const int flags = O_RDONLY | O_CLOEXEC | O_NONBLOCK | (options.refuse_symlink ? O_NOFOLLOW : 0);
  const int fd = ::open(path.c_str(), flags);
  if (fd < 0) {
    const int error_number = errno;
    struct stat info {};
    // A socket cannot be opened (ENXIO): say what it is, not why open failed.
    if (error_number == ENXIO && ::stat(path.c_str(), &info) == 0 && !S_ISREG(info.st_mode)) {
      return failure(Problem::not_regular, describe_non_regular(info.st_mode), error_number);
    }
    return open_failure(error_number, options.refuse_symlink);
  }
  struct stat info {};
  ReadResult result;
  if (::fstat(fd, &info) != 0) {
    result = open_failure(errno, options.refuse_symlink);
  } else if (std::string kind = describe_non_regular(info.st_mode); !kind.empty()) {
    result = failure(Problem::not_regular, kind);
  } else if (static_cast<std::size_t>(info.st_size) > options.max_size) {
    result = too_large(mebibytes(static_cast<std::size_t>(info.st_size)), options);
  } else {
    result = read_all(fd, options);
  }
  ::close(fd);
  return result;
}

void interrupt_reads() { g_interrupted.store(true); }

bool reads_interrupted() { return g_interrupted.load(); }

void resume_reads() { g_interrupted.store(false); }

}  // namespace berth::files
