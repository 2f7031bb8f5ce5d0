#pragma once
// A client that keeps sending GET requests at a steady rate from a thread of
// its own while a test changes the stack behind a balancer, and counts every
// request that did not get a 2xx answer: a non-2xx status, a refused or reset
// connection, a timeout. Each request goes on a new connection, so a
// listener that stops accepting, even for a moment, shows as a failure
// (keep-alive would hide it behind an open connection).

#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace berth::testing {

struct LoadSummary {
  int sent = 0;
  int failed = 0;
  double p50_ms = 0;
  double p99_ms = 0;
  double max_ms = 0;
  double seconds = 0;                  // from start() to stop()
  std::vector<std::string> failures;   // the first few: "+12.345s: 502 <body>"
  std::string to_string() const;       // one line, e.g. for a test's output
};

class LoadClient {
 public:
  // Requests `path` (e.g. "/api/notes") on 127.0.0.1:`port`, `per_second`
  // times a second, each with a whole-request timeout of `timeout_seconds`.
  LoadClient(int port, std::string path, int per_second = 25, int timeout_seconds = 5);
  ~LoadClient();
  LoadClient(const LoadClient&) = delete;
  LoadClient& operator=(const LoadClient&) = delete;

  void start();
  // Stops sending, waits for the request in flight, prints and returns the summary.
  LoadSummary stop();
  // Requests answered so far (any status): to wait until the client is warm.
  int sent() const { return m_sent.load(); }

 private:
  void run();
  void record(bool ok, double milliseconds, const std::string& failure);

  static constexpr size_t k_failures_kept = 5;

  int m_port;
  std::string m_path;
  std::chrono::nanoseconds m_interval;
  int m_timeout_seconds;
  std::chrono::steady_clock::time_point m_started;
  std::atomic<bool> m_stopping{false};
  std::atomic<int> m_sent{0};
  std::thread m_thread;

  std::mutex m_mutex;  // guards what follows
  int m_failed = 0;
  std::vector<double> m_latencies_ms;
  std::vector<std::string> m_failures;
};

}  // namespace berth::testing
