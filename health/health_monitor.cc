#include "health/health_monitor.h"

#include <utility>
#include <vector>

namespace berth::health {

namespace {

using Clock = std::chrono::steady_clock;

constexpr auto k_poll_interval = std::chrono::milliseconds(250);
constexpr int k_inspection_attempts = 5;

int64_t wall_clock_nano() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// The address a probe reaches the container at: its first network's IPv4;
// the host's loopback for a container on the host's network.
std::string address_of(const engine::ContainerDetails& details) {
  if (details.networks.count("host")) {
    return "127.0.0.1";
  }
  for (const auto& [name, attachment] : details.networks) {
    if (!attachment.ip_address.empty()) {
      return attachment.ip_address;
    }
  }
  return "";
}

engine::Error failure(const std::string& message) {
  return {engine::ErrorCode::conflict, 0, message};
}

std::string seconds_text(Clock::duration duration) {
  const auto tenths = std::chrono::duration_cast<std::chrono::milliseconds>(duration).count() / 100;
  return std::to_string(tenths / 10) + (tenths % 10 ? "." + std::to_string(tenths % 10) : "") + "s";
}

}  // namespace

HealthMonitor::HealthMonitor(engine::Engine& engine, MonitoredProject project)
    : m_engine(engine), m_project(std::move(project)) {}

HealthMonitor::~HealthMonitor() {
  m_subscription.reset();  // no event callback after this
  std::map<std::string, Watched> watched;
  {
    std::lock_guard lock(m_mutex);
    watched.swap(m_watched);
  }
  // Probe threads stop here, outside the lock their reports take.
}

void HealthMonitor::set_listener(Listener listener) { m_listener = std::move(listener); }

engine::Status HealthMonitor::start() {
  engine::EventFilter filter;
  filter.labels = m_project.container_filter;
  filter.types = {"container"};
  auto subscription = m_engine.subscribe_events(
      filter, [this](const engine::Event& event) { on_event(event); },
      [this](const engine::Error& error) { on_stream_end(error); });
  if (!subscription) {
    return subscription.error();
  }
  std::lock_guard lock(m_mutex);
  m_subscription = std::move(subscription.value());
  m_streaming = true;
  return engine::Done{};
}

void HealthMonitor::on_stream_end(const engine::Error&) {
  {
    std::lock_guard lock(m_mutex);
    m_streaming = false;
  }
  m_changed.notify_all();  // waits fall back to polling
}

void HealthMonitor::on_event(const engine::Event& event) {
  if (event.type != "container") {
    return;
  }
  std::shared_ptr<ProbeRunner> restarted_probe;
  uint64_t run = 0;
  ContainerRecord record;
  {
    std::lock_guard lock(m_mutex);
    auto& watched = m_watched[event.id];
    if (!watched.service) {
      auto service = event.attributes.find(m_project.service_label);
      if (service != event.attributes.end()) {
        watched.service = m_project.find_service(service->second);
      }
    }
    // A start the last inspection already saw was handled by that inspection.
    const bool stale = event.time_nano != 0 && event.time_nano < watched.record.inspected_at_nano;
    apply_event(watched.record, event);
    ++watched.changes;
    if (event.action == "start" && watched.probe && !stale) {
      restarted_probe = watched.probe;
      run = ++watched.run;
    }
    record = watched.record;
  }
  m_changed.notify_all();
  notify(event.id, record);
  if (restarted_probe) {
    // A restarted container may have a new address; inspected off the lock.
    auto details = m_engine.inspect_container(event.id);
    restarted_probe->restart(details ? address_of(*details) : "", run);
  }
}

void HealthMonitor::on_probe(const std::string& id, const ProbeResult& result,
                             HealthStatus status, uint64_t run) {
  ContainerRecord record;
  bool changed = false;
  {
    std::lock_guard lock(m_mutex);
    auto& watched = m_watched[id];
    if (run != watched.run) {
      return;  // probed the container's previous run
    }
    const std::string health = to_string(status);
    changed = watched.record.health != health;
    watched.record.health = health;
    if (!result.ok) {
      watched.record.last_output = trimmed_output(result.output);
    }
    ++watched.changes;
    record = watched.record;
  }
  if (changed) {
    m_changed.notify_all();
    notify(id, record);
  }
}

void HealthMonitor::notify(const std::string& id, const ContainerRecord& record) {
  if (m_listener) {
    m_listener(id, record);
  }
}

void HealthMonitor::start_probe(const std::string& id, const engine::ContainerDetails& details) {
  // Called with m_mutex held; the runner's first report waits for it.
  auto& watched = m_watched[id];
  if (watched.probe || !watched.service || !watched.service->probe) {
    return;
  }
  watched.record.probed = true;
  if (watched.record.health.empty() || watched.record.health == "healthy") {
    watched.record.health = "starting";
  }
  watched.probe = std::make_shared<ProbeRunner>(
      *watched.service->probe, address_of(details),
      [this, id](const ProbeResult& result, HealthStatus status, uint64_t run) {
        on_probe(id, result, status, run);
      });
}

engine::Status HealthMonitor::refresh(const std::string& id) {
  for (int attempt = 1;; ++attempt) {
    uint64_t changes = 0;
    {
      std::lock_guard lock(m_mutex);
      auto found = m_watched.find(id);
      changes = found == m_watched.end() ? 0 : found->second.changes;
    }
    const int64_t requested = wall_clock_nano();
    auto details = m_engine.inspect_container(id);
    std::lock_guard lock(m_mutex);
    if (!details) {
      if (details.error().code == engine::ErrorCode::not_found) {
        m_watched[id].record.removed = true;
        return engine::Done{};
      }
      return details.error();
    }
    auto& watched = m_watched[id];
    // An event that came while inspecting may be newer than the answer: ask again.
    if (watched.changes != changes && attempt < k_inspection_attempts) {
      continue;
    }
    if (!watched.service) {
      auto service = details->labels.find(m_project.service_label);
      if (service != details->labels.end()) {
        watched.service = m_project.find_service(service->second);
      }
    }
    watched.record.probed = watched.service && watched.service->probe;
    const bool new_run = apply_inspection(watched.record, *details, requested);
    if (new_run && watched.probe) {
      // Restarted before its start event came: the probe begins afresh now.
      // restart() only takes the runner's own lock briefly, never waits on ours.
      watched.probe->restart(address_of(*details), ++watched.run);
    }
    if (watched.record.running) {
      start_probe(id, *details);
    }
    return engine::Done{};
  }
}

engine::Status HealthMonitor::await(const std::string& id, Goal goal, Clock::time_point deadline) {
  const auto began = Clock::now();
  if (auto refreshed = refresh(id); !refreshed) {
    return refreshed;
  }
  bool confirmed = false;  // a failure seen through an event is checked by inspection once
  std::unique_lock lock(m_mutex);
  while (true) {
    if (m_cancelled) {
      return failure("stopped waiting");
    }
    const auto& watched = m_watched[id];
    const Evaluation evaluation = evaluate(watched.record, goal);
    if (evaluation.verdict == Verdict::reached) {
      return engine::Done{};
    }
    if (evaluation.verdict == Verdict::failed) {
      if (confirmed || watched.record.probed) {
        return failure(evaluation.reason);
      }
      confirmed = true;
      lock.unlock();
      refresh(id);
      lock.lock();
      continue;
    }
    if (Clock::now() >= deadline) {
      // The latest check's output is in the engine's log, not in events.
      lock.unlock();
      refresh(id);
      lock.lock();
      const std::string output = m_watched[id].record.last_output;
      return engine::Error{engine::ErrorCode::timeout, 0,
                           "not " + to_string(goal) + " after " +
                               seconds_text(Clock::now() - began) +
                               (output.empty() ? "" : "; last check: " + output)};
    }
    if (m_streaming) {
      m_changed.wait_until(lock, deadline);  // cancel() and every change notify
    } else {
      m_changed.wait_for(lock, k_poll_interval);
      lock.unlock();
      auto refreshed = refresh(id);
      lock.lock();
      // The event stream ended because the engine went away: waiting on (up
      // to the check's bound, minutes) would only hide that.
      if (!refreshed && (refreshed.error().code == engine::ErrorCode::transport ||
                         refreshed.error().code == engine::ErrorCode::timeout)) {
        return refreshed;
      }
    }
  }
}

engine::Status HealthMonitor::hold(const std::string& id, Goal goal,
                                   std::chrono::nanoseconds duration) {
  const auto began = Clock::now();
  const auto until = began + std::chrono::duration_cast<Clock::duration>(duration);
  std::unique_lock lock(m_mutex);
  while (true) {
    if (m_cancelled) {
      return failure("stopped waiting");
    }
    const Evaluation evaluation = evaluate(m_watched[id].record, goal);
    if (evaluation.verdict != Verdict::reached) {
      return failure((evaluation.reason.empty() ? "stopped running" : evaluation.reason) +
                     " within " + seconds_text(Clock::now() - began));
    }
    if (Clock::now() >= until) {
      break;
    }
    if (m_streaming) {
      m_changed.wait_until(lock, until);
    } else {
      m_changed.wait_for(lock, k_poll_interval);
      lock.unlock();
      refresh(id);
      lock.lock();
    }
  }
  // The last word is an inspection's: a restart between two events is seen too.
  const std::string started_at = m_watched[id].record.started_at;
  lock.unlock();
  if (auto refreshed = refresh(id); !refreshed) {
    return refreshed;
  }
  lock.lock();
  const auto& record = m_watched[id].record;
  const Evaluation evaluation = evaluate(record, goal);
  if (evaluation.verdict != Verdict::reached) {
    return failure(evaluation.reason + " within " + seconds_text(Clock::now() - began));
  }
  if (!started_at.empty() && record.started_at != started_at) {
    return failure("restarted within " + seconds_text(Clock::now() - began));
  }
  return engine::Done{};
}

void HealthMonitor::watch(const std::string& id) { refresh(id); }

void HealthMonitor::cancel() {
  std::lock_guard lock(m_mutex);
  m_cancelled = true;
  m_changed.notify_all();
}

ContainerRecord HealthMonitor::record(const std::string& id) {
  {
    std::lock_guard lock(m_mutex);
    auto found = m_watched.find(id);
    if (found != m_watched.end() && found->second.record.known) {
      return found->second.record;
    }
  }
  refresh(id);
  std::lock_guard lock(m_mutex);
  return m_watched[id].record;
}

std::chrono::milliseconds health_wait_bound(const ServiceHealthSpec& service) {
  using std::chrono::nanoseconds;
  constexpr int64_t k_default_interval = 30'000'000'000;  // the engine's defaults
  constexpr int64_t k_default_timeout = 30'000'000'000;
  int64_t start_period = 0;
  int64_t interval = k_default_interval;
  int64_t timeout = k_default_timeout;
  int retries = 3;
  if (service.probe) {
    start_period = service.probe->start_period_ns;
    interval = service.probe->interval_ns;
    timeout = service.probe->timeout_ns;
    retries = service.probe->retries;
  } else if (service.healthcheck) {
    const auto& check = *service.healthcheck;
    start_period = check.start_period_ns.value_or(0);
    interval = check.interval_ns.value_or(0) > 0 ? *check.interval_ns : k_default_interval;
    timeout = check.timeout_ns.value_or(0) > 0 ? *check.timeout_ns : k_default_timeout;
    retries = check.retries.value_or(0) > 0 ? *check.retries : 3;
  }
  const nanoseconds bound{start_period + (retries + 1) * (interval + timeout) + 10'000'000'000};
  return std::chrono::duration_cast<std::chrono::milliseconds>(bound);
}

}  // namespace berth::health
