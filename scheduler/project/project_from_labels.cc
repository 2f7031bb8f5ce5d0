#include "scheduler/project/project_from_labels.h"

#include "scheduler/labels.h"

namespace berth::scheduler {

namespace {

std::string label(const std::map<std::string, std::string>& all, const char* key) {
  return labels::value_of(all, key);
}

void add_services(compose::Project& project, const ObservedState& observed) {
  for (const auto& container : observed.containers) {
    const std::string name = label(container.labels, labels::k_service);
    if (name.empty() || label(container.labels, labels::k_oneoff) == "True" ||
        project.find_service(name) != nullptr) {
      continue;
    }
    compose::Service service;
    service.name = name;
    service.image = container.image;
    project.services.push_back(std::move(service));
  }
}

void add_networks(compose::Project& project, const ObservedState& observed) {
  for (const auto& network : observed.networks) {
    const std::string key = label(network.labels, labels::k_network);
    if (key.empty() || project.find_network(key) != nullptr) {
      continue;
    }
    compose::NetworkDecl decl;
    decl.key = key;
    decl.name = network.name;
    decl.driver = network.driver;
    project.networks.push_back(std::move(decl));
  }
}

void add_volumes(compose::Project& project, const ObservedState& observed) {
  for (const auto& volume : observed.volumes) {
    const std::string key = label(volume.labels, labels::k_volume);
    if (key.empty() || project.find_volume(key) != nullptr) {
      continue;
    }
    compose::VolumeDecl decl;
    decl.key = key;
    decl.name = volume.name;
    project.volumes.push_back(std::move(decl));
  }
}

}  // namespace

void describe_from_labels(compose::Project& project, const ObservedState& observed) {
  add_services(project, observed);
  add_networks(project, observed);
  add_volumes(project, observed);
}

}  // namespace berth::scheduler
