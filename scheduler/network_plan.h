#pragma once
// Which engine networks a service's container joins, and how: the pure half
// of networking, decided from the project alone so tests need no engine.
// network_setup.h holds the half that calls the engine.

#include <string>
#include <vector>

#include "compose/model.h"
#include "engine/types.h"

namespace berth::scheduler {

// One network a service's container is on, in engine terms.
struct Attachment {
  std::string network;                              // the engine's name
  const compose::ServiceNetwork* config = nullptr;  // nullptr on the default bridge
};

// The networks a service's container joins, the one it is created on first:
// by priority, highest first and ties in the order written, when any priority
// is set; otherwise by engine name, as docker-compose 1.29.2 orders them.
// network_mode "bridge" gives the engine's default bridge; "host", "none",
// "service:" and "container:" give none.
std::vector<Attachment> attachments_of(const compose::Project& project,
                                       const compose::Service& service);

// The networks (engine names) `service` shares with `other`, in the order of
// `service`'s attachments: where a link from one to the other works.
std::vector<std::string> shared_networks(const compose::Project& project,
                                         const compose::Service& service,
                                         const compose::Service& other);

// The declared networks the named services join, in the order declared: what
// `up` checks and creates.
std::vector<const compose::NetworkDecl*> networks_used(const compose::Project& project,
                                                       const std::vector<std::string>& services);

// Keys of networks the file declares but no service joins (compose warns).
std::vector<std::string> unused_networks(const compose::Project& project);

// How `up` creates a declared, not external network: with the project's labels.
engine::NetworkCreate network_create_for(const compose::Project& project,
                                         const compose::NetworkDecl& network);

// The container's endpoint on `network` (engine name): its DNS aliases (the
// service name first, then the configured ones; none on the default bridge,
// which refuses them), fixed addresses, and `links` ("container:alias").
engine::EndpointConfig endpoint_on(const compose::Project& project, const compose::Service& service,
                                   const std::string& network,
                                   const std::vector<std::string>& links);

// HostConfig.NetworkMode for network_mode "host", "none", "container:NAME"
// and "service:NAME" (with `service_container`, the ID of that service's
// first container); "" when the container joins networks instead.
std::string engine_network_mode(const compose::Service& service,
                                const std::string& service_container);

}  // namespace berth::scheduler
