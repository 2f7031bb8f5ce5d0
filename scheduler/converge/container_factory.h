#pragma once
// ContainerFactory: makes one container of a service, at the moment the plan
// gets to it. Link variables, volumes_from and network_mode "service:" need
// the containers of other services as they are then, so they are read from the
// engine here, not decided ahead.

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "compose/model.h"
#include "engine/engine.h"

namespace berth::scheduler {

struct ImageFacts {
  std::string id;
  std::vector<std::string> env;
  std::vector<std::string> healthcheck_test;  // the image's HEALTHCHECK; empty: none
};

class ContainerFactory {
 public:
  // `images`: by image reference, for every service that may be created.
  ContainerFactory(engine::Engine& engine, const compose::Project& project,
                   std::map<std::string, ImageFacts> images);

  // Creates container `number` of `service` named `name`, attached to all its
  // networks but not started. `replaces`: the ID of the container it takes
  // over from (its anonymous volumes are carried over), or "". Returns the ID.
  engine::Result<std::string> create(const compose::Service& service, int number,
                                     const std::string& name, const std::string& replaces);

  // Changes the spec (and the endpoints of the networks connected after
  // create) before the container is created: run's one-off containers are
  // the service's container with the command line's changes. An Error stops
  // the creation and is returned.
  using SpecAdjustment = std::function<engine::Status(
      engine::ContainerCreate& spec, std::vector<engine::EndpointConfig>& other_networks)>;
  engine::Result<std::string> create(const compose::Service& service, int number,
                                     const std::string& name, const std::string& replaces,
                                     const SpecAdjustment& adjust);

  const ImageFacts& image(const std::string& reference) const;

  // up -V: a replacement starts with new anonymous volumes; the old ones go
  // with the old container.
  void renew_anonymous_volumes(bool renew) { m_renew_anonymous_volumes = renew; }

 private:
  engine::Engine& m_engine;
  const compose::Project& m_project;
  std::map<std::string, ImageFacts> m_images;
  bool m_renew_anonymous_volumes = false;
};

}  // namespace berth::scheduler
