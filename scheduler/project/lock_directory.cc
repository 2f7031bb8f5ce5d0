#include "scheduler/project/lock_directory.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace berth::scheduler {

namespace {

std::string octal_mode(mode_t mode) {
  char text[8];
  std::snprintf(text, sizeof text, "%04o", static_cast<unsigned>(mode & 07777));
  return text;
}

// A directory others cannot write into: ours, and no group or other write.
bool is_private_base(const std::string& path, uid_t uid) {
  struct stat info {};
  return !path.empty() && path.front() == '/' && ::stat(path.c_str(), &info) == 0 &&
         S_ISDIR(info.st_mode) && info.st_uid == uid && (info.st_mode & (S_IWGRP | S_IWOTH)) == 0;
}

bool exists_as_directory(const std::string& path) {
  struct stat info {};
  return ::stat(path.c_str(), &info) == 0 && S_ISDIR(info.st_mode);
}

std::string refusal(const std::string& path, const std::string& why, uid_t uid) {
  return "the lock directory " + path + " " + why + " (it must be a directory of uid " +
         std::to_string(uid) + " with mode 0700, not a symlink)";
}

// mkdir 0700 (an existing one is checked as well), then lstat: a real
// directory, ours, exactly 0700. Never chmod or chown: a directory that is
// not right was made by someone else, and is refused.
std::string make_private_directory(const std::string& path, uid_t uid) {
  if (::mkdir(path.c_str(), 0700) == 0) {
    static_cast<void>(::chmod(path.c_str(), 0700));  // ours, just made: undo a umask like 0777
  } else if (errno != EEXIST) {
    throw LockDirectoryError("cannot make the lock directory " + path + ": " +
                             std::strerror(errno));
  }
  struct stat info {};
  if (::lstat(path.c_str(), &info) != 0) {
    throw LockDirectoryError("cannot read the lock directory " + path + ": " +
                             std::strerror(errno));
  }
  if (S_ISLNK(info.st_mode)) {
    throw LockDirectoryError(refusal(path, "is a symlink", uid));
  }
  if (!S_ISDIR(info.st_mode)) {
    throw LockDirectoryError(refusal(path, "is not a directory", uid));
  }
  if (info.st_uid != uid) {
    throw LockDirectoryError(
        refusal(path, "is owned by uid " + std::to_string(info.st_uid), uid));
  }
  if ((info.st_mode & 07777) != 0700) {
    throw LockDirectoryError(refusal(path, "has mode " + octal_mode(info.st_mode), uid));
  }
  return path;
}

}  // namespace

LockPlaces LockPlaces::of_this_process() {
  LockPlaces places;
  const char* runtime = std::getenv("XDG_RUNTIME_DIR");
  places.xdg_runtime_dir = runtime != nullptr ? runtime : "";
  places.uid = ::geteuid();
  return places;
}

std::string prepare_lock_directory(const LockPlaces& places) {
  if (is_private_base(places.xdg_runtime_dir, places.uid)) {
    std::string base = places.xdg_runtime_dir;
    while (base.size() > 1 && base.back() == '/') {
      base.pop_back();
    }
    return make_private_directory(base + "/berth", places.uid);
  }
  if (places.uid == 0 && exists_as_directory(places.run_root)) {
    return make_private_directory(places.run_root + "/berth", places.uid);
  }
  return make_private_directory(places.tmp_root + "/berth-" + std::to_string(places.uid),
                                places.uid);
}

}  // namespace berth::scheduler
