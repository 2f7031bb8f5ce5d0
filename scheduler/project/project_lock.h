#pragma once
// ProjectLock: berth commands that change a project take its lock first, so
// two `up` at once never create duplicates. An advisory flock() on a file in
// the user's private lock directory (lock_directory.h), named after the
// engine's identity and the project; released when the object dies (or the
// process does, however it ends).

#include <chrono>
#include <functional>
#include <stdexcept>
#include <string>

namespace berth::scheduler {

// The lock file's name: "berth-" and a hash of the engine's ID (GET /info)
// and the project. The engine's ID, not its address: unix:///var/run/docker.sock
// and unix:////var/run//docker.sock are one engine and must be one lock. The
// hash keeps the name short whatever the project's length.
std::string lock_file_name(const std::string& engine_id, const std::string& project);

// How to wait for a lock another berth holds: polled (never an endless
// blocking flock), so that `interrupted` can end the wait.
struct LockWait {
  std::chrono::milliseconds poll_every{100};
  std::chrono::milliseconds notice_after{1000};
  // Called once, after notice_after, with the holder's pid (0: unknown).
  std::function<void(int holder_pid)> on_waiting;
  // Polled while waiting: true ends the wait with LockWaitInterrupted.
  std::function<bool()> interrupted;
};

struct LockWaitInterrupted : std::runtime_error {
  LockWaitInterrupted() : std::runtime_error("interrupted while waiting for the project lock") {}
};

class ProjectLock {
 public:
  // Opens <directory>/<lock_file_name(...)> (O_NOFOLLOW, mode 0600) and takes
  // it, waiting as `wait` says; then writes our pid into it for the next
  // waiter's message. Throws std::runtime_error (one line naming the path)
  // when the file cannot be opened, LockWaitInterrupted when interrupted.
  ProjectLock(const std::string& directory, const std::string& engine_id,
              const std::string& project, const LockWait& wait);
  ~ProjectLock();
  ProjectLock(const ProjectLock&) = delete;
  ProjectLock& operator=(const ProjectLock&) = delete;

  const std::string& path() const { return m_path; }

 private:
  void wait_for(const LockWait& wait);

  std::string m_path;
  int m_fd = -1;
};

}  // namespace berth::scheduler
