#pragma once
// The one way berth reads a file a user or a project names: project files,
// `.env` and env files, label files, included files, `.dockerignore`, the
// registry auth config and seccomp profiles. A hostile name (/dev/zero, a
// FIFO, /proc/self/..., a 5 GB file) gets a one-line refusal, never a hang or
// unbounded memory:
// - only a regular file is read: the open does not block (O_NONBLOCK), and
//   the opened descriptor, not the name, is checked, so a swap between
//   looking and reading changes nothing;
// - at most k_max_file_size bytes, also for files whose size lies (/proc);
// - interrupt_reads() (Ctrl+C) ends a read between two chunks.
// A leaf module: it depends on nothing of berth, so compose and engine can
// both use it without depending on each other.

#include <cstddef>
#include <string>

namespace berth::files {

inline constexpr std::size_t k_max_file_size = 16 * 1024 * 1024;

enum class Problem {
  none,
  not_found,    // ENOENT or ENOTDIR
  not_regular,  // a directory, FIFO, device, socket; a symlink when refused
  too_large,    // over ReadOptions::max_size
  unreadable,   // open or read failed otherwise (EACCES, EIO, ...)
  interrupted,  // interrupt_reads() was called
};

struct ReadOptions {
  // A symlink as the last part of the path is refused unread ("is a symlink").
  bool refuse_symlink = false;
  std::size_t max_size = k_max_file_size;
  // Who the limit is for, in the too_large message: "project files are limited to 16 MiB".
  std::string limited = "files berth reads are";
};

struct ReadResult {
  std::string text;  // the contents when problem is none
  Problem problem = Problem::none;
  // What to say after the file's name: "is a FIFO", "is a directory",
  // "file is 50 MiB; project files are limited to 16 MiB", "cannot be read:
  // Permission denied". Never the contents.
  std::string message;
  int error_number = 0;  // errno for not_found and unreadable

  explicit operator bool() const { return problem == Problem::none; }
};

ReadResult read_file(const std::string& path, const ReadOptions& options = {});

// "is a FIFO" for a FIFO, and so on; empty for a regular file. `mode` is a
// struct stat's st_mode.
std::string describe_non_regular(unsigned mode);

// Ends every read in progress or to come with Problem::interrupted. Safe to
// call from a signal handler (it sets a lock-free atomic flag).
void interrupt_reads();
bool reads_interrupted();
// For tests: reads work again.
void resume_reads();

}  // namespace berth::files
