// The FakeEngine's containers: their life cycle and the events it causes.
// Their reads are in fake_engine_reads.cc; networks, volumes and the test's
// controls in fake_engine_objects.cc; images and swarm in
// fake_engine_images.cc; exec and streams in fake_engine_exec.cc.

#include "tests/fake/fake_engine.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <ctime>
#include <utility>

#include "tests/fake/fake_events.h"

namespace berth::testing {

namespace {

engine::Error error(engine::ErrorCode code, int http_status, const std::string& message) {
  return engine::Error{code, http_status, message};
}

int64_t now_nano() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// As the engine writes times: "2026-12-03T15:03:09.123456789Z".
std::string rfc3339(int64_t nanos) {
  const std::time_t seconds = static_cast<std::time_t>(nanos / 1'000'000'000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char date[32];
  std::strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%S", &utc);
  char fraction[16];
  std::snprintf(fraction, sizeof fraction, ".%09lldZ",
                static_cast<long long>(nanos % 1'000'000'000));
  return std::string(date) + fraction;
}

bool is_up(const std::string& state) { return state == "running" || state == "paused"; }

// The exit code of a process ended by `signal` (the shell's 128 + number).
int exit_code_for(const std::string& signal) {
  static const std::map<std::string, int> k_numbers = {
      {"HUP", 1}, {"INT", 2}, {"QUIT", 3}, {"KILL", 9}, {"USR1", 10}, {"USR2", 12}, {"TERM", 15}};
  std::string name = signal.rfind("SIG", 0) == 0 ? signal.substr(3) : signal;
  auto found = k_numbers.find(name);
  if (found != k_numbers.end()) {
    return 128 + found->second;
  }
  if (!name.empty() && std::all_of(name.begin(), name.end(), ::isdigit)) {
    return 128 + std::stoi(name);
  }
  return 137;
}

}  // namespace

engine::Error FakeEngine::no_such_container(const std::string& id) {
  return error(engine::ErrorCode::not_found, 404, "No such container: " + id);
}

const FakeContainer* FakeEngine::find_container(const std::string& id_or_name) const {
  auto exact = m_containers.find(id_or_name);
  if (exact != m_containers.end()) {
    return &exact->second;
  }
  for (const auto& [id, container] : m_containers) {
    if (container.name == id_or_name) {
      return &container;
    }
  }
  const FakeContainer* by_prefix = nullptr;
  for (const auto& [id, container] : m_containers) {
    if (!id_or_name.empty() && id.rfind(id_or_name, 0) == 0) {
      if (by_prefix) {
        return nullptr;  // ambiguous
      }
      by_prefix = &container;
    }
  }
  return by_prefix;
}

FakeContainer* FakeEngine::find_container(const std::string& id_or_name) {
  return const_cast<FakeContainer*>(std::as_const(*this).find_container(id_or_name));
}

std::string FakeEngine::shown(const std::string& id_or_name) const {
  const auto* container = find_container(id_or_name);
  std::string name = container ? container->name : id_or_name;
  // "<12 hex of an ID>_<name>": a replacement under its temporary name.
  if (name.size() > 13 && name[12] == '_' &&
      std::all_of(name.begin(), name.begin() + 12, [](char c) { return std::isxdigit(c); })) {
    return "tmp_" + name.substr(13);
  }
  return name;
}

void FakeEngine::emit(const FakeContainer& container, const std::string& action,
                      std::map<std::string, std::string> extra) {
  engine::Event event;
  event.type = "container";
  event.action = action;
  event.id = container.id;
  event.attributes = container.spec.labels;
  event.attributes["name"] = container.name;
  event.attributes["image"] = container.spec.image;
  for (auto& [key, value] : extra) {
    event.attributes[key] = std::move(value);
  }
  event.time_nano = now_nano();
  m_events.push_back(event);
  m_hub->publish(event);
}

bool FakeEngine::has_health_check(const FakeContainer& container) {
  const auto& check = container.spec.healthcheck;
  if (check && !check->test.empty()) {
    return check->test.front() != "NONE";
  }
  const auto* image = find_image(container.spec.image);
  return image && !image->details.healthcheck_test.empty() &&
         image->details.healthcheck_test.front() != "NONE";
}

void FakeEngine::begin_run(FakeContainer& container) {
  container.state = "running";
  container.exit_code = 0;
  m_last_start_nano = std::max(now_nano(), m_last_start_nano + 1);
  container.started_at = rfc3339(m_last_start_nano);
  container.health = has_health_check(container) ? "starting" : "";
  container.failing_streak = 0;
  emit(container, "start");
  if (!container.health.empty() && m_health_on_start != "starting") {
    container.health = m_health_on_start;
    emit(container, "health_status: " + container.health);
  }
  auto exits = m_exit_on_start.find(container.name);
  if (exits != m_exit_on_start.end()) {
    end_run(container, exits->second);
  }
  m_state_changed.notify_all();
}

void FakeEngine::end_run(FakeContainer& container, int code) {
  container.state = "exited";
  container.exit_code = code;
  container.finished_at = rfc3339(std::max(now_nano(), m_last_start_nano + 1));
  emit(container, "die", {{"exitCode", std::to_string(code)}});
  m_state_changed.notify_all();
}

engine::Result<std::string> FakeEngine::create_container(const engine::ContainerCreate& spec) {
  std::lock_guard lock(m_mutex);
  if (auto failure = record(true, "create_container " + shown(spec.name))) {
    return *failure;
  }
  return make_container(spec);
}

engine::Result<std::string> FakeEngine::make_container(const engine::ContainerCreate& spec) {
  if (const auto* taken = find_container(spec.name); taken && taken->name == spec.name) {
    return error(engine::ErrorCode::conflict, 409,
                 "Conflict. The container name \"/" + spec.name +
                     "\" is already in use by container \"" + taken->id +
                     "\". You have to remove (or rename) that container to be able to reuse "
                     "that name.");
  }
  if (!find_image(spec.image)) {
    return error(engine::ErrorCode::not_found, 404, "No such image: " + spec.image);
  }
  FakeContainer container;
  container.id = next_id();
  container.name = spec.name.empty() ? "fake_" + container.id.substr(0, 8) : spec.name;
  container.spec = spec;
  container.sequence = ++m_counter;
  const std::string& mode = spec.network_mode;
  engine::Status attached = engine::Done{};
  if (mode.rfind("container:", 0) == 0) {
    // Shares another container's stack: no endpoint of its own.
  } else if (mode == "host" || mode == "none") {
    attached = attach(container, mode, {});
  } else if (!mode.empty()) {
    attached = attach(container, mode, spec.network.value_or(engine::EndpointConfig{}));
  } else if (spec.network) {
    attached = attach(container, spec.network->network, *spec.network);
  } else {
    attached = attach(container, "bridge", {});
  }
  if (!attached) {
    return attached.error();
  }
  use_volumes(container);
  const std::string id = container.id;
  auto& stored = m_containers[id] = std::move(container);
  emit(stored, "create");
  return id;
}

engine::Status FakeEngine::start_container(const std::string& id) {
  std::lock_guard lock(m_mutex);
  if (auto failure = record(true, "start_container " + shown(id))) {
    return *failure;
  }
  auto* container = find_container(id);
  if (!container) {
    return no_such_container(id);
  }
  if (container->state == "running") {
    return engine::Done{};  // 304: already started
  }
  if (container->state == "paused") {
    return error(engine::ErrorCode::conflict, 409,
                 "cannot start a paused container, try unpause instead");
  }
  for (const auto& [name, attachment] : container->networks) {
    if (!m_networks.count(attachment.network_id)) {
      return error(engine::ErrorCode::not_found, 404, "network " + name + " not found");
    }
  }
  begin_run(*container);
  return engine::Done{};
}

engine::Status FakeEngine::stop_container(const std::string& id, int timeout_seconds) {
  std::lock_guard lock(m_mutex);
  if (auto failure =
          record(true, "stop_container " + shown(id) + " " + std::to_string(timeout_seconds))) {
    return *failure;
  }
  auto* container = find_container(id);
  if (!container) {
    return no_such_container(id);
  }
  if (!is_up(container->state)) {
    return engine::Done{};  // 304: already stopped
  }
  emit(*container, "kill", {{"signal", "15"}});
  auto code = m_stop_exit_code.find(container->name);
  end_run(*container, code == m_stop_exit_code.end() ? 0 : code->second);
  emit(*container, "stop");
  return engine::Done{};
}

engine::Status FakeEngine::kill_container(const std::string& id, const std::string& signal) {
  std::lock_guard lock(m_mutex);
  if (auto failure = record(true, "kill_container " + shown(id) + " " + signal)) {
    return *failure;
  }
  auto* container = find_container(id);
  if (!container) {
    return no_such_container(id);
  }
  if (!is_up(container->state)) {
    return error(engine::ErrorCode::conflict, 409,
                 "Cannot kill container: " + id + ": Container " + container->id +
                     " is not running");
  }
  emit(*container, "kill", {{"signal", signal}});
  end_run(*container, exit_code_for(signal));
  return engine::Done{};
}

engine::Status FakeEngine::remove_container(const std::string& id, bool force,
                                            bool remove_volumes) {
  std::lock_guard lock(m_mutex);
  if (auto failure = record(true, "remove_container " + shown(id) + (force ? " force" : "") +
                                      (remove_volumes ? " volumes" : ""))) {
    return *failure;
  }
  auto* container = find_container(id);
  if (!container) {
    return no_such_container(id);
  }
  if (is_up(container->state)) {
    if (!force) {
      return error(engine::ErrorCode::conflict, 409,
                   "You cannot remove a running container " + container->id +
                       ". Stop the container before attempting removal or force remove");
    }
    emit(*container, "kill", {{"signal", "9"}});
    end_run(*container, 137);
  }
  if (remove_volumes) {
    for (const auto& volume : container->anonymous_volumes) {
      m_volumes.erase(volume);
    }
  }
  emit(*container, "destroy");
  m_removed_ids.push_back(container->id);
  m_containers.erase(container->id);
  m_state_changed.notify_all();
  return engine::Done{};
}

engine::Status FakeEngine::rename_container(const std::string& id, const std::string& new_name) {
  std::lock_guard lock(m_mutex);
  if (auto failure = record(true, "rename_container " + shown(id) + " " + shown(new_name))) {
    return *failure;
  }
  auto* container = find_container(id);
  if (!container) {
    return no_such_container(id);
  }
  for (const auto& [other_id, other] : m_containers) {
    if (other.name == new_name && other_id != container->id) {
      return error(engine::ErrorCode::conflict, 409,
                   "Error when allocating new name: Conflict. The container name \"/" + new_name +
                       "\" is already in use by container \"" + other_id +
                       "\". You have to remove (or rename) that container to be able to reuse "
                       "that name.");
    }
  }
  const std::string old_name = container->name;
  container->name = new_name;
  emit(*container, "rename", {{"oldName", "/" + old_name}});
  return engine::Done{};
}

engine::Status FakeEngine::pause_container(const std::string& id) {
  std::lock_guard lock(m_mutex);
  if (auto failure = record(true, "pause_container " + shown(id))) {
    return *failure;
  }
  auto* container = find_container(id);
  if (!container) {
    return no_such_container(id);
  }
  if (container->state != "running") {
    return error(engine::ErrorCode::conflict, 409,
                 "Container " + container->id + " is not running");
  }
  container->state = "paused";
  emit(*container, "pause");
  return engine::Done{};
}

engine::Status FakeEngine::unpause_container(const std::string& id) {
  std::lock_guard lock(m_mutex);
  if (auto failure = record(true, "unpause_container " + shown(id))) {
    return *failure;
  }
  auto* container = find_container(id);
  if (!container) {
    return no_such_container(id);
  }
  if (container->state != "paused") {
    return error(engine::ErrorCode::conflict, 409,
                 "Container " + container->id + " is not paused");
  }
  container->state = "running";
  emit(*container, "unpause");
  return engine::Done{};
}

engine::Status FakeEngine::restart_container(const std::string& id, int timeout_seconds) {
  std::lock_guard lock(m_mutex);
  if (auto failure =
          record(true, "restart_container " + shown(id) + " " + std::to_string(timeout_seconds))) {
    return *failure;
  }
  auto* container = find_container(id);
  if (!container) {
    return no_such_container(id);
  }
  if (is_up(container->state)) {
    emit(*container, "kill", {{"signal", "15"}});
    auto code = m_stop_exit_code.find(container->name);
    end_run(*container, code == m_stop_exit_code.end() ? 0 : code->second);
    emit(*container, "stop");
  }
  begin_run(*container);
  emit(*container, "restart");
  return engine::Done{};
}

}  // namespace berth::testing
