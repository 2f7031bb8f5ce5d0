#pragma once
// Turns a stream of probe results into a health status with docker's rules
// (daemon/health.go): a success makes the container healthy and clears the
// failing streak; `retries` failures in a row make it unhealthy; while it has
// never succeeded, failures within `start_period` of its start do not count.
// Pure: the caller runs the probes and passes the time, so tests step it by hand.

#include <chrono>
#include <string>

#include "health/health_spec.h"
#include "health/health_status.h"
#include "health/probe.h"

namespace berth::health {

class ProbeTracker {
 public:
  using Clock = std::chrono::steady_clock;

  // `start_time`: when the container started, which start_period counts from.
  ProbeTracker(const HttpTcpProbeSpec& spec, Clock::time_point start_time);

  // Takes the result of a probe that ran at `now`; returns the new status.
  HealthStatus record(const ProbeResult& result, Clock::time_point now);

  HealthStatus status() const { return m_status; }
  // Counted failures since the last success (those in the start period left out).
  int failing_streak() const { return m_failing_streak; }
  // The output of the latest probe, ok or not; "" before the first.
  const std::string& last_output() const { return m_last_output; }

 private:
  int m_retries;
  std::chrono::nanoseconds m_start_period;
  Clock::time_point m_start_time;
  HealthStatus m_status = HealthStatus::starting;
  int m_failing_streak = 0;
  std::string m_last_output;
};

}  // namespace berth::health
