#include "scheduler/converge/container_factory.h"

#include <algorithm>
#include <optional>
#include <set>

#include "scheduler/spec/config_hash.h"
#include "scheduler/container_naming.h"
#include "scheduler/spec/container_spec.h"
#include "scheduler/labels.h"
#include "scheduler/spec/link_environment.h"
#include "scheduler/network_plan.h"
#include "scheduler/observed_container.h"
#include "scheduler/spec/secret_mounts.h"

namespace berth::scheduler {

namespace {

// A container of another service, as the engine has it now.
struct LiveContainer {
  LinkedContainer linked;
  std::string id;
  std::map<std::string, std::string> addresses;  // network -> IP
};

using LinksByNetwork = std::map<std::string, std::vector<std::string>>;

std::string address_on(const LiveContainer& container, const std::vector<std::string>& networks) {
  for (const auto& network : networks) {
    auto found = container.addresses.find(network);
    if (found != container.addresses.end() && !found->second.empty()) {
      return found->second;
    }
  }
  return "";
}

}  // namespace

ContainerFactory::ContainerFactory(engine::Engine& engine, const compose::Project& project,
                                   std::map<std::string, ImageFacts> images)
    : m_engine(engine), m_project(project), m_images(std::move(images)) {}

const ImageFacts& ContainerFactory::image(const std::string& reference) const {
  static const ImageFacts k_unknown;
  auto it = m_images.find(reference);
  return it == m_images.end() ? k_unknown : it->second;
}

namespace {

// The running containers of `service`, by number, inspected. Read when the
// create runs, not from the observation: a linked container made earlier in
// the same plan has its address only once it exists, and a link variable
// must name the address it has now.
engine::Result<std::vector<LiveContainer>> live_containers(engine::Engine& engine,
                                                           const compose::Project& project,
                                                           const compose::Service& service,
                                                           const ImageFacts& image) {
  auto listed = engine.list_containers(labels::service_filter(project.name, service.name), false);
  if (!listed) {
    return listed.error();
  }
  std::vector<std::pair<int, LiveContainer>> found;
  for (const auto& summary : *listed) {
    auto details = engine.inspect_container(summary.id);
    if (!details) {
      continue;  // gone meanwhile: not linkable
    }
    LiveContainer live;
    live.id = details->id;
    live.linked.name = details->name;
    live.linked.exposed_ports = details->exposed_ports;
    // Config.Env would also hold berth's own link variables; the linked
    // container's environment is its image's plus its service's.
    live.linked.env = image.env;
    merge_environment(live.linked.env, service_environment(service));
    for (const auto& [network, attachment] : details->networks) {
      live.addresses[network] = attachment.ip_address;
    }
    found.emplace_back(ObservedContainer(summary).number, std::move(live));
  }
  std::sort(found.begin(), found.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<LiveContainer> out;
  for (auto& [number, live] : found) {
    out.push_back(std::move(live));
  }
  return out;
}

}  // namespace

namespace {

// Link variables into `context`, and the link entries ("container:alias") for
// every network the linked pair share.
engine::Status add_links(engine::Engine& engine, const compose::Project& project,
                         const ContainerFactory& factory, const compose::Service& service,
                         ContainerContext& context, LinksByNetwork& links) {
  for (const auto& link : service.links) {
    const auto& target = *project.find_service(link.service);
    auto live = live_containers(engine, project, target, factory.image(target.image));
    if (!live) {
      return live.error();
    }
    std::vector<LinkedContainer> linked;
    for (const auto& container : *live) {
      linked.push_back(container.linked);
    }
    const auto shared = shared_networks(project, service, target);
    for (const auto& link_name : fig_link_names(project.name, link.alias, linked)) {
      LinkedContainer child = *link_name.container;
      child.ip = address_on((*live)[link_name.container - linked.data()], shared);
      merge_environment(context.link_environment,
                        legacy_link_variables(context.name, link_name.alias, child));
      if (link_name.alias != child.name) {
        for (const auto& network : shared) {
          links[network].push_back(child.name + ":" + link_name.alias);
        }
      }
    }
  }
  return engine::Done{};
}

// The first network goes into the create call; the others are returned, to
// be connected after create and before start.
std::vector<engine::EndpointConfig> place_on_networks(const compose::Project& project,
                                                      const compose::Service& service,
                                                      LinksByNetwork& links,
                                                      ContainerContext& context) {
  std::vector<engine::EndpointConfig> others;
  const auto networks = attachments_of(project, service);
  for (size_t i = 0; i < networks.size(); ++i) {
    const std::string& network = networks[i].network;
    if (i == 0) {
      context.network = network;
      context.network_links = links[network];
    } else {
      others.push_back(endpoint_on(project, service, network, links[network]));
    }
  }
  return others;
}

// The first running container of `service_name`, or nullopt.
std::optional<LiveContainer> first_live(engine::Engine& engine, const compose::Project& project,
                                        const ContainerFactory& factory,
                                        const std::string& service_name) {
  const auto& target = *project.find_service(service_name);
  auto live = live_containers(engine, project, target, factory.image(target.image));
  if (!live || live->empty()) {
    return std::nullopt;
  }
  return live->front();
}

// The container whose volumes `volumes_from: [SERVICE]` mounts: the service's
// lowest-numbered one, running or not (a created or stopped container still
// holds its volumes, e.g. for a restore run with --no-deps). Without any, an
// error: silently mounting nothing would write the data into a throw-away layer.
engine::Result<std::string> first_container_name(engine::Engine& engine,
                                                 const compose::Project& project,
                                                 const std::string& service_name) {
  auto listed = engine.list_containers(labels::service_filter(project.name, service_name), true);
  if (!listed) {
    return listed.error();
  }
  std::optional<ObservedContainer> first;
  for (const auto& summary : *listed) {
    ObservedContainer container(summary);
    if (!first || container.number < first->number) {
      first = std::move(container);
    }
  }
  if (!first) {
    return engine::Error{engine::ErrorCode::not_found, 0,
                         "volumes_from " + service_name + ": the service has no container (" +
                             "create it first, e.g. `up --no-start " + service_name + "`)"};
  }
  return first->name;
}

bool has_bind_at(const engine::ContainerCreate& spec, const std::string& destination) {
  for (const auto& bind : spec.binds) {
    // "source:destination[:mode]"
    auto first = bind.find(':');
    auto second = bind.find(':', first + 1);
    if (first != std::string::npos && bind.substr(first + 1, second - first - 1) == destination) {
      return true;
    }
  }
  return false;
}

// Data in the old container's anonymous volumes lives on in the new one:
// each such volume is mounted by name where the old one had it.
void carry_anonymous_volumes(const engine::ContainerDetails& old, engine::ContainerCreate& spec) {
  for (const auto& mount : old.mounts) {
    if (mount.type != "volume" || mount.name.empty() || has_bind_at(spec, mount.destination)) {
      continue;
    }
    auto& anonymous = spec.anonymous_volumes;
    anonymous.erase(std::remove(anonymous.begin(), anonymous.end(), mount.destination),
                    anonymous.end());
    spec.binds.push_back(mount.name + ":" + mount.destination + ":rw");
  }
}

}  // namespace

engine::Result<std::string> ContainerFactory::create(const compose::Service& service, int number,
                                                     const std::string& name,
                                                     const std::string& replaces) {
  return create(service, number, name, replaces, {});
}

engine::Result<std::string> ContainerFactory::create(const compose::Service& service, int number,
                                                     const std::string& name,
                                                     const std::string& replaces,
                                                     const SpecAdjustment& adjust) {
  ContainerContext context;
  context.name = name;
  context.number = number;
  context.config_hash = config_hash(service, image(service.image).id);
  LinksByNetwork links;
  if (auto linked = add_links(m_engine, m_project, *this, service, context, links); !linked) {
    return linked.error();
  }
  auto other_networks = place_on_networks(m_project, service, links, context);
  std::string shared_stack;  // the container whose network stack "service:" mode uses
  if (service.network_mode.kind == compose::NetworkMode::Kind::service) {
    if (auto live = first_live(m_engine, m_project, *this, service.network_mode.target)) {
      shared_stack = live->id;
    }
  }
  context.network_mode = engine_network_mode(service, shared_stack);
  for (const auto& from : service.volumes_from) {
    const std::string mode = from.read_only ? ":ro" : ":rw";
    if (from.is_container) {
      context.volumes_from.push_back(from.source + mode);
      continue;
    }
    auto source = first_container_name(m_engine, m_project, from.source);
    if (!source) {
      auto error = source.error();
      error.message = "service " + service.name + ": " + error.message;
      return error;
    }
    context.volumes_from.push_back(*source + mode);
  }
  auto spec = container_create_for(m_project, service, context);
  if (!replaces.empty() && !m_renew_anonymous_volumes) {
    if (auto old = m_engine.inspect_container(replaces)) {
      carry_anonymous_volumes(*old, spec);
    }
  }
  if (adjust) {
    if (auto adjusted = adjust(spec, other_networks); !adjusted) {
      return adjusted.error();
    }
  }
  auto created = m_engine.create_container(spec);
  if (!created) {
    return created.error();
  }
  for (const auto& endpoint : other_networks) {
    auto connected = m_engine.connect_network(endpoint.network, *created, endpoint);
    if (!connected) {
      return connected.error();
    }
  }
  if (auto written = m_engine.put_files(*created, secret_files(service)); !written) {
    auto error = written.error();
    error.message =
        "service " + service.name + ": writing its secrets and configs: " + error.message;
    return error;
  }
  return created;
}

}  // namespace berth::scheduler
