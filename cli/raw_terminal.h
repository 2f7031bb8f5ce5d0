#pragma once
// RawTerminal: the local terminal in raw mode while a TTY session (run, exec)
// owns it: keys go to the container unprocessed (Ctrl-C included). The saved
// mode comes back on every way out: destruction, an exception unwinding past
// it, and a terminating signal (SIGTERM, SIGHUP, SIGINT, SIGQUIT), after
// which the signal is raised again with its default action.

#include <termios.h>

namespace berth::cli {

class RawTerminal {
 public:
  // Does nothing when `fd` is not a terminal. One at a time per process.
  explicit RawTerminal(int fd);
  ~RawTerminal();
  RawTerminal(const RawTerminal&) = delete;
  RawTerminal& operator=(const RawTerminal&) = delete;

  bool active() const { return m_active; }

 private:
  bool m_active = false;
};

}  // namespace berth::cli
