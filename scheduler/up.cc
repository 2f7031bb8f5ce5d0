#include "scheduler/up.h"

#include <map>
#include <mutex>
#include <set>

#include "health/container_state.h"
#include "scheduler/config_hash.h"
#include "scheduler/container_naming.h"
#include "scheduler/container_spec.h"
#include "scheduler/labels.h"
#include "scheduler/level_runner.h"
#include "scheduler/link_environment.h"
#include "scheduler/network_plan.h"
#include "scheduler/network_setup.h"
#include "scheduler/observed_state.h"

namespace berth::scheduler {

namespace {

struct ImageFacts {
  std::string id;
  std::vector<std::string> env;
};

// What dependents need of a container that is up, beyond its LinkedContainer.
struct ContainerFacts {
  std::string id;
  std::map<std::string, std::string> addresses;  // network name -> IP
};

using LinksByNetwork = std::map<std::string, std::vector<std::string>>;

// The state of one `up` run, shared by the services brought up concurrently.
class UpRun {
 public:
  UpRun(engine::Engine& engine, const compose::Project& project, const DependencyGraph& graph,
        Progress& progress)
      : m_engine(engine), m_project(project), m_graph(graph), m_progress(progress) {}

  bool run(const std::vector<std::string>& services);

 private:
  bool check_images(const std::vector<std::string>& services);
  bool check_volumes();
  bool ensure_volumes();
  bool bring_up(const compose::Service& service);
  bool create_and_start(const compose::Service& service, const std::string& name);
  bool record(const compose::Service& service, const std::string& name);
  ContainerContext context_for(const compose::Service& service, const std::string& name,
                               std::vector<engine::EndpointConfig>& other_networks);
  LinksByNetwork add_links(const compose::Service& service, const std::string& name,
                           ContainerContext& context);
  std::string address_on(const std::string& container, const std::vector<std::string>& networks);
  bool fail(const std::string& kind, const std::string& name, const std::string& service,
            const engine::Error& error);

  engine::Engine& m_engine;
  const compose::Project& m_project;
  const DependencyGraph& m_graph;
  Progress& m_progress;
  ObservedState m_observed;
  std::map<std::string, ImageFacts> m_images;  // by image reference; filled before any change

