#pragma once
// Supervisor: keeps a running project healthy. It follows the project's
// containers through a HealthMonitor; for one that turns unhealthy it asks,
// after a backoff (1 s, 2 s, 4 s ... at most 60 s; back to 1 s once it has
// stayed healthy for 60 s), for a restart of it and then of the services that
// declared `depends_on: {SVC: {restart: true}}` on it, directly or through
// each other, in dependency order. It only decides: the request goes up to
// its owner (scheduler/supervision.h), which plans and carries it out.
// Containers with an engine restart policy are the engine's to restart: they
// are only reported.

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "engine/engine.h"
#include "health/health_monitor.h"
#include "health/health_spec.h"

namespace berth::health {

struct SupervisorOptions {
  std::vector<std::string> start_order;  // the project's services, dependencies first
  std::chrono::milliseconds first_backoff = std::chrono::seconds(1);
  std::chrono::milliseconds max_backoff = std::chrono::seconds(60);
  std::chrono::milliseconds healthy_reset = std::chrono::seconds(60);  // resets the backoff
  int stop_timeout = 10;  // seconds a restart gives a container to stop
};

// A service to restart after another, and the dependency it follows.
struct RestartFollower {
  std::string service;
  std::string because_of;  // the restarted dependency it declared restart: true on
};

// The services to restart after `service` restarts: those that depend on it
// with restart: true, then those that depend so on them, in `start_order`.
std::vector<RestartFollower> restart_followers(const MonitoredProject& project,
                                               const std::string& service,
                                               const std::vector<std::string>& start_order);

// What supervision decided to restart: the unhealthy container, then its
// followers' containers once it is healthy again.
struct HealRequest {
  std::string container_id;
  std::string name;     // the container's
  std::string service;  // its service label; "" when it has none
  std::string why;      // "unhealthy (the check's last output)"
  std::vector<RestartFollower> followers;  // in start order
};

// The next backoff after `current` (0: none yet): first, then doubled, capped.
std::chrono::milliseconds next_backoff(std::chrono::milliseconds current,
                                       const SupervisorOptions& options);

class Supervisor {
 public:
  // One line per thing done or noticed, e.g. "p-db-1 is unhealthy: ...; restarting in 1s".
  using Log = std::function<void(const std::string& line)>;
  // Carries out a request on the supervisor's thread; the next heal waits
  // for it to return.
  using Heal = std::function<void(const HealRequest& request)>;

  Supervisor(engine::Engine& engine, MonitoredProject project, SupervisorOptions options,
             Log log, Heal heal);

  // Watches until stop(); an error only when the project cannot be watched.
  engine::Status run();
  void stop();  // from any thread, e.g. a signal handler's

  // True while the container of this name is being restarted by supervision
  // (until it is ready again), so an exit seen meanwhile is not an ending.
  bool restarting(const std::string& name);

  // Marks a container as being restarted for as long as it lives.
  class RestartMark;

  // What a heal waits with: the monitor already following the project.
  HealthMonitor& monitor() { return m_monitor; }

 private:
  struct Backoff {
    std::chrono::milliseconds delay{0};
    std::chrono::steady_clock::time_point healthy_since{};
    bool healthy = false;
  };

  void on_change(const std::string& id, const ContainerRecord& record);
  void adopt(const std::string& id);                // a container seen for the first time
  void heal(const std::string& id);                 // decide; then ask m_heal
  bool sleep_for(std::chrono::milliseconds delay);  // false when stopped meanwhile
  std::string name_of(const std::string& id);
  std::string service_of(const std::string& id);

  engine::Engine& m_engine;
  const MonitoredProject m_project;
  SupervisorOptions m_options;
  Log m_log;
  Heal m_heal;
  std::mutex m_mutex;
  std::condition_variable m_wake;
  bool m_stopping = false;
  std::deque<std::string> m_unhealthy;          // containers to heal, in the order they fell
  std::deque<std::string> m_new;                // containers to adopt
  std::map<std::string, Backoff> m_backoff;     // by container ID
  std::map<std::string, std::string> m_health;  // last health seen, by container ID
  std::map<std::string, engine::ContainerDetails> m_details;  // adopted containers
  std::set<std::string> m_restarting;  // names of containers being restarted
  // Last, so it is destroyed first: its threads call back into the members above.
  HealthMonitor m_monitor;
};

class Supervisor::RestartMark {
 public:
  RestartMark(Supervisor& supervisor, std::string name)
      : m_supervisor(supervisor), m_name(std::move(name)) {
    std::lock_guard lock(m_supervisor.m_mutex);
    m_supervisor.m_restarting.insert(m_name);
  }
  ~RestartMark() {
    std::lock_guard lock(m_supervisor.m_mutex);
    m_supervisor.m_restarting.erase(m_name);
  }
  RestartMark(const RestartMark&) = delete;
  RestartMark& operator=(const RestartMark&) = delete;

 private:
  Supervisor& m_supervisor;
  std::string m_name;
};

}  // namespace berth::health
