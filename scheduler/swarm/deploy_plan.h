#pragma once
// plan_deploy: what `berth deploy` does to a swarm, decided from one
// observation and nothing else (pure: tested without an engine). The Plan's
// edges carry the dependency order and the readiness gates; the Executor,
// through run_plan, carries it out.

#include <map>
#include <string>
#include <vector>

#include "compose/model.h"
#include "engine/swarm_types.h"
#include "engine/types.h"
#include "scheduler/dependency_graph.h"
#include "scheduler/plan.h"
#include "scheduler/spec/link_environment.h"

namespace berth::scheduler {

// What deploy looks at before it plans.
struct SwarmObservation {
  std::vector<engine::ServiceSummary> services;  // the stack's
  std::vector<engine::NetworkSummary> networks;  // all the engine has
  // The images of linked services, by reference; one the manager lacks (it
  // runs on another node) is absent, and only the file's ports count.
  std::map<std::string, engine::ImageDetails> images;
};

struct DeployPlanOptions {
  bool prune = false;   // remove the stack's services the file no longer has
  bool detach = false;  // gate nothing on readiness, only on creation order
  bool wait = false;    // await every service at the end
};

struct DeployPlanning {
  Plan plan;
  std::vector<std::string> unchanged;  // swarm names of the services left as they are
};

// The networks the services join, each once, in the order first joined.
std::vector<const compose::NetworkDecl*> stack_networks(const compose::Project& project,
                                                        const std::vector<std::string>& services);

// What each link of `service` points at, by linked service name: the target's
// virtual IP on a network both join when `observed` has the target service,
// else its name (a dnsrr service has no virtual IP; the name resolves on
// every network it joins), with the ports and environment of its image.
std::map<std::string, LinkedContainer> linked_services(const compose::Project& project,
                                                       const compose::Service& service,
                                                       const SwarmObservation& observed);

// The plan, in start order of the `active` services: an overlay network for
// each missing one; a service created when missing, updated when its spec's
// hash differs from the label of the deployed one, left alone (listed in
// `unchanged`) otherwise; before a service is created or updated, an
// await_service for each dependency it names (links, depends_on), unless
// `detach`, where it waits only for the dependency's own creation. With
// `prune`, the stack's other services are removed once all else succeeded;
// with `wait`, every service is awaited.
DeployPlanning plan_deploy(const compose::Project& project, const DependencyGraph& graph,
                           const std::vector<std::string>& active,
                           const SwarmObservation& observed, const DeployPlanOptions& options);

// undeploy: every service in `observed` (the stack's) removed, then each of
// its networks (`observed.networks`: the stack's only), once the removals
// are done, whether or not each succeeded. Volumes stay: they hold data.
Plan plan_undeploy(const compose::Project& project, const SwarmObservation& observed);

}  // namespace berth::scheduler
