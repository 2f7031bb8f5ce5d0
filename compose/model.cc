#include "compose/model.h"

namespace berth::compose {

const Service* Project::find_service(const std::string& name) const {
  for (const Service& service : services) {
    if (service.name == name) {
      return &service;
    }
  }
  return nullptr;
}

const VolumeDecl* Project::find_volume(const std::string& key) const {
  for (const VolumeDecl& volume : volumes) {
    if (volume.key == key) {
      return &volume;
    }
  }
  return nullptr;
}

const NetworkDecl* Project::find_network(const std::string& key) const {
  for (const NetworkDecl& network : networks) {
    if (network.key == key) {
      return &network;
    }
  }
  return nullptr;
}

}  // namespace berth::compose
