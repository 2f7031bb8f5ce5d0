#pragma once
// LogWriter: the LogSink of `logs` and attached `up`, writing to a file
// descriptor (stdout). Lines are gathered and written one batch per write(),
// never flushed line by line: whoever finds the writer idle writes what has
// accumulated, meanwhile other threads only append, so a busy project costs
// few system calls and lines are never cut by each other.

#include <mutex>
#include <string>
#include <vector>

#include "scheduler/logs/log_follower.h"

#include "cli/colour.h"

namespace berth::cli {

class LogWriter final : public scheduler::LogSink {
 public:
  explicit LogWriter(int fd = 1) : m_fd(fd) {}

  void write_lines(const std::string& prefix, const std::vector<engine::LogLine>& lines) override;
  void write_text(const std::string& text) override;

 private:
  // Appends under the lock (`fill`), then writes unless another thread is.
  template <class Fill>
  void append(Fill fill);

  int m_fd;
  std::mutex m_mutex;
  std::string m_pending;  // appended, not yet taken by a writer
  bool m_writing = false;
};

// Whether `logs`/attached `up` colour prefixes: never with --no-color, else
// as --ansi and NO_COLOR decide for stdout (cli/colour.h).
bool log_colours_wanted(bool no_color_flag, AnsiMode mode);

}  // namespace berth::cli
