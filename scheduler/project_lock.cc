#include "scheduler/project_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

#include "scheduler/sha256.h"

namespace berth::scheduler {

std::string ProjectLock::directory() {
  const char* runtime = std::getenv("XDG_RUNTIME_DIR");
  return runtime && *runtime ? runtime : "/tmp";
}

ProjectLock::ProjectLock(const std::string& project, const std::string& engine_host) {
  // The engine is part of the name: the same project on two engines is two projects.
  const std::string path = directory() + "/berth-" + project + "-" +
                           sha256_hex(engine_host).substr(0, 12) + ".lock";
  m_fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0666);
  if (m_fd < 0) {
    throw std::runtime_error("cannot open the project lock " + path + ": " + std::strerror(errno));
  }
  while (::flock(m_fd, LOCK_EX) != 0) {
    if (errno != EINTR) {
      const std::string why = std::strerror(errno);
      ::close(m_fd);
      throw std::runtime_error("cannot lock " + path + ": " + why);
    }
  }
}

ProjectLock::~ProjectLock() {
  if (m_fd >= 0) {
    ::close(m_fd);  // closing releases the flock
  }
}

}  // namespace berth::scheduler
