// The FakeEngine's container reads (listing, inspection, waits, the event
// stream) and put_files. The life cycle is in fake_engine.cc.

#include <algorithm>
#include <set>

#include "tests/fake/fake_engine.h"
#include "tests/fake/fake_events.h"

namespace berth::testing {

namespace {

engine::Error error(engine::ErrorCode code, int http_status, const std::string& message) {
  return engine::Error{code, http_status, message};
}

bool is_up(const std::string& state) { return state == "running" || state == "paused"; }

std::string status_text(const FakeContainer& c) {
  if (c.state == "running") {
    return "Up 1 second";
  }
  if (c.state == "paused") {
    return "Up 1 second (Paused)";
  }
  if (c.state == "exited") {
    return "Exited (" + std::to_string(c.exit_code) + ") 1 second ago";
  }
  return "Created";
}

std::vector<engine::PublishedPort> ports_of(const engine::ContainerCreate& spec) {
  std::vector<engine::PublishedPort> ports;
  auto add = [&ports](const std::string& key, const engine::PortBinding* binding) {
    engine::PublishedPort port;
    const auto slash = key.find('/');
    port.private_port = static_cast<uint16_t>(std::stoi(key.substr(0, slash)));
    port.type = slash == std::string::npos ? "tcp" : key.substr(slash + 1);
    if (binding) {
      port.ip = binding->host_ip.empty() ? "0.0.0.0" : binding->host_ip;
      port.public_port = static_cast<uint16_t>(
          binding->host_port.empty() ? 49153 : std::stoi(binding->host_port));
    }
    ports.push_back(port);
  };
  for (const auto& key : spec.exposed_ports) {
    if (!spec.port_bindings.count(key)) {
      add(key, nullptr);
    }
  }
  for (const auto& [key, bindings] : spec.port_bindings) {
    for (const auto& binding : bindings) {
      add(key, &binding);
    }
  }
  return ports;
}

// "source:destination[:mode]" -> its mount point.
engine::MountPoint mount_of_bind(const std::string& bind) {
  engine::MountPoint mount;
  const auto first = bind.find(':');
  const auto second = bind.find(':', first + 1);
  const std::string source = bind.substr(0, first);
  mount.destination = bind.substr(first + 1, second == std::string::npos ? second : second - first - 1);
  const std::string mode = second == std::string::npos ? "" : bind.substr(second + 1);
  mount.read_write = mode.find("ro") == std::string::npos;
  if (!source.empty() && source[0] == '/') {
    mount.type = "bind";
    mount.source = source;
  } else {
    mount.type = "volume";
    mount.name = source;
  }
  return mount;
}

}  // namespace

engine::Result<std::vector<engine::ContainerSummary>> FakeEngine::list_containers(
    const engine::LabelFilter& labels, bool all) {
  std::lock_guard lock(m_mutex);
  if (auto failure = record(false, std::string("list_containers") + (all ? " all" : ""))) {
    return *failure;
  }
  std::vector<const FakeContainer*> rows;
  for (const auto& [id, container] : m_containers) {
    if ((all || is_up(container.state)) && labels_match(labels, container.spec.labels)) {
      rows.push_back(&container);
    }
  }
  // Newest first, as dockerd lists them.
  std::sort(rows.begin(), rows.end(),
            [](const auto* a, const auto* b) { return a->sequence > b->sequence; });
  std::vector<engine::ContainerSummary> out;
  for (const auto* container : rows) {
    out.push_back(summary_of(*container));
  }
  return out;
}

engine::ContainerSummary FakeEngine::summary_of(const FakeContainer& container) const {
  engine::ContainerSummary summary;
  summary.id = container.id;
  summary.name = container.name;
  summary.image = container.spec.image;
  summary.labels = container.spec.labels;
  summary.state = container.state;
  summary.status = status_text(container);
  summary.ports = ports_of(container.spec);
  return summary;
}

engine::Result<engine::ContainerDetails> FakeEngine::inspect_container(const std::string& id) {
  std::lock_guard lock(m_mutex);
  if (auto failure = record(false, "inspect_container " + shown(id))) {
    return *failure;
  }
  const auto* container = find_container(id);
  if (!container) {
    return no_such_container(id);
  }
  return details_of(*container);
}

namespace {

// The image's variables, then the container's, which win.
std::vector<std::string> merged_env(const std::vector<std::string>& image_env,
                                    const std::vector<std::string>& own) {
  std::vector<std::string> env;
  for (const auto& variable : image_env) {
    const std::string key = variable.substr(0, variable.find('='));
    const bool overridden = std::any_of(own.begin(), own.end(), [&](const auto& mine) {
      return mine.substr(0, mine.find('=')) == key;
    });
    if (!overridden) {
      env.push_back(variable);
    }
  }
  env.insert(env.end(), own.begin(), own.end());
  return env;
}

std::vector<engine::MountPoint> mounts_of(const FakeContainer& container) {
  const auto& spec = container.spec;
  std::vector<engine::MountPoint> mounts;
  for (const auto& bind : spec.binds) {
    mounts.push_back(mount_of_bind(bind));
  }
  for (size_t i = 0; i < container.anonymous_volumes.size(); ++i) {
    mounts.push_back({"volume", container.anonymous_volumes[i], "", spec.anonymous_volumes[i],
                      true});
  }
  for (const auto& mount : spec.mounts) {
    mounts.push_back({mount.type, mount.type == "volume" ? mount.source : "",
                      mount.type == "bind" ? mount.source : "", mount.target, !mount.read_only});
  }
  return mounts;
}

}  // namespace

engine::ContainerDetails FakeEngine::details_of(const FakeContainer& container) {
  engine::ContainerDetails details;
  const auto& spec = container.spec;
  const auto* image = find_image(spec.image);
  details.id = container.id;
  details.name = container.name;
  details.image = image ? image->details.id : spec.image;
  details.labels = spec.labels;
  details.env = merged_env(image ? image->details.env : std::vector<std::string>{}, spec.env);
  std::set<std::string> exposed(spec.exposed_ports.begin(), spec.exposed_ports.end());
  if (image) {
    exposed.insert(image->details.exposed_ports.begin(), image->details.exposed_ports.end());
  }
  for (const auto& [key, bindings] : spec.port_bindings) {
    exposed.insert(key);
    for (auto binding : bindings) {
      binding.host_ip = binding.host_ip.empty() ? "0.0.0.0" : binding.host_ip;
      binding.host_port = binding.host_port.empty() ? "49153" : binding.host_port;
      details.published_ports[key].push_back(binding);
    }
  }
  details.exposed_ports.assign(exposed.begin(), exposed.end());
  details.status = container.state;
  details.running = is_up(container.state);
  details.exit_code = container.exit_code;
  details.started_at = container.started_at;
  details.finished_at = container.finished_at;
  details.networks = container.networks;
  details.mounts = mounts_of(container);
  if (has_health_check(container)) {
    details.health = engine::ContainerHealth{container.health.empty() ? "starting"
                                                                      : container.health,
                                             container.failing_streak, container.health_log};
  }
  details.restart_policy = spec.restart_policy;
  return details;
}

engine::Status FakeEngine::put_files(const std::string& id,
                                     const std::vector<engine::ContainerFile>& files) {
  std::lock_guard lock(m_mutex);
  // No files: the real client sends nothing, so nothing changes.
  if (auto failure =
          record(!files.empty(), "put_files " + shown(id) + " " + std::to_string(files.size()))) {
    return *failure;
  }
  if (!find_container(id)) {
    return no_such_container(id);
  }
  return engine::Done{};
}

engine::Result<int> FakeEngine::wait_container(const std::string& id,
                                               std::chrono::milliseconds timeout) {
  std::unique_lock lock(m_mutex);
  if (auto failure = record(false, "wait_container " + shown(id))) {
    return *failure;
  }
  const auto* container = find_container(id);
  if (!container) {
    return no_such_container(id);
  }
  const std::string full_id = container->id;
  const bool ended = m_state_changed.wait_for(lock, timeout, [&] {
    auto found = m_containers.find(full_id);
    return found == m_containers.end() || !is_up(found->second.state);
  });
  if (!ended) {
    return error(engine::ErrorCode::timeout, 0, "timed out waiting for container " + id);
  }
  auto found = m_containers.find(full_id);
  if (found == m_containers.end()) {
    return no_such_container(id);
  }
  return found->second.exit_code;
}

engine::Result<std::unique_ptr<engine::EventSubscription>> FakeEngine::subscribe_events(
    const engine::EventFilter& filter, EventHandler on_event, EventStreamEnded on_end) {
  {
    std::lock_guard lock(m_mutex);
    if (auto failure = record(false, "subscribe_events")) {
      return *failure;
    }
  }
  // Registered with the hub before this returns: no later event is missed.
  std::unique_ptr<engine::EventSubscription> subscription =
      std::make_unique<FakeSubscription>(m_hub, filter, std::move(on_event), std::move(on_end));
  return subscription;
}

}  // namespace berth::testing
