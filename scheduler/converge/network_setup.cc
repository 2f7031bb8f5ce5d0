#include "scheduler/converge/network_setup.h"

#include "scheduler/labels.h"
#include "scheduler/network_plan.h"

namespace berth::scheduler {

namespace {

bool exists(const std::vector<engine::NetworkSummary>& networks, const std::string& name) {
  for (const auto& network : networks) {
    if (network.name == name) {
      return true;
    }
  }
  return false;
}

// What keeps `up` from using `decl`'s network, or "".
std::string problem_with(const compose::NetworkDecl& decl, const compose::Project& project,
                         const ObservedState& observed,
                         const std::vector<engine::NetworkSummary>& all) {
  const std::string name = "\"" + decl.name + "\"";
  if (decl.external && !exists(all, decl.name)) {
    return "network " + name + " declared as external, but could not be found (create it with " +
           "`docker network create " + decl.name + "`)";
  }
  const auto* owned = observed.network(decl.name);
  if (decl.external || (owned == nullptr && !exists(all, decl.name))) {
    return "";
  }
  if (owned == nullptr) {
    return "a network of this name exists but does not belong to project \"" + project.name +
           "\"; berth will not use it";
  }
  // As compose: a changed driver needs the network recreated, which `down` does.
  if (!decl.driver.empty() && owned->driver != decl.driver) {
    return "network " + name + " needs to be recreated: its driver is \"" + owned->driver +
           "\", the file says \"" + decl.driver + "\" (`berth down` removes it)";
  }
  return "";
}

}  // namespace

bool check_networks(const compose::Project& project, const ObservedState& observed,
                    const std::vector<const compose::NetworkDecl*>& used, Progress& progress) {
  bool ok = true;
  for (const auto* decl : used) {
    const std::string problem = problem_with(*decl, project, observed, observed.all_networks);
    if (!problem.empty()) {
      progress.error("Network", decl->name, problem);
      ok = false;
    }
  }
  return ok;
}

bool create_networks(engine::Engine& engine, const compose::Project& project,
                     const ObservedState& observed,
                     const std::vector<const compose::NetworkDecl*>& used, Progress& progress) {
  bool ok = true;
  for (const auto* decl : used) {
    if (decl->external || observed.network(decl->name)) {
      continue;
    }
    progress.step("Network", decl->name, "Creating");
    auto created = engine.create_network(network_create_for(project, *decl));
    if (!created) {
      progress.error("Network", decl->name, created.error().message);
      ok = false;
      continue;
    }
    progress.step("Network", decl->name, "Created");
  }
  return ok;
}

}  // namespace berth::scheduler