  std::mutex m_mutex;  // guards what follows
  std::map<std::string, std::vector<LinkedContainer>> m_up;  // service -> its containers, up
  std::map<std::string, ContainerFacts> m_facts;              // by container name
  std::set<std::string> m_failed;
};

bool UpRun::fail(const std::string& kind, const std::string& name, const std::string& service,
                 const engine::Error& error) {
  m_progress.error(kind, name, "service \"" + service + "\": " + error.message);
  std::lock_guard lock(m_mutex);
  m_failed.insert(service);
  return false;
}

bool UpRun::check_images(const std::vector<std::string>& services) {
  bool ok = true;
  for (const auto& name : services) {
    const auto* service = m_project.find_service(name);
    if (m_images.count(service->image)) {
      continue;
    }
    auto image = m_engine.inspect_image(service->image);
    if (!image) {
      std::string why = image.error().code == engine::ErrorCode::not_found
                            ? "image \"" + service->image +
                                  "\" is not on the engine (berth does not pull images yet)"
                            : image.error().message;
      m_progress.error("Service", name, "service \"" + name + "\": " + why);
      ok = false;
      continue;
    }
    m_images[service->image] = {image->id, image->env};
  }
  return ok;
}

bool UpRun::check_volumes() {
  bool ok = true;
  auto volumes = m_engine.list_volumes({});
  if (!volumes) {
    m_progress.error("Volume", "", volumes.error().message);
    return false;
  }
  for (const auto& decl : m_project.volumes) {
    bool exists = false;
    for (const auto& volume : *volumes) {
      exists = exists || volume.name == decl.name;
    }
    if (decl.external && !exists && !m_project.legacy_format) {
      m_progress.error("Volume", decl.name, "external volume \"" + decl.name + "\" not found");
      ok = false;
    }
  }
  return ok;
}

bool UpRun::ensure_volumes() {
  bool ok = true;
  for (const auto& decl : m_project.volumes) {
    bool exists = false;
    for (const auto& volume : m_observed.volumes) {
      exists = exists || volume.name == decl.name;
    }
    if (decl.external || exists) {
      continue;
    }
    m_progress.step("Volume", decl.name, "Creating");
    engine::VolumeCreate spec;
    spec.name = decl.name;
    if (!decl.driver.empty()) {
      spec.driver = decl.driver;
    }
    spec.labels = decl.labels;
    spec.labels[labels::k_project] = m_project.name;
    spec.labels[labels::k_volume] = decl.key;
    auto created = m_engine.create_volume(spec);
    if (!created) {
      m_progress.error("Volume", decl.name, created.error().message);
      ok = false;
      continue;
    }
    m_progress.step("Volume", decl.name, "Created");
  }
  return ok;
}

// The address of `container` on the first of `networks` it is on; "" when none.
std::string UpRun::address_on(const std::string& container,
                              const std::vector<std::string>& networks) {
  const auto& addresses = m_facts[container].addresses;
  for (const auto& network : networks) {
    auto found = addresses.find(network);
    if (found != addresses.end() && !found->second.empty()) {
      return found->second;
    }
  }
  return "";
}

// Adds the link variables to `context` and returns the link entries
// ("container:alias") by network: each on every network the linked pair share.
// Called with m_mutex held.
LinksByNetwork UpRun::add_links(const compose::Service& service, const std::string& name,
                                ContainerContext& context) {
  LinksByNetwork links;
  for (const auto& link : service.links) {
    const auto shared =
        shared_networks(m_project, service, *m_project.find_service(link.service));
    for (const auto& link_name : fig_link_names(m_project.name, link.alias, m_up[link.service])) {
      LinkedContainer child = *link_name.container;
      child.ip = address_on(child.name, shared);
      merge_environment(context.link_environment,
                        legacy_link_variables(name, link_name.alias, child));
      for (const auto& network : shared) {
        if (link_name.alias != child.name) {
          links[network].push_back(child.name + ":" + link_name.alias);
        }
      }
    }
  }
  return links;
}

// `other_networks` receives the endpoints to connect after create, before start.
ContainerContext UpRun::context_for(const compose::Service& service, const std::string& name,
                                    std::vector<engine::EndpointConfig>& other_networks) {
  ContainerContext context;
  context.name = name;
  context.number = 1;
  context.config_hash = config_hash(service, m_images[service.image].id);
  std::lock_guard lock(m_mutex);
  auto links = add_links(service, name, context);
  const auto networks = attachments_of(m_project, service);
  for (size_t i = 0; i < networks.size(); ++i) {
    const std::string& network = networks[i].network;
    if (i == 0) {
      context.network = network;
      context.network_links = links[network];
    } else {
      other_networks.push_back(endpoint_on(m_project, service, network, links[network]));
    }
  }
  std::string shared_stack;  // the container whose network stack network_mode "service:" uses
  if (service.network_mode.kind == compose::NetworkMode::Kind::service) {
    const auto& containers = m_up[service.network_mode.target];
    shared_stack = containers.empty() ? "" : m_facts[containers.front().name].id;
  }
  context.network_mode = engine_network_mode(service, shared_stack);
  for (const auto& from : service.volumes_from) {
    const std::string mode = from.read_only ? ":ro" : ":rw";
    if (from.is_container) {
      context.volumes_from.push_back(from.source + mode);
    } else if (!m_up[from.source].empty()) {
      context.volumes_from.push_back(m_up[from.source].front().name + mode);
    }
  }
  return context;
}

// Inspects a started container and keeps what dependents' links need.
bool UpRun::record(const compose::Service& service, const std::string& name) {
  auto details = m_engine.inspect_container(name);
  if (!details) {
    return fail("Container", name, service.name, details.error());
  }
  LinkedContainer linked;
  linked.name = details->name;
  ContainerFacts facts;
  facts.id = details->id;
  for (const auto& [network, attachment] : details->networks) {
    facts.addresses[network] = attachment.ip_address;
  }
  linked.exposed_ports = details->exposed_ports;
  // The engine's Config.Env would also hold berth's own link variables; the
  // linked container's environment is its image's plus its service's.
  linked.env = m_images[service.image].env;
  merge_environment(linked.env, service_environment(service));
  std::lock_guard lock(m_mutex);
  m_up[service.name].push_back(std::move(linked));
  m_facts[details->name] = std::move(facts);
  return true;
}

bool UpRun::create_and_start(const compose::Service& service, const std::string& name) {
  m_progress.step("Container", name, "Creating");
  std::vector<engine::EndpointConfig> other_networks;
  auto spec = container_create_for(m_project, service, context_for(service, name, other_networks));
  auto created = m_engine.create_container(spec);
  if (!created) {
    return fail("Container", name, service.name, created.error());
  }
  for (const auto& endpoint : other_networks) {
    auto connected = m_engine.connect_network(endpoint.network, *created, endpoint);
    if (!connected) {
      return fail("Container", name, service.name, connected.error());
    }
  }
  m_progress.step("Container", name, "Created");
  m_progress.step("Container", name, "Starting");
  auto started = m_engine.start_container(*created);
  if (!started) {
    return fail("Container", name, service.name, started.error());
  }
  m_progress.step("Container", name, "Started");
  return record(service, name);
}

bool UpRun::bring_up(const compose::Service& service) {
  {
    std::lock_guard lock(m_mutex);
    for (const auto& dependency : m_graph.dependencies_of(service.name)) {
      if (m_failed.count(dependency)) {
        m_failed.insert(service.name);
        m_progress.error("Service", service.name,
                         "service \"" + service.name + "\" skipped: its dependency \"" +
                             dependency + "\" failed");
        return false;
      }
    }
  }
  auto existing = m_observed.containers_of(service.name);
  if (existing.empty()) {
    const std::string name = service.container_name.empty()
                                 ? container_name(m_project.name, service.name, 1)
                                 : service.container_name;
    return create_and_start(service, name);
  }
  const auto& container = existing.front();
  if (health::is_up(health::parse_container_state(container.state))) {
    m_progress.step("Container", container.name, "Running");
  } else {
    m_progress.step("Container", container.name, "Starting");
    auto started = m_engine.start_container(container.id);
    if (!started) {
      return fail("Container", container.name, service.name, started.error());
    }
    m_progress.step("Container", container.name, "Started");
  }
  return record(service, container.name);
}

bool UpRun::run(const std::vector<std::string>& services) {
  auto observed = observe(m_engine, m_project.name);
  if (!observed) {
    m_progress.error("Project", m_project.name, observed.error().message);
    return false;
  }
  m_observed = std::move(observed).value();
  // Everything that can be found wrong before a change is checked first.
  const auto networks = networks_used(m_project, services);
  bool checks = check_images(services);
  checks = check_networks(m_engine, m_project, m_observed, networks, m_progress) && checks;
  checks = check_volumes() && checks;
  if (!checks || !create_networks(m_engine, m_project, m_observed, networks, m_progress) ||
      !ensure_volumes()) {
    return false;
  }
  std::set<std::string> wanted(services.begin(), services.end());
  std::vector<std::vector<std::string>> levels;
  for (const auto& level : m_graph.start_levels()) {
    levels.emplace_back();
    for (const auto& service : level) {
      if (wanted.count(service)) {
        levels.back().push_back(service);
      }
    }
  }
  return run_by_levels(levels, [this](const std::string& service) {
    return bring_up(*m_project.find_service(service));
  });
}

}  // namespace

bool up(engine::Engine& engine, const compose::Project& project, const DependencyGraph& graph,
        const UpOptions& options, Progress& progress) {
  for (const auto& name : options.services) {
    if (!project.find_service(name)) {
      progress.error("Service", name, "no such service: \"" + name + "\"");
      return false;
    }
  }
  auto services = options.services.empty() ? graph.start_order()
                                           : graph.with_dependencies(options.services);
  if (const auto unused = unused_networks(project); !unused.empty()) {
    std::string names;
    for (const auto& name : unused) {
      names += (names.empty() ? "" : ", ") + name;
    }
    progress.warning("networks declared but not used by any service: " + names);
  }
  UpRun run(engine, project, graph, progress);
  return run.run(services);
}

}  // namespace berth::scheduler
