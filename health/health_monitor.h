#pragma once
// HealthMonitor: follows one project's containers through the engine's
// /events stream (start, die, destroy, health_status) and berth's own probes,
// and lets callers wait for a container to reach a goal. Event-driven: a wait
// inspects once, then sleeps until an event changes the container. Only when
// the stream is down does it fall back to inspecting every 250 ms.

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "engine/engine.h"
#include "health/container_record.h"
#include "health/health_spec.h"
#include "health/probe_runner.h"

namespace berth::health {

class HealthMonitor {
 public:
  // Told of every change to a container of the project, after it is applied;
  // runs on the event or probe thread and must not wait on the monitor.
  using Listener = std::function<void(const std::string& id, const ContainerRecord& record)>;

  HealthMonitor(engine::Engine& engine, MonitoredProject project);
  ~HealthMonitor();
  HealthMonitor(const HealthMonitor&) = delete;
  HealthMonitor& operator=(const HealthMonitor&) = delete;

  void set_listener(Listener listener);  // before start()

  // Subscribes to the project's container events. Call before the changes to
  // wait for, so none is missed. A failure is not fatal: waits then poll.
  engine::Status start();

  // Blocks until container `id` reaches `goal` (ok), cannot any more (an
  // error saying why, e.g. "exited with code 1"), or `deadline` passes.
  // Starts the container's berth-side probe first when its service has one.
  engine::Status await(const std::string& id, Goal goal,
                       std::chrono::steady_clock::time_point deadline);

  // After await() reached `goal`: blocks until `duration` has passed with the
  // container still there (ok), or it no longer is (an error saying why, e.g.
  // "exited with code 1 within 5s"). For a replacement without a health check.
  engine::Status hold(const std::string& id, Goal goal, std::chrono::nanoseconds duration);

  // Starts berth-side probing of a project container whose service declares
  // x-berth-health, if not yet probed; for supervision of running projects.
  void watch(const std::string& id);

  // The record as known now (inspecting when it is not known yet).
  ContainerRecord record(const std::string& id);

  // Ends every wait, now and later, with an error; for shutting down.
  void cancel();

 private:
  struct Watched {
    ContainerRecord record;
    uint64_t changes = 0;  // bumped by every event, so an inspection knows it raced one
    const ServiceHealthSpec* service = nullptr;  // in m_project
    std::shared_ptr<ProbeRunner> probe;
    uint64_t run = 0;  // bumped by each new run; the probe's reports of older runs are dropped
  };

  void on_event(const engine::Event& event);
  void on_stream_end(const engine::Error& error);
  void on_probe(const std::string& id, const ProbeResult& result, HealthStatus status,
                uint64_t run);
  // Inspects `id` and merges the result unless an event came meanwhile.
  engine::Status refresh(const std::string& id);
  void start_probe(const std::string& id, const engine::ContainerDetails& details);
  void notify(const std::string& id, const ContainerRecord& record);

  engine::Engine& m_engine;
  const MonitoredProject m_project;
  Listener m_listener;
  std::unique_ptr<engine::EventSubscription> m_subscription;
  std::mutex m_mutex;
  std::condition_variable m_changed;
  bool m_streaming = false;
  bool m_cancelled = false;
  std::map<std::string, Watched> m_watched;  // by full container ID
};

// The longest a wait for a service's container to become healthy may last,
// from its health check's own limits: start_period + (retries + 1) *
// (interval + timeout), the engine's defaults where unset, plus 10 s.
std::chrono::milliseconds health_wait_bound(const ServiceHealthSpec& service);

}  // namespace berth::health
