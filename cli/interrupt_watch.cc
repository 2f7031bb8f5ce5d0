#include "cli/interrupt_watch.h"

#include <poll.h>
#include <signal.h>
#include <sys/eventfd.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <cstdint>

#include "files/bounded_file.h"

namespace berth::cli {

namespace {

sigset_t watched_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  return set;
}

std::atomic<bool>& signalled_flag() {
  static std::atomic<bool> flag{false};
  return flag;
}

}  // namespace

const std::atomic<bool>& InterruptWatch::signalled() { return signalled_flag(); }

InterruptWatch::InterruptWatch() {
  const sigset_t set = watched_signals();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  // The signals arrive on a signalfd; the eventfd lets the destructor end the
  // wait at once (a timed wait made every short command pay for its last tick).
  m_signal_fd = signalfd(-1, &set, SFD_CLOEXEC);
  m_stop_fd = eventfd(0, EFD_CLOEXEC);
  m_thread = std::thread([this] { loop(); });
}

InterruptWatch::~InterruptWatch() {
  const std::uint64_t one = 1;
  if (m_stop_fd >= 0 && write(m_stop_fd, &one, sizeof one) < 0) {
    // Nothing else can wake the thread; it ends with the process.
    m_thread.detach();
  } else {
    m_thread.join();
  }
  if (m_signal_fd >= 0) {
    close(m_signal_fd);
  }
  if (m_stop_fd >= 0) {
    close(m_stop_fd);
  }
}

void InterruptWatch::on_signal(Handler handler) {
  std::lock_guard lock(m_mutex);
  m_handler = std::move(handler);
}

void InterruptWatch::loop() {
  if (m_signal_fd < 0 || m_stop_fd < 0) {
    return;  // cannot watch: the signals stay blocked and pending
  }
  pollfd fds[2] = {{m_signal_fd, POLLIN, 0}, {m_stop_fd, POLLIN, 0}};
  while (true) {
    if (poll(fds, 2, -1) < 0) {
      continue;  // EINTR
    }
    if (fds[1].revents != 0) {
      return;
    }
    signalfd_siginfo info{};
    if (read(m_signal_fd, &info, sizeof info) != static_cast<ssize_t>(sizeof info)) {
      continue;
    }
    const int signal = static_cast<int>(info.ssi_signo);
    files::interrupt_reads();  // a file being read (a project file, .dockerignore) is given up
    m_signal = signal;
    const int count = ++m_count;
    signalled_flag().store(true);
    std::lock_guard lock(m_mutex);
    if (m_handler) {
      m_handler(count, signal);
    }
  }
}

}  // namespace berth::cli
