// The FakeEngine beside its containers: setup and observation for tests, the
// transcript, networks and volumes. Images and swarm are in
// fake_engine_images.cc, exec and streams in fake_engine_exec.cc.

#include <algorithm>
#include <set>

#include "tests/fake/fake_engine.h"
#include "tests/fake/fake_events.h"

namespace berth::testing {

namespace {

engine::Error error(engine::ErrorCode code, int http_status, const std::string& message) {
  return engine::Error{code, http_status, message};
}

// SplitMix64: IDs that look like dockerd's (64 hex digits) and differ early,
// so 12-character prefixes are unique.
uint64_t mixed(uint64_t value) {
  value += 0x9e3779b97f4a7c15ULL;
  value = (value ^ (value >> 30)) * 0xbf58476d1ce4e5b9ULL;
  value = (value ^ (value >> 27)) * 0x94d049bb133111ebULL;
  return value ^ (value >> 31);
}

}  // namespace

FakeEngine::FakeEngine() : m_hub(std::make_shared<EventHub>()) {
  for (const char* name : {"bridge", "host", "none"}) {
    Network network;
    network.id = next_id();
    network.spec.name = name;
    network.spec.driver = std::string(name) == "none" ? "null" : name;
    network.predefined = true;
    m_networks[network.id] = network;
  }
}

FakeEngine::~FakeEngine() = default;

std::string FakeEngine::next_id() {
  const uint64_t n = ++m_counter;
  char text[65];
  for (int part = 0; part < 4; ++part) {
    std::snprintf(text + part * 16, 17, "%016llx",
                  static_cast<unsigned long long>(mixed(n * 4 + static_cast<uint64_t>(part))));
  }
  return std::string(text, 64);
}

std::optional<engine::Error> FakeEngine::record(bool change, const std::string& line) {
  m_transcript.push_back(line);
  if (change) {
    m_changes.push_back(line);
  }
  for (auto& failure : m_failures) {
    if (failure.times > 0 && line.rfind(failure.prefix, 0) == 0) {
      --failure.times;
      return failure.error;
    }
  }
  return std::nullopt;
}

// Setup.

void FakeEngine::add_image(const std::string& reference, const std::string& id,
                           std::vector<std::string> env, std::vector<std::string> healthcheck) {
  std::lock_guard lock(m_mutex);
  Image image;
  image.references = {reference};
  image.details.id = id;
  image.details.repo_tags = {reference};
  image.details.env = std::move(env);
  image.details.healthcheck_test = std::move(healthcheck);
  m_images.push_back(std::move(image));
}

std::string FakeEngine::add_container(engine::ContainerCreate spec, bool running) {
  std::lock_guard lock(m_mutex);
  auto made = make_container(spec);
  if (!made) {
    return "";
  }
  if (running) {
    begin_run(m_containers.at(*made));
  }
  return *made;
}

void FakeEngine::add_network(engine::NetworkCreate spec) {
  std::lock_guard lock(m_mutex);
  Network network;
  network.id = next_id();
  network.spec = std::move(spec);
  m_networks[network.id] = std::move(network);
}

void FakeEngine::add_volume(engine::VolumeCreate spec) {
  std::lock_guard lock(m_mutex);
  const std::string name = spec.name;
  m_volumes[name] = Volume{std::move(spec)};
}

void FakeEngine::set_health_on_start(const std::string& status) {
  std::lock_guard lock(m_mutex);
  m_health_on_start = status;
}

void FakeEngine::set_health(const std::string& name, const std::string& status,
                            const std::string& output) {
  std::lock_guard lock(m_mutex);
  auto* container = find_container(name);
  if (!container) {
    return;
  }
  const bool failing = status == "unhealthy";
  container->failing_streak = failing ? container->failing_streak + 1 : 0;
  container->health_log.push_back({container->started_at, container->started_at, failing ? 1 : 0,
                                   output.empty() ? (failing ? "check failed" : "ok") : output});
  if (container->health_log.size() > 5) {
    container->health_log.erase(container->health_log.begin());
  }
  container->health = status;
  emit(*container, "health_status: " + status);
}

void FakeEngine::exit_container(const std::string& name, int exit_code) {
  std::lock_guard lock(m_mutex);
  auto* container = find_container(name);
  if (container && container->state == "running") {
    end_run(*container, exit_code);
  }
}

void FakeEngine::exit_on_start(const std::string& name, int exit_code) {
  std::lock_guard lock(m_mutex);
  m_exit_on_start[name] = exit_code;
}

void FakeEngine::set_stop_exit_code(const std::string& name, int exit_code) {
  std::lock_guard lock(m_mutex);
  m_stop_exit_code[name] = exit_code;
}

void FakeEngine::set_exec_exit_code(int exit_code) {
  std::lock_guard lock(m_mutex);
  m_exec_exit_code = exit_code;
}

void FakeEngine::allow_registry(bool allowed) {
  std::lock_guard lock(m_mutex);
  m_registry = allowed;
}

void FakeEngine::fail_call(const std::string& line_prefix, engine::Error failure, int times) {
  std::lock_guard lock(m_mutex);
  m_failures.push_back({line_prefix, std::move(failure), times});
}

void FakeEngine::end_event_streams(const engine::Error& failure) { m_hub->end_all(failure); }

// Observation.

std::vector<std::string> FakeEngine::transcript() const {
  std::lock_guard lock(m_mutex);
  return m_transcript;
}

std::vector<std::string> FakeEngine::changes() const {
  std::lock_guard lock(m_mutex);
  return m_changes;
}

void FakeEngine::clear_transcript() {
  std::lock_guard lock(m_mutex);
  m_transcript.clear();
  m_changes.clear();
}

std::optional<FakeContainer> FakeEngine::container(const std::string& id_or_name) const {
  std::lock_guard lock(m_mutex);
  const auto* found = find_container(id_or_name);
  return found ? std::optional<FakeContainer>(*found) : std::nullopt;
}

std::vector<FakeContainer> FakeEngine::containers() const {
  std::lock_guard lock(m_mutex);
  std::vector<FakeContainer> out;
  for (const auto& [id, container] : m_containers) {
    out.push_back(container);
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return out;
}

std::vector<std::string> FakeEngine::network_names() const {
  std::lock_guard lock(m_mutex);
  std::vector<std::string> out;
  for (const auto& [id, network] : m_networks) {
    out.push_back(network.spec.name);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> FakeEngine::volume_names() const {
  std::lock_guard lock(m_mutex);
  std::vector<std::string> out;
  for (const auto& [name, volume] : m_volumes) {
    out.push_back(name);
  }
  return out;
}

std::vector<engine::Event> FakeEngine::events() const {
  std::lock_guard lock(m_mutex);
  return m_events;
}

// The engine's identity.

engine::Status FakeEngine::ping() {
  std::lock_guard lock(m_mutex);
  if (auto failure = record(false, "ping")) {
    return *failure;
  }
  return engine::Done{};
}

engine::Result<engine::VersionInfo> FakeEngine::version() {
  std::lock_guard lock(m_mutex);
  if (auto failure = record(false, "version")) {
    return *failure;
  }
  engine::VersionInfo info;
  info.version = "20.10.24+fake";
  info.api_version = "1.41";
  info.min_api_version = "1.12";
  info.os = "linux";
  info.arch = "amd64";
  return info;
}

engine::Result<std::string> FakeEngine::engine_id() {
  std::lock_guard lock(m_mutex);
  if (auto failure = record(false, "engine_id")) {
    return *failure;
  }
  return std::string("fake-engine");
}

// Networks.

FakeEngine::Network* FakeEngine::find_network(const std::string& id_or_name) {
  auto exact = m_networks.find(id_or_name);
  if (exact != m_networks.end()) {
    return &exact->second;
  }
  for (auto& [id, network] : m_networks) {
    if (network.spec.name == id_or_name) {
      return &network;
    }
  }
  return nullptr;
}

engine::Status FakeEngine::attach(FakeContainer& container, const std::string& name,
                                  const engine::EndpointConfig& endpoint) {
  auto* network = find_network(name);
  if (!network) {
    return error(engine::ErrorCode::not_found, 404, "network " + name + " not found");
  }
  if (container.networks.count(network->spec.name)) {
    return error(engine::ErrorCode::server, 403,
                 "endpoint with name " + container.name + " already exists in network " +
                     network->spec.name);
  }
  engine::NetworkAttachment attachment;
  attachment.network_id = network->id;
  attachment.aliases = endpoint.aliases;
  if (!network->predefined || network->spec.name == "bridge") {
    attachment.ip_address = endpoint.ipv4_address.empty()
                                ? "172.30." + std::to_string(m_networks.size()) + "." +
                                      std::to_string(network->next_address++)
                                : endpoint.ipv4_address;
  }
  container.networks[network->spec.name] = attachment;
  return engine::Done{};
}

engine::Result<std::string> FakeEngine::create_network(const engine::NetworkCreate& spec) {
  std::lock_guard lock(m_mutex);
  if (auto failure = record(true, "create_network " + spec.name)) {
    return *failure;
  }
  if (find_network(spec.name)) {  // the client sends CheckDuplicate
    return error(engine::ErrorCode::conflict, 409,
                 "network with name " + spec.name + " already exists");
  }
  Network network;
  network.id = next_id();
  network.spec = spec;
  m_networks[network.id] = network;
  return network.id;
}

engine::Status FakeEngine::remove_network(const std::string& id_or_name) {
  std::lock_guard lock(m_mutex);
  auto* network = find_network(id_or_name);
  if (auto failure = record(true, "remove_network " + (network ? network->spec.name : id_or_name))) {
    return *failure;
  }
  if (!network) {
    return error(engine::ErrorCode::not_found, 404, "network " + id_or_name + " not found");
  }
  if (network->predefined) {
    return error(engine::ErrorCode::server, 403,
                 network->spec.name + " is a pre-defined network and cannot be removed");
  }
  // Stopped containers keep their configuration, not an endpoint.
  for (const auto& [id, container] : m_containers) {
    if ((container.state == "running" || container.state == "paused") &&
        container.networks.count(network->spec.name)) {
      return error(engine::ErrorCode::server, 403,
                   "error while removing network: network " + network->spec.name + " id " +
                       network->id + " has active endpoints");
    }
  }
  m_networks.erase(network->id);
  return engine::Done{};
}

engine::Result<std::vector<engine::NetworkSummary>> FakeEngine::list_networks(
    const engine::LabelFilter& labels) {
  std::lock_guard lock(m_mutex);
  if (auto failure = record(false, "list_networks")) {
    return *failure;
  }
  std::vector<engine::NetworkSummary> out;
  for (const auto& [id, network] : m_networks) {
    if (labels_match(labels, network.spec.labels)) {
      out.push_back({id, network.spec.name, network.spec.driver, network.spec.labels});
    }
  }
  return out;
}

engine::Status FakeEngine::connect_network(const std::string& network, const std::string& id,
                                           const engine::EndpointConfig& endpoint) {
  std::lock_guard lock(m_mutex);
  if (auto failure = record(true, "connect_network " + network + " " + shown(id))) {
    return *failure;
  }
  auto* container = find_container(id);
  if (!container) {
    return no_such_container(id);
  }
  return attach(*container, network, endpoint);
}

engine::Status FakeEngine::disconnect_network(const std::string& network, const std::string& id,
                                              bool force) {
  std::lock_guard lock(m_mutex);
  if (auto failure = record(true, "disconnect_network " + network + " " + shown(id) +
                                      (force ? " force" : ""))) {
    return *failure;
  }
  auto* container = find_container(id);
  const auto* found = find_network(network);
  if (!found) {
    return error(engine::ErrorCode::not_found, 404, "network " + network + " not found");
  }
  if (!container || !container->networks.erase(found->spec.name)) {
    return error(engine::ErrorCode::server, 403,
                 "container " + id + " is not connected to network " + network);
  }
  return engine::Done{};
}

// Volumes.

void FakeEngine::use_volumes(FakeContainer& container) {
  auto named = [this](const std::string& name) {
    if (!name.empty() && name[0] != '/' && !m_volumes.count(name)) {
      m_volumes[name] = Volume{{name, "local", {}, {}}};  // dockerd makes a named one on use
    }
  };
  for (const auto& bind : container.spec.binds) {
    named(bind.substr(0, bind.find(':')));
  }
  for (const auto& mount : container.spec.mounts) {
    if (mount.type == "volume") {
      named(mount.source);
    }
  }
  for (size_t i = 0; i < container.spec.anonymous_volumes.size(); ++i) {
    const std::string name = next_id();
    m_volumes[name] = Volume{{name, "local", {}, {}}};
    container.anonymous_volumes.push_back(name);
  }
}

engine::Status FakeEngine::create_volume(const engine::VolumeCreate& spec) {
  std::lock_guard lock(m_mutex);
  if (auto failure = record(true, "create_volume " + spec.name)) {
    return *failure;
  }
  if (!m_volumes.count(spec.name)) {  // an existing one is answered as created
    m_volumes[spec.name] = Volume{spec};
  }
  return engine::Done{};
}

engine::Status FakeEngine::remove_volume(const std::string& name) {
  std::lock_guard lock(m_mutex);
  if (auto failure = record(true, "remove_volume " + name)) {
    return *failure;
  }
  if (!m_volumes.count(name)) {
    return error(engine::ErrorCode::not_found, 404, "get " + name + ": no such volume");
  }
  for (const auto& [id, container] : m_containers) {
    const auto& own = container.anonymous_volumes;
    bool used = std::find(own.begin(), own.end(), name) != own.end();
    for (const auto& bind : container.spec.binds) {
      used = used || bind.substr(0, bind.find(':')) == name;
    }
    for (const auto& mount : container.spec.mounts) {
      used = used || (mount.type == "volume" && mount.source == name);
    }
    if (used) {
      return error(engine::ErrorCode::conflict, 409,
                   "remove " + name + ": volume is in use - [" + id + "]");
    }
  }
  m_volumes.erase(name);
  return engine::Done{};
}

engine::Result<std::vector<engine::VolumeSummary>> FakeEngine::list_volumes(
    const engine::LabelFilter& labels) {
  std::lock_guard lock(m_mutex);
  if (auto failure = record(false, "list_volumes")) {
    return *failure;
  }
  std::vector<engine::VolumeSummary> out;
  for (const auto& [name, volume] : m_volumes) {
    if (labels_match(labels, volume.spec.labels)) {
      out.push_back({name, volume.spec.driver, volume.spec.labels});
    }
  }
  return out;
}

}  // namespace berth::testing
