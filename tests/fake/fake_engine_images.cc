// The FakeEngine's images (those a test added; build and pull only when the
// test allows a registry) and swarm (a single-node manager when a test says).

#include "tests/fake/fake_engine.h"
#include "tests/fake/fake_events.h"

namespace berth::testing {

namespace {

const engine::Error k_no_registry{engine::ErrorCode::server, 500,
                                  "no registry: the fake engine reaches none"};
const engine::Error k_not_manager{engine::ErrorCode::server, 503,
                                  "this engine is not a swarm manager"};

}  // namespace

// By reference as added, that reference with ":latest" left out, or by ID.
FakeEngine::Image* FakeEngine::find_image(const std::string& reference) {
  for (auto& image : m_images) {
    for (const auto& known : image.references) {
      if (known == reference || known == reference + ":latest") {
        return &image;
      }
    }
    if (image.details.id == reference || image.details.id == "sha256:" + reference) {
      return &image;
    }
  }
  return nullptr;
}

engine::Result<engine::ImageDetails> FakeEngine::inspect_image(const std::string& reference) {
  std::lock_guard lock(m_mutex);
  if (auto failure = record(false, "inspect_image " + reference)) {
    return *failure;
  }
  const auto* image = find_image(reference);
  if (!image) {
    return engine::Error{engine::ErrorCode::not_found, 404, "No such image: " + reference};
  }
  return image->details;
}

void FakeEngine::add_repo_digest(const std::string& reference, const std::string& repo_digest) {
  std::lock_guard lock(m_mutex);
  for (auto& image : m_images) {
    for (const auto& known : image.references) {
      if (known == reference) {
        image.details.repo_digests.push_back(repo_digest);
        return;
      }
    }
  }
}

void FakeEngine::set_registry_digest(const std::string& reference, const std::string& digest) {
  std::lock_guard lock(m_mutex);
  m_registry_digests[reference] = digest;
}

engine::Result<std::string> FakeEngine::registry_digest(const std::string& reference,
                                                        const std::string& registry_auth) {
  (void)registry_auth;
  std::lock_guard lock(m_mutex);
  if (auto failure = record(false, "registry_digest " + reference)) {
    return *failure;
  }
  auto found = m_registry_digests.find(reference);
  if (found == m_registry_digests.end()) {
    return engine::Error{engine::ErrorCode::not_found, 404, "manifest unknown: " + reference};
  }
  return found->second;
}

engine::Result<std::string> FakeEngine::build_image(const engine::ImageBuild& spec,
                                                    std::string context_tar,
                                                    const ProgressHandler& on_progress) {
  (void)context_tar;
  std::lock_guard lock(m_mutex);
  if (auto failure = record(true, "build_image " + spec.tag)) {
    return *failure;
  }
  if (!m_registry) {
    return k_no_registry;
  }
  Image image;
  image.details.id = "sha256:" + next_id();
  if (!spec.tag.empty()) {
    image.references.push_back(spec.tag);
    image.details.repo_tags.push_back(spec.tag);
  }
  m_images.push_back(image);
  if (on_progress) {
    on_progress({"Successfully built\n", "", "", "", 0, 0, image.details.id, ""});
  }
  return image.details.id;
}

engine::Status FakeEngine::pull_image(const std::string& reference,
                                      const std::string& registry_auth,
                                      const ProgressHandler& on_progress) {
  (void)registry_auth;
  std::lock_guard lock(m_mutex);
  if (auto failure = record(true, "pull_image " + reference)) {
    return *failure;
  }
  if (!m_registry) {
    return k_no_registry;
  }
  if (!find_image(reference)) {
    Image image;
    image.references = {reference};
    image.details.id = "sha256:" + next_id();
    image.details.repo_tags = {reference};
    m_images.push_back(image);
  }
  if (on_progress) {
    on_progress({"", "", "Downloaded newer image for " + reference, "", 0, 0, "", ""});
  }
  return engine::Done{};
}

engine::Status FakeEngine::push_image(const std::string& reference,
                                      const std::string& registry_auth,
                                      const ProgressHandler& on_progress) {
  (void)registry_auth;
  (void)on_progress;
  std::lock_guard lock(m_mutex);
  if (auto failure = record(true, "push_image " + reference)) {
    return *failure;
  }
  if (!find_image(reference)) {
    return engine::Error{engine::ErrorCode::not_found, 404,
                         "An image does not exist locally with the tag: " + reference};
  }
  return m_registry ? engine::Status(engine::Done{}) : engine::Status(k_no_registry);
}

engine::Status FakeEngine::tag_image(const std::string& source, const std::string& target) {
  std::lock_guard lock(m_mutex);
  if (auto failure = record(true, "tag_image " + source + " " + target)) {
    return *failure;
  }
  auto* image = find_image(source);
  if (!image) {
    return engine::Error{engine::ErrorCode::not_found, 404, "No such image: " + source};
  }
  image->references.push_back(target);
  image->details.repo_tags.push_back(target);
  return engine::Done{};
}

engine::Status FakeEngine::remove_image(const std::string& reference, bool force) {
  std::lock_guard lock(m_mutex);
  if (auto failure = record(true, "remove_image " + reference + (force ? " force" : ""))) {
    return *failure;
  }
  auto* image = find_image(reference);
  if (!image) {
    return engine::Error{engine::ErrorCode::not_found, 404, "No such image: " + reference};
  }
  for (const auto& [id, container] : m_containers) {
    if (!force && find_image(container.spec.image) == image) {
      return engine::Error{engine::ErrorCode::conflict, 409,
                           "conflict: unable to remove repository reference \"" + reference +
                               "\" (must force) - container " + id.substr(0, 12) +
                               " is using its referenced image"};
    }
  }
  m_images.erase(m_images.begin() + (image - m_images.data()));
  return engine::Done{};
}

// Swarm: a single node outside any swarm, unless the test made it a manager
// (become_swarm_manager). Then services keep their specs, and each has
// `replicas` tasks, starting at the first look and then in the state
// set_task_state gave (running by default).

void FakeEngine::become_swarm_manager() {
  std::lock_guard lock(m_mutex);
  m_swarm_manager = true;
}

void FakeEngine::set_task_state(const std::string& service, const std::string& state) {
  std::lock_guard lock(m_mutex);
  m_task_states[service] = state;
}

FakeEngine::Service* FakeEngine::find_service(const std::string& id_or_name) {
  for (auto& [name, service] : m_services) {
    if (name == id_or_name || service.summary.id == id_or_name) {
      return &service;
    }
  }
  return nullptr;
}

engine::Result<engine::SwarmInfo> FakeEngine::swarm_info() {
  std::lock_guard lock(m_mutex);
  if (auto failure = record(false, "swarm_info")) {
    return *failure;
  }
  engine::SwarmInfo info;
  info.local_node_state = m_swarm_manager ? "active" : "inactive";
  info.control_available = m_swarm_manager;
  return info;
}

engine::Result<std::string> FakeEngine::create_service(const engine::ServiceSpec& spec,
                                                       const std::string& registry_auth) {
  (void)registry_auth;
  std::lock_guard lock(m_mutex);
  if (auto failure = record(true, "create_service " + spec.name)) {
    return *failure;
  }
  if (!m_swarm_manager) {
    return k_not_manager;
  }
  if (m_services.count(spec.name) != 0) {
    return engine::Error{engine::ErrorCode::conflict, 409,
                         "rpc error: code = AlreadyExists desc = name conflicts with an "
                         "existing object"};
  }
  Service service;
  service.spec = spec;
  service.summary.id = next_id();
  service.summary.version = 1;
  service.summary.name = spec.name;
  service.summary.labels = spec.labels;
  service.summary.image = spec.image;
  service.summary.global = spec.global;
  service.summary.replicas = spec.replicas;
  m_services[spec.name] = service;
  return service.summary.id;
}

engine::Status FakeEngine::update_service(const std::string& id, uint64_t version,
                                          const engine::ServiceSpec& spec,
                                          const std::string& registry_auth) {
  (void)registry_auth;
  std::lock_guard lock(m_mutex);
  Service* service = find_service(id);
  if (auto failure = record(true, "update_service " + (service ? service->spec.name : id))) {
    return *failure;
  }
  if (!m_swarm_manager) {
    return k_not_manager;
  }
  if (service == nullptr) {
    return engine::Error{engine::ErrorCode::not_found, 404, "service " + id + " not found"};
  }
  if (service->summary.version != version) {
    return engine::Error{engine::ErrorCode::server, 500,
                         "rpc error: code = Unknown desc = update out of sequence"};
  }
  service->spec = spec;
  service->summary.version += 1;
  service->summary.labels = spec.labels;
  service->summary.image = spec.image;
  service->summary.replicas = spec.replicas;
  return engine::Done{};
}

engine::Status FakeEngine::remove_service(const std::string& id_or_name) {
  std::lock_guard lock(m_mutex);
  Service* service = find_service(id_or_name);
  if (auto failure =
          record(true, "remove_service " + (service ? service->spec.name : id_or_name))) {
    return *failure;
  }
  if (!m_swarm_manager) {
    return k_not_manager;
  }
  if (service == nullptr) {
    return engine::Error{engine::ErrorCode::not_found, 404,
                         "service " + id_or_name + " not found"};
  }
  m_services.erase(service->spec.name);
  return engine::Done{};
}

engine::Result<std::vector<engine::ServiceSummary>> FakeEngine::list_services(
    const engine::LabelFilter& labels) {
  std::lock_guard lock(m_mutex);
  if (auto failure = record(false, "list_services")) {
    return *failure;
  }
  if (!m_swarm_manager) {
    return k_not_manager;
  }
  std::vector<engine::ServiceSummary> out;
  for (const auto& [name, service] : m_services) {
    if (labels_match(labels, service.summary.labels)) {
      out.push_back(service.summary);
    }
  }
  return out;
}

engine::Result<engine::ServiceSummary> FakeEngine::inspect_service(const std::string& id_or_name) {
  std::lock_guard lock(m_mutex);
  Service* service = find_service(id_or_name);
  if (auto failure =
          record(false, "inspect_service " + (service ? service->spec.name : id_or_name))) {
    return *failure;
  }
  if (!m_swarm_manager) {
    return k_not_manager;
  }
  if (service == nullptr) {
    return engine::Error{engine::ErrorCode::not_found, 404,
                         "service " + id_or_name + " not found"};
  }
  return service->summary;
}

engine::Result<std::vector<engine::TaskSummary>> FakeEngine::list_tasks(
    const std::string& id_or_name) {
  std::lock_guard lock(m_mutex);
  Service* service = find_service(id_or_name);
  if (auto failure = record(false, "list_tasks " + (service ? service->spec.name : id_or_name))) {
    return *failure;
  }
  if (!m_swarm_manager) {
    return k_not_manager;
  }
  std::vector<engine::TaskSummary> tasks;
  if (service == nullptr) {
    return tasks;
  }
  // Tasks start first: the state set for them shows from the second look.
  auto state = m_task_states.find(service->spec.name);
  bool starting = service->tasks_listed++ == 0;
  for (uint64_t slot = 1; slot <= service->summary.replicas; ++slot) {
    engine::TaskSummary task;
    task.id = service->summary.id + "." + std::to_string(slot);
    task.service_id = service->summary.id;
    task.slot = static_cast<int>(slot);
    task.desired_state = "running";
    task.state = starting                       ? "starting"
                 : state == m_task_states.end() ? "running"
                                                : state->second;
    if (task.state == "failed") {
      task.desired_state = "shutdown";
      task.error = "task: non-zero exit (1)";
    }
    tasks.push_back(task);
  }
  return tasks;
}

}  // namespace berth::testing
