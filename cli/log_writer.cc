#include "cli/log_writer.h"

#include <unistd.h>

#include <cerrno>
#include <cstdlib>

namespace berth::cli {

namespace {

void write_all(int fd, const std::string& bytes) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t written = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (written < 0) {
      if (errno == EINTR) {
        continue;
      }
      return;  // a closed pipe: nobody reads any more
    }
    done += static_cast<std::size_t>(written);
  }
}

}  // namespace

template <class Fill>
void LogWriter::append(Fill fill) {
  std::unique_lock lock(m_mutex);
  fill(m_pending);
  if (m_writing) {
    return;  // the thread writing takes this batch too
  }
  m_writing = true;
  std::string out;
  while (!m_pending.empty()) {
    out.swap(m_pending);
    lock.unlock();
    write_all(m_fd, out);
    out.clear();
    lock.lock();
  }
  m_writing = false;
}

void LogWriter::write_lines(const std::string& prefix, const std::vector<engine::LogLine>& lines) {
  append([&](std::string& pending) {
    for (const auto& line : lines) {
      pending += prefix;
      pending += line.text;
      pending += '\n';
    }
  });
}

void LogWriter::write_text(const std::string& text) {
  append([&](std::string& pending) { pending += text; });
}

bool log_colours_wanted(bool no_color_flag, AnsiMode mode) {
  return !no_color_flag && use_colour(mode, STDOUT_FILENO);
}

}  // namespace berth::cli
