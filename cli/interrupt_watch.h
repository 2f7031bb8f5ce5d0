#pragma once
// InterruptWatch: turns SIGINT and SIGTERM into calls on a thread of its own,
// so a long-running command (attached up, supervise) can stop gracefully on
// the first Ctrl-C and harder on the second. Construct it before any other
// thread starts: the signals are blocked in the constructing thread and so in
// every thread started after it.

#include <atomic>
#include <functional>
#include <mutex>
#include <thread>

namespace berth::cli {

class InterruptWatch {
 public:
  // `on_signal(n, signal)`: the n-th signal received (1, 2, ...).
  using Handler = std::function<void(int count, int signal)>;

  InterruptWatch();
  ~InterruptWatch();  // stops watching; the signals stay blocked
  InterruptWatch(const InterruptWatch&) = delete;
  InterruptWatch& operator=(const InterruptWatch&) = delete;

  void on_signal(Handler handler);  // before the first signal matters
  int count() const { return m_count.load(); }
  // Set by the first SIGINT or SIGTERM any watch receives: for waits that
  // take a flag rather than a handler (connecting to the engine).
  static const std::atomic<bool>& signalled();
  int last_signal() const { return m_signal.load(); }

 private:
  void loop();

  std::mutex m_mutex;  // guards m_handler
  Handler m_handler;
  std::atomic<int> m_count{0};
  std::atomic<int> m_signal{0};
  int m_signal_fd = -1;  // SIGINT and SIGTERM, read by the thread
  int m_stop_fd = -1;    // an eventfd the destructor writes to end the thread
  std::thread m_thread;
};

}  // namespace berth::cli
