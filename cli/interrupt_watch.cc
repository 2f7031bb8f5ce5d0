#include "cli/interrupt_watch.h"

#include <signal.h>

#include <ctime>

namespace berth::cli {

namespace {

sigset_t watched_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  return set;
}

}  // namespace

InterruptWatch::InterruptWatch() {
  const sigset_t set = watched_signals();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  m_thread = std::thread([this] { loop(); });
}

InterruptWatch::~InterruptWatch() {
  m_stopping = true;
  m_thread.join();
}

void InterruptWatch::on_signal(Handler handler) {
  std::lock_guard lock(m_mutex);
  m_handler = std::move(handler);
}

void InterruptWatch::loop() {
  const sigset_t set = watched_signals();
  // sigtimedwait rather than sigwait, so the destructor needs no signal to end it.
  const timespec tick{0, 100'000'000};
  while (!m_stopping) {
    const int signal = sigtimedwait(&set, nullptr, &tick);
    if (signal <= 0) {
      continue;
    }
    m_signal = signal;
    const int count = ++m_count;
    std::lock_guard lock(m_mutex);
    if (m_handler) {
      m_handler(count, signal);
    }
  }
}

}  // namespace berth::cli
