#include "health/probe_tracker.h"

#include <algorithm>

namespace berth::health {

ProbeTracker::ProbeTracker(const HttpTcpProbeSpec& spec, Clock::time_point start_time)
    // The parser guarantees retries >= 1; a hand-built spec of 0 would never turn unhealthy.
    : m_retries(std::max(spec.retries, 1)),
      m_start_period(spec.start_period_ns),
      m_start_time(start_time) {}

HealthStatus ProbeTracker::record(const ProbeResult& result, Clock::time_point now) {
  m_last_output = result.output;
  if (result.ok) {
    m_failing_streak = 0;
    m_status = HealthStatus::healthy;
    return m_status;
  }
  // As docker: the grace period only shields a container that has not yet been healthy.
  bool in_start_period = m_status == HealthStatus::starting && now - m_start_time < m_start_period;
  if (in_start_period) {
    return m_status;
  }
  ++m_failing_streak;
  if (m_failing_streak >= m_retries) {
    m_status = HealthStatus::unhealthy;
  }
  return m_status;
}

}  // namespace berth::health
