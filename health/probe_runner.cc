#include "health/probe_runner.h"

namespace berth::health {

ProbeRunner::ProbeRunner(const HttpTcpProbeSpec& spec, std::string address, Report report)
    : m_spec(spec),
      m_report(std::move(report)),
      m_address(std::move(address)),
      m_tracker(spec, std::chrono::steady_clock::now()),
      m_thread([this] { loop(); }) {}

ProbeRunner::~ProbeRunner() {
  {
    std::lock_guard lock(m_mutex);
    m_stopping = true;
  }
  m_wake.notify_all();
  m_thread.join();
}

void ProbeRunner::restart(std::string address, uint64_t run) {
  {
    std::lock_guard lock(m_mutex);
    if (run < m_run) {
      return;
    }
    m_run = run;
    m_address = std::move(address);
    m_tracker = ProbeTracker(m_spec, std::chrono::steady_clock::now());
    m_restarted = true;
  }
  m_wake.notify_all();
}

void ProbeRunner::loop() {
  const auto interval = std::chrono::nanoseconds(m_spec.interval_ns);
  std::unique_lock lock(m_mutex);
  while (!m_stopping) {
    m_restarted = false;
    const std::string address = m_address;
    const uint64_t run = m_run;
    lock.unlock();
    // The probe itself runs unlocked: it may take up to its timeout.
    ProbeResult result = run_probe(m_spec, address);
    lock.lock();
    if (m_stopping) {
      break;
    }
    if (!m_restarted) {
      const HealthStatus status = m_tracker.record(result, std::chrono::steady_clock::now());
      // Reported unlocked, so the owner may call restart() meanwhile.
      lock.unlock();
      m_report(result, status, run);
      lock.lock();
    }
    m_wake.wait_for(lock, interval, [this] { return m_stopping || m_restarted; });
  }
}

}  // namespace berth::health
