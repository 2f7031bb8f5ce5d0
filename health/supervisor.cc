#include "health/supervisor.h"

#include <algorithm>
#include <set>
#include <utility>

namespace berth::health {

namespace {

using Clock = std::chrono::steady_clock;


bool has_restart_policy(const engine::ContainerDetails& details) {
  return !details.restart_policy.empty() && details.restart_policy != "no";
}

std::string seconds_text(std::chrono::milliseconds delay) {
  const auto ms = delay.count();
  return ms % 1000 ? std::to_string(ms) + "ms" : std::to_string(ms / 1000) + "s";
}

}  // namespace

std::vector<RestartFollower> restart_followers(const MonitoredProject& project,
                                               const std::string& service,
                                               const std::vector<std::string>& start_order) {
  std::set<std::string> restarted{service};
  std::vector<RestartFollower> followers;
  // Dependencies come first in start_order, so one pass finds chains too.
  for (const auto& name : start_order) {
    const auto* candidate = project.find_service(name);
    if (!candidate || restarted.count(name)) {
      continue;
    }
    for (const auto& dependency : candidate->restarts_after) {
      if (restarted.count(dependency)) {
        restarted.insert(name);
        followers.push_back({name, dependency});
        break;
      }
    }
  }
  return followers;
}

std::chrono::milliseconds next_backoff(std::chrono::milliseconds current,
                                       const SupervisorOptions& options) {
  if (current.count() <= 0) {
    return options.first_backoff;
  }
  return std::min(current * 2, options.max_backoff);
}

Supervisor::Supervisor(engine::Engine& engine, MonitoredProject project,
                       SupervisorOptions options, Log log, Heal heal)
    : m_engine(engine),
      m_project(std::move(project)),
      m_options(std::move(options)),
      m_log(std::move(log)),
      m_heal(std::move(heal)),
      m_monitor(engine, m_project) {}

void Supervisor::stop() {
  m_monitor.cancel();  // a heal waiting for health ends now
  // Notified under the lock: once run() sees m_stopping, this call touches
  // nothing of the supervisor any more.
  std::lock_guard lock(m_mutex);
  m_stopping = true;
  m_wake.notify_all();
}

bool Supervisor::restarting(const std::string& name) {
  std::lock_guard lock(m_mutex);
  return m_restarting.count(name) > 0;
}

bool Supervisor::sleep_for(std::chrono::milliseconds delay) {
  std::unique_lock lock(m_mutex);
  return !m_wake.wait_for(lock, delay, [this] { return m_stopping; });
}

void Supervisor::on_change(const std::string& id, const ContainerRecord& record) {
  {
    std::lock_guard lock(m_mutex);
    if (!m_details.count(id) && std::find(m_new.begin(), m_new.end(), id) == m_new.end()) {
      m_new.push_back(id);
    }
    std::string& last = m_health[id];
    auto& backoff = m_backoff[id];
    if (record.health == "unhealthy" && last != "unhealthy") {
      backoff.healthy = false;
      if (std::find(m_unhealthy.begin(), m_unhealthy.end(), id) == m_unhealthy.end()) {
        m_unhealthy.push_back(id);
      }
    } else if (record.health == "healthy" && last != "healthy") {
      backoff.healthy = true;
      backoff.healthy_since = Clock::now();
    }
    last = record.health;
  }
  m_wake.notify_all();
}

std::string Supervisor::name_of(const std::string& id) {
  std::lock_guard lock(m_mutex);
  auto found = m_details.find(id);
  return found == m_details.end() ? id.substr(0, 12) : found->second.name;
}

std::string Supervisor::service_of(const std::string& id) {
  std::lock_guard lock(m_mutex);
  auto found = m_details.find(id);
  if (found == m_details.end()) {
    return "";
  }
  auto label = found->second.labels.find(m_project.service_label);
  return label == found->second.labels.end() ? "" : label->second;
}

void Supervisor::adopt(const std::string& id) {
  auto details = m_engine.inspect_container(id);
  if (!details) {
    return;  // gone already
  }
  {
    std::lock_guard lock(m_mutex);
    m_details[id] = *details;
  }
  m_monitor.watch(id);
  if (has_restart_policy(*details)) {
    m_log(details->name + ": restart policy \"" + details->restart_policy +
          "\" is the engine's; berth only reports its health");
  }
}

void Supervisor::heal(const std::string& id) {
  const std::string name = name_of(id);
  m_monitor.watch(id);  // the event said unhealthy; the engine's log says why
  const ContainerRecord record = m_monitor.record(id);
  const std::string why =
      "unhealthy" + (record.last_output.empty() ? "" : " (" + record.last_output + ")");
  engine::ContainerDetails details;
  {
    std::lock_guard lock(m_mutex);
    details = m_details[id];
  }
  if (has_restart_policy(details)) {
    m_log(name + " is " + why + "; left to its restart policy \"" + details.restart_policy + "\"");
    return;
  }
  std::chrono::milliseconds delay;
  {
    std::lock_guard lock(m_mutex);
    auto& backoff = m_backoff[id];
    if (backoff.healthy_since != Clock::time_point{} &&
        Clock::now() - backoff.healthy_since >= m_options.healthy_reset) {
      backoff.delay = std::chrono::milliseconds(0);  // it stayed healthy long enough
    }
    backoff.delay = next_backoff(backoff.delay, m_options);
    delay = backoff.delay;
  }
  m_log(name + " is " + why + "; restarting in " + seconds_text(delay));
  if (!sleep_for(delay)) {
    return;
  }
  if (m_monitor.record(id).health == "healthy") {
    m_log(name + " recovered by itself; not restarted");
    return;
  }
  HealRequest request{id, name, service_of(id), why, {}};
  if (m_project.find_service(request.service)) {
    request.followers = restart_followers(m_project, request.service, m_options.start_order);
  }
  m_heal(request);
}

engine::Status Supervisor::run() {
  m_monitor.set_listener(
      [this](const std::string& id, const ContainerRecord& record) { on_change(id, record); });
  if (auto started = m_monitor.start(); !started) {
    return started;
  }
  auto containers = m_engine.list_containers(m_project.service_container_filter, false);
  if (!containers) {
    return containers.error();
  }
  for (const auto& container : *containers) {
    adopt(container.id);
  }
  const size_t count = containers->size();
  m_log("supervising " + std::to_string(count) + (count == 1 ? " container" : " containers") +
        " of project \"" + m_project.name + "\"");
  std::unique_lock lock(m_mutex);
  while (true) {
    m_wake.wait(lock, [this] { return m_stopping || !m_new.empty() || !m_unhealthy.empty(); });
    if (m_stopping) {
      return engine::Done{};
    }
    if (!m_new.empty()) {
      const std::string id = m_new.front();
      m_new.pop_front();
      if (m_details.count(id)) {
        continue;
      }
      lock.unlock();
      adopt(id);
      lock.lock();
      continue;
    }
    const std::string id = m_unhealthy.front();
    m_unhealthy.pop_front();
    const bool known = m_details.count(id) > 0;
    lock.unlock();
    if (!known) {
      adopt(id);
    }
    heal(id);
    lock.lock();
  }
}

}  // namespace berth::health
