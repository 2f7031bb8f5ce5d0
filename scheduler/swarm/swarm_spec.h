#pragma once
// The translation of a project into what a swarm runs (`berth deploy`): one
// swarm service per project service, named and labelled as `docker stack
// deploy` names them, so `docker stack ps/services` understand berth's
// deployments. Pure functions: tested without an engine.

#include <map>
#include <string>
#include <vector>

#include "compose/config_error.h"
#include "compose/model.h"
#include "engine/swarm_types.h"
#include "engine/types.h"
#include "scheduler/labels.h"
#include "scheduler/spec/link_environment.h"

namespace berth::scheduler {

// "<project>_<service>", as a stack names it.
std::string swarm_service_name(const compose::Project& project, const std::string& service);

// Every reason `services` cannot run on a swarm as written, positioned at the
// service ("file:line:column: services.web.volumes_from: ..."), all at once,
// so the user fixes them in one go before anything is changed: build without
// a named image, volumes_from, network_mode, container_name, privileged,
// devices, pid/ipc, external_links, ulimits, a host IP on a port, a port range
// mapped to a different range, an explicitly non-overlay network driver, and
// `scale` or `deploy.replicas` on a global service.
std::vector<compose::Diagnostic> swarm_incompatibilities(const compose::Project& project,
                                                         const std::vector<std::string>& services);

// What a swarm runs, but not as on one engine: `x-berth-health` without a
// `healthcheck:` (berth's own probe runs beside `up`, not on swarm nodes, so
// a dependent waits only for running tasks). One message per service.
std::vector<std::string> swarm_warnings(const compose::Project& project,
                                        const std::vector<std::string>& services);

// The overlay network for `network` (not external): attachable as written,
// labelled with the stack namespace.
engine::NetworkCreate swarm_network_create(const compose::Project& project,
                                           const compose::NetworkDecl& network);

// The names other services link to `service` by (links "svc:alias"), which
// become network aliases of `service` on every network it joins.
std::vector<std::string> link_aliases_of(const compose::Project& project,
                                         const std::string& service);

// The swarm service for `service`. `linked` holds, per linked service name,
// what the link variables need (its address: the service's virtual IP, else
// its name; its exposed ports; its environment); a link whose service is
// missing from `linked` gets no variables. The spec's labels carry the stack
// namespace and labels::k_config_hash, the hash of everything else.
engine::ServiceSpec swarm_service_spec(const compose::Project& project,
                                       const compose::Service& service,
                                       const std::map<std::string, LinkedContainer>& linked);

// The ports and environment a link to `service` exposes, without an address:
// `expose:`, the ports' container ports and `image_ports` (the image's own,
// "80/tcp"), sorted and without duplicates; the image's env then the service's.
LinkedContainer link_target_of(const compose::Service& service,
                               const std::vector<std::string>& image_ports,
                               const std::vector<std::string>& image_env);

}  // namespace berth::scheduler
