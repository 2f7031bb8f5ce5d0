#include "scheduler/spec/container_spec.h"

#include <algorithm>
#include <unordered_set>

#include "compose/ports.h"
#include "scheduler/spec/container_options_spec.h"
#include "scheduler/labels.h"
#include "scheduler/spec/link_environment.h"
#include "scheduler/network_plan.h"
#include "scheduler/spec/secret_mounts.h"

namespace berth::scheduler {

namespace {

std::string port_key(int port, const std::string& protocol) {
  return std::to_string(port) + "/" + protocol;
}

void add_port_bindings(const compose::Service& service, engine::ContainerCreate& spec) {
  for (const auto& p : service.ports) {
    for (int port = p.container_start; port <= p.container_end; ++port) {
      engine::PortBinding binding;
      binding.host_ip = p.host_ip;
      binding.host_port = compose::published_port(p, port);
      spec.port_bindings[port_key(port, p.protocol)].push_back(binding);
    }
  }
}

// "source:target:rw[,z][,rshared][,nocopy]", as the engine reads a bind.
std::string bind_text(const std::string& source, const compose::VolumeMount& v) {
  std::string text = source + ":" + v.target + (v.read_only ? ":ro" : ":rw");
  for (const std::string* option : {&v.selinux, &v.propagation}) {
    if (!option->empty()) {
      text += "," + *option;
    }
  }
  return v.nocopy ? text + ",nocopy" : text;
}

void add_volumes(const compose::Project& project, const compose::Service& service,
                 engine::ContainerCreate& spec) {
  for (const auto& v : service.volumes) {
    if (v.kind == compose::VolumeMount::Kind::anonymous && !v.long_syntax) {
      spec.anonymous_volumes.push_back(v.target);
    } else if (is_sent_as_bind(v) && v.kind == compose::VolumeMount::Kind::bind) {
      spec.binds.push_back(bind_text(v.source, v));
    } else if (is_sent_as_bind(v)) {
      const auto* decl = project.find_volume(v.source);
      spec.binds.push_back(bind_text(decl ? decl->name : v.source, v));
    }  // the rest are mounts: see container_options_spec.cc
  }
}

}  // namespace

std::vector<std::string> service_environment(const compose::Service& service) {
  std::vector<std::string> env;
  for (const auto& [key, value] : service.environment) {
    env.push_back(key + "=" + value);
  }
  return env;
}

std::vector<std::string> service_exposed_ports(const compose::Service& service) {
  // In order of first appearance, without repeats; `seen` keeps this linear
  // (`expose: ["1-65535"]` was 2 * 10^9 comparisons).
  std::vector<std::string> ports;
  std::unordered_set<std::string> seen;
  const auto add = [&](int port, const std::string& protocol) {
    std::string key = port_key(port, protocol);
    if (seen.insert(key).second) {
      ports.push_back(std::move(key));
    }
  };
  for (const auto& e : service.expose) {
    for (int port = e.start; port <= e.end; ++port) {
      add(port, e.protocol);
    }
  }
  for (const auto& p : service.ports) {
    for (int port = p.container_start; port <= p.container_end; ++port) {
      add(port, p.protocol);
    }
  }
  return ports;
}

engine::ContainerCreate container_create_for(const compose::Project& project,
                                             const compose::Service& service,
                                             const ContainerContext& context) {
  engine::ContainerCreate spec;
  spec.name = context.name;
  spec.image = service.image;
  spec.cmd = service.command;
  spec.entrypoint = service.entrypoint;
  // Link variables first, the service's own environment wins over them, as
  // the engine let a container's env override its legacy link variables.
  spec.env = context.link_environment;
  merge_environment(spec.env, service_environment(service));
  spec.labels = service.labels;
  spec.labels[labels::k_project] = project.name;
  spec.labels[labels::k_service] = service.name;
  spec.labels[labels::k_container_number] = std::to_string(context.number);
  spec.labels[labels::k_oneoff] = "False";
  spec.labels[labels::k_config_hash] = context.config_hash;
  spec.labels[labels::k_working_dir] = project.directory;
  std::string files;
  for (const auto& file : project.files) {
    files += (files.empty() ? "" : ",") + file;
  }
  spec.labels[labels::k_config_files] = files;
  spec.exposed_ports = service_exposed_ports(service);
  add_port_bindings(service, spec);
  add_volumes(project, service, spec);
  spec.volumes_from = context.volumes_from;
  spec.hostname = service.hostname;
  spec.user = service.user;
  spec.working_dir = service.working_dir;
  spec.restart_policy = service.restart;
  // One network at create (API 1.41); up connects the others before start.
  if (!context.network_mode.empty()) {
    spec.network_mode = context.network_mode;
  } else if (!context.network.empty()) {
    spec.network = endpoint_on(project, service, context.network, context.network_links);
  }
  apply_container_options(project, service, spec);
  add_secret_mounts(service, spec);  // after the volumes: a volume at the same target wins
  return spec;
}

}  // namespace berth::scheduler
