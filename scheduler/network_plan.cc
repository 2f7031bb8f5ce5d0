#include "scheduler/network_plan.h"

#include <algorithm>
#include <set>

#include "scheduler/labels.h"

namespace berth::scheduler {

namespace {

using Kind = compose::NetworkMode::Kind;

// The engine's own network that network_mode "bridge" means.
constexpr const char* k_default_bridge = "bridge";

void add_unique(std::vector<std::string>& list, const std::string& value) {
  if (std::find(list.begin(), list.end(), value) == list.end()) {
    list.push_back(value);
  }
}

bool joins(const std::vector<Attachment>& attachments, const std::string& network) {
  return std::any_of(attachments.begin(), attachments.end(),
                     [&](const Attachment& a) { return a.network == network; });
}

}  // namespace

std::vector<Attachment> attachments_of(const compose::Project& project,
                                       const compose::Service& service) {
  if (service.network_mode.kind == Kind::bridge) {
    return {Attachment{k_default_bridge, nullptr}};
  }
  std::vector<Attachment> attachments;
  if (service.network_mode.kind != Kind::networks) {
    return attachments;
  }
  bool any_priority = false;
  for (const auto& config : service.networks) {
    const auto* decl = project.find_network(config.key);
    if (decl != nullptr && !joins(attachments, decl->name)) {
      attachments.push_back({decl->name, &config});
      any_priority = any_priority || config.priority != 0;
    }
  }
  if (any_priority) {
    std::stable_sort(attachments.begin(), attachments.end(), [](const auto& a, const auto& b) {
      return a.config->priority > b.config->priority;
    });
  } else {
    std::sort(attachments.begin(), attachments.end(),
              [](const auto& a, const auto& b) { return a.network < b.network; });
  }
  return attachments;
}

std::vector<std::string> shared_networks(const compose::Project& project,
                                         const compose::Service& service,
                                         const compose::Service& other) {
  const auto theirs = attachments_of(project, other);
  std::vector<std::string> shared;
  for (const auto& mine : attachments_of(project, service)) {
    if (joins(theirs, mine.network)) {
      shared.push_back(mine.network);
    }
  }
  return shared;
}

std::vector<const compose::NetworkDecl*> networks_used(const compose::Project& project,
                                                       const std::vector<std::string>& services) {
  std::set<std::string> keys;
  for (const auto& name : services) {
    const auto* service = project.find_service(name);
    if (service == nullptr || service->network_mode.kind != Kind::networks) {
      continue;
    }
    for (const auto& config : service->networks) {
      keys.insert(config.key);
    }
  }
  std::vector<const compose::NetworkDecl*> used;
  for (const auto& decl : project.networks) {
    if (keys.count(decl.key)) {
      used.push_back(&decl);
    }
  }
  return used;
}

std::vector<std::string> unused_networks(const compose::Project& project) {
  std::vector<std::string> all;
  for (const auto& service : project.services) {
    all.push_back(service.name);
  }
  const auto used = networks_used(project, all);
  std::vector<std::string> unused;
  for (const auto& decl : project.networks) {
    // `default` is declared to be overridden, not necessarily used, as compose sees it.
    if (decl.key != "default" && std::find(used.begin(), used.end(), &decl) == used.end()) {
      unused.push_back(decl.key);
    }
  }
  return unused;
}

engine::NetworkCreate network_create_for(const compose::Project& project,
                                         const compose::NetworkDecl& network) {
  engine::NetworkCreate spec;
  spec.name = network.name;
  if (!network.driver.empty()) {
    spec.driver = network.driver;
  }
  spec.labels = network.labels;
  spec.labels[labels::k_project] = project.name;
  spec.labels[labels::k_network] = network.key;
  spec.options = network.options;
  spec.internal = network.internal;
  // docker-compose 1.29.2 makes every network attachable, whatever the file says.
  spec.attachable = true;
  spec.enable_ipv6 = network.enable_ipv6;
  spec.ipam_driver = network.ipam.driver;
  for (const auto& pool : network.ipam.config) {
    spec.ipam_pools.push_back({pool.subnet, pool.ip_range, pool.gateway, pool.aux_addresses});
  }
  spec.ipam_options = network.ipam.options;
  return spec;
}

engine::EndpointConfig endpoint_on(const compose::Project& project, const compose::Service& service,
                                   const std::string& network,
                                   const std::vector<std::string>& links) {
  engine::EndpointConfig endpoint;
  endpoint.network = network;
  endpoint.links = links;
  if (network == k_default_bridge) {
    return endpoint;
  }
  endpoint.aliases = {service.name};
  for (const auto& attachment : attachments_of(project, service)) {
    if (attachment.network != network || attachment.config == nullptr) {
      continue;
    }
    for (const auto& alias : attachment.config->aliases) {
      add_unique(endpoint.aliases, alias);
    }
    endpoint.ipv4_address = attachment.config->ipv4_address;
    endpoint.ipv6_address = attachment.config->ipv6_address;
    endpoint.link_local_ips = attachment.config->link_local_ips;
    endpoint.driver_opts = attachment.config->driver_opts;
    endpoint.mac_address = attachment.config->mac_address;
  }
  return endpoint;
}

std::string engine_network_mode(const compose::Service& service,
                                const std::string& service_container) {
  const auto& mode = service.network_mode;
  switch (mode.kind) {
    case Kind::host: return "host";
    case Kind::none: return "none";
    case Kind::container: return "container:" + mode.target;
    case Kind::service: return "container:" + service_container;
    case Kind::networks:
    case Kind::bridge: return "";
  }
  return "";
}

}  // namespace berth::scheduler
