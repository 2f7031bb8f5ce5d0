#include "scheduler/project/project_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <thread>

#include "scheduler/sha256.h"

namespace berth::scheduler {

namespace {

// The pid the holder wrote into the lock file; 0 when there is none yet.
int holder_pid(int fd) {
  char text[24] = {};
  const ssize_t got = ::pread(fd, text, sizeof text - 1, 0);
  if (got <= 0) {
    return 0;
  }
  int pid = 0;
  for (ssize_t i = 0; i < got && text[i] >= '0' && text[i] <= '9' && pid < 100000000; ++i) {
    pid = pid * 10 + (text[i] - '0');
  }
  return pid;
}

void write_pid(int fd) {
  const std::string text = std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd, 0) == 0) {
    // Only the waiting message reads it: a failed write costs nothing else.
    static_cast<void>(::pwrite(fd, text.data(), text.size(), 0));
  }
}

}  // namespace

std::string lock_file_name(const std::string& engine_id, const std::string& project) {
  // A NUL cannot be in either part, so the two never run into each other.
  return "berth-" + sha256_hex(engine_id + std::string(1, '\0') + project).substr(0, 32) +
         ".lock";
}

ProjectLock::ProjectLock(const std::string& directory, const std::string& engine_id,
                         const std::string& project, const LockWait& wait)
    : m_path(directory + "/" + lock_file_name(engine_id, project)) {
  // O_NOFOLLOW: a symlink at the path is refused (ELOOP), never followed.
  m_fd = ::open(m_path.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (m_fd < 0) {
    const int error = errno;
    throw std::runtime_error("cannot open the project lock " + m_path + ": " +
                             (error == ELOOP ? "it is a symlink" : std::strerror(error)));
  }
  try {
    // Ours and a regular file, and 0600 even when an older berth made it.
    struct stat info {};
    if (::fstat(m_fd, &info) != 0 || !S_ISREG(info.st_mode) || ::fchmod(m_fd, 0600) != 0) {
      throw std::runtime_error("cannot use the project lock " + m_path +
                               ": it is not a regular file of this user");
    }
    wait_for(wait);
  } catch (...) {
    ::close(m_fd);
    throw;
  }
  write_pid(m_fd);
}

void ProjectLock::wait_for(const LockWait& wait) {
  const auto notice_at = std::chrono::steady_clock::now() + wait.notice_after;
  bool noticed = false;
  while (::flock(m_fd, LOCK_EX | LOCK_NB) != 0) {
    if (errno != EWOULDBLOCK && errno != EINTR) {
      throw std::runtime_error("cannot lock " + m_path + ": " + std::strerror(errno));
    }
    if (wait.interrupted && wait.interrupted()) {
      throw LockWaitInterrupted();
    }
    if (!noticed && std::chrono::steady_clock::now() >= notice_at) {
      noticed = true;
      if (wait.on_waiting) {
        wait.on_waiting(holder_pid(m_fd));
      }
    }
    std::this_thread::sleep_for(wait.poll_every);
  }
}

ProjectLock::~ProjectLock() {
  if (m_fd >= 0) {
    ::close(m_fd);  // closing releases the flock
  }
}

}  // namespace berth::scheduler
