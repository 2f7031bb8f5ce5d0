#pragma once
// ProjectLock: berth commands that change a project take its lock first, so
// two `up` at once never create duplicates. An advisory flock() on a file
// named after the project and the engine; released when the object dies (or
// the process does, however it ends).

#include <string>

namespace berth::scheduler {

class ProjectLock {
 public:
  // Blocks until the lock is free. Throws std::runtime_error when the lock
  // file cannot be opened.
  ProjectLock(const std::string& project, const std::string& engine_host);
  ~ProjectLock();
  ProjectLock(const ProjectLock&) = delete;
  ProjectLock& operator=(const ProjectLock&) = delete;

  // Where the lock files live: $XDG_RUNTIME_DIR, else /tmp.
  static std::string directory();

 private:
  int m_fd = -1;
};

}  // namespace berth::scheduler
