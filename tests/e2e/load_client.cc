#include "load_client.h"

#include <httplib.h>

#include <algorithm>
#include <cstdio>
#include <iomanip>
#include <sstream>

namespace berth::testing {

namespace {

// Requests go out from this many threads in turn, so one slow answer (a
// Tomcat starting beside it on 2 cores) does not hold back the next requests:
// the rate stays what the test asked for.
constexpr int k_senders = 16;

double percentile(std::vector<double> sorted_values, double fraction) {
  if (sorted_values.empty()) {
    return 0;
  }
  std::sort(sorted_values.begin(), sorted_values.end());
  const auto at = static_cast<size_t>(fraction * static_cast<double>(sorted_values.size() - 1) + 0.5);
  return sorted_values[std::min(at, sorted_values.size() - 1)];
}

std::string seconds_text(double seconds) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(3) << seconds << "s";
  return out.str();
}

std::string first_line_of(const std::string& text) {
  const auto line = text.substr(0, text.find('\n'));
  return line.size() > 120 ? line.substr(0, 120) + "..." : line;
}

}  // namespace

std::string LoadSummary::to_string() const {
  std::ostringstream out;
  out << std::fixed << std::setprecision(1) << "load: " << sent << " requests in " << seconds
      << " s (" << (seconds > 0 ? sent / seconds : 0) << "/s), " << failed
      << " failed, p50 " << p50_ms << " ms, p99 " << p99_ms << " ms, max " << max_ms << " ms";
  for (const auto& failure : failures) {
    out << "\n  failed at " << failure;
  }
  return out.str();
}

LoadClient::LoadClient(int port, std::string path, int per_second, int timeout_seconds)
    : m_port(port),
      m_path(std::move(path)),
      m_interval(std::chrono::nanoseconds(1'000'000'000 / std::max(per_second, 1))),
      m_timeout_seconds(timeout_seconds) {}

LoadClient::~LoadClient() {
  if (m_thread.joinable()) {
    m_stopping = true;
    m_thread.join();
  }
}

void LoadClient::start() {
  m_started = std::chrono::steady_clock::now();
  m_thread = std::thread([this] { run(); });
}

void LoadClient::run() {
  std::vector<std::thread> senders;
  for (int sender = 0; sender < k_senders; ++sender) {
    senders.emplace_back([this, sender] {
      auto next = m_started + m_interval * sender;
      while (!m_stopping) {
        std::this_thread::sleep_until(next);
        next += m_interval * k_senders;
        // A new client each time: a new connection, no keep-alive.
        httplib::Client http("127.0.0.1", m_port);
        http.set_connection_timeout(m_timeout_seconds);
        http.set_read_timeout(m_timeout_seconds);
        http.set_write_timeout(m_timeout_seconds);
        const auto sent_at = std::chrono::steady_clock::now();
        auto answer = http.Get(m_path.c_str());
        const auto done_at = std::chrono::steady_clock::now();
        const double milliseconds =
            std::chrono::duration<double, std::milli>(done_at - sent_at).count();
        const std::string when =
            "+" + seconds_text(std::chrono::duration<double>(sent_at - m_started).count());
        if (!answer) {
          record(false, milliseconds, when + ": " + httplib::to_string(answer.error()));
        } else if (answer->status < 200 || answer->status > 299) {
          record(false, milliseconds,
                 when + ": " + std::to_string(answer->status) + " " + first_line_of(answer->body));
        } else {
          record(true, milliseconds, "");
        }
        // Behind by more than a round (a long answer): no burst to catch up.
        const auto now = std::chrono::steady_clock::now();
        if (next < now) {
          next = now;
        }
      }
    });
  }
  for (auto& sender : senders) {
    sender.join();
  }
}

void LoadClient::record(bool ok, double milliseconds, const std::string& failure) {
  std::lock_guard lock(m_mutex);
  m_latencies_ms.push_back(milliseconds);
  ++m_sent;
  if (!ok) {
    ++m_failed;
    if (m_failures.size() < k_failures_kept) {
      m_failures.push_back(failure);
    }
  }
}

LoadSummary LoadClient::stop() {
  m_stopping = true;
  if (m_thread.joinable()) {
    m_thread.join();
  }
  LoadSummary summary;
  std::lock_guard lock(m_mutex);
  summary.sent = m_sent.load();
  summary.failed = m_failed;
  summary.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - m_started).count();
  summary.p50_ms = percentile(m_latencies_ms, 0.50);
  summary.p99_ms = percentile(m_latencies_ms, 0.99);
  summary.max_ms = percentile(m_latencies_ms, 1.0);
  summary.failures = m_failures;
  std::printf("%s\n", summary.to_string().c_str());
  std::fflush(stdout);
  return summary;
}

}  // namespace berth::testing
