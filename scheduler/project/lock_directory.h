#pragma once
// Where project locks live: a directory only this user can write, so another
// local user can neither plant a symlink at a lock's path nor hold our lock.

#include <sys/types.h>

#include <stdexcept>
#include <string>

namespace berth::scheduler {

// What decides the directory; the process's own values by default, others in tests.
struct LockPlaces {
  std::string xdg_runtime_dir;  // $XDG_RUNTIME_DIR ("" when unset)
  uid_t uid = 0;                // whose locks
  std::string run_root = "/run";  // root's locks: <run_root>/berth
  std::string tmp_root = "/tmp";  // everyone else's: <tmp_root>/berth-<uid>
  static LockPlaces of_this_process();
};

// The lock directory is not safe (another owner, group or other write, a
// symlink) or cannot be made; the message is one line naming it and the rule.
struct LockDirectoryError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// $XDG_RUNTIME_DIR/berth when $XDG_RUNTIME_DIR is a directory of the user
// with no group/other write; else <run_root>/berth for root (when run_root
// exists); else <tmp_root>/berth-<uid>. Makes the directory (mode 0700) if
// absent, then checks with lstat that it is a real directory, owned by the
// user, mode 0700. Throws LockDirectoryError otherwise.
std::string prepare_lock_directory(const LockPlaces& places);

}  // namespace berth::scheduler
