#pragma once
// ProbeRunner: runs one container's berth-side probe (x-berth-health) on its
// own thread, first right away and then every interval, and reports each
// result with the health status it leads to. The owner restarts it when the
// container restarts (a new run, maybe a new address).

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "health/health_spec.h"
#include "health/probe.h"
#include "health/probe_tracker.h"

namespace berth::health {

class ProbeRunner {
 public:
  // `run` is the container run the probe belonged to (see restart()); a report
  // can arrive just after a restart, so the owner drops those of older runs.
  using Report =
      std::function<void(const ProbeResult& result, HealthStatus status, uint64_t run)>;

  ProbeRunner(const HttpTcpProbeSpec& spec, std::string address, Report report);
  ~ProbeRunner();  // stops the thread; no report runs after it returns
  ProbeRunner(const ProbeRunner&) = delete;
  ProbeRunner& operator=(const ProbeRunner&) = delete;

  // The container started again, as its owner's run number `run` (the first
  // is 0): probe `address` from a fresh start period. A restart for an older
  // run than the current one is ignored, so two racing restarts settle.
  void restart(std::string address, uint64_t run);

 private:
  void loop();

  HttpTcpProbeSpec m_spec;
  Report m_report;
  std::mutex m_mutex;
  std::condition_variable m_wake;
  std::string m_address;
  ProbeTracker m_tracker;
  uint64_t m_run = 0;
  bool m_restarted = false;
  bool m_stopping = false;
  std::thread m_thread;
};

}  // namespace berth::health
