#include "scheduler/converge/network_setup.h"

#include <chrono>
#include <thread>

#include "scheduler/labels.h"
#include "scheduler/network_plan.h"

namespace berth::scheduler {

namespace {

// How long `down` waits for the engine to let go of a network (5 s in all).
constexpr int k_endpoint_release_attempts = 20;
constexpr auto k_endpoint_release_pause = std::chrono::milliseconds(250);

bool exists(const std::vector<engine::NetworkSummary>& networks, const std::string& name) {
  for (const auto& network : networks) {
    if (network.name == name) {
      return true;
    }
  }
  return false;
}

std::string label(const std::map<std::string, std::string>& all, const char* key) {
  return labels::value_of(all, key);
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

// Every container is gone, yet the engine keeps an endpoint (moby/moby#43286
// on dockerd 20.10, for minutes): only a forced disconnect or a restart mends it.
std::string stale_endpoint_message(const std::string& network) {
  return "network \"" + network +
         "\" still has an endpoint the engine did not release after its container was removed " +
         "(moby/moby#43286); free it with `docker network disconnect -f " + network +
         " <endpoint>` (`docker network inspect " + network +
         "` lists it) or restart dockerd, then run down again";
}

}  // namespace

bool check_networks(engine::Engine& engine, const compose::Project& project,
                    const ObservedState& observed,
                    const std::vector<const compose::NetworkDecl*>& used, Progress& progress) {
  auto networks = engine.list_networks({});
  if (!networks) {
    progress.error("Network", "", networks.error().message);
    return false;
  }
  bool ok = true;
  for (const auto* decl : used) {
    const std::string problem = problem_with(*decl, project, observed, *networks);
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

bool remove_networks(engine::Engine& engine, const compose::Project& project,
                     const ObservedState& observed, Progress& progress) {
  bool ok = true;
  for (const auto& network : observed.networks) {
    const auto* decl = project.find_network(label(network.labels, labels::k_network));
    if (!decl || decl->external || decl->name != network.name) {
      continue;
    }
    progress.step("Network", network.name, "Removing");
    auto removed = engine.remove_network(network.id);
    // dockerd 20.10 under load can release a removed container's endpoint
    // after the removal has returned (moby/moby#43286): the network is ours
    // and its containers are gone, so give the engine a few seconds.
    for (int attempt = 0; attempt < k_endpoint_release_attempts && !removed &&
                          removed.error().message.find("active endpoints") != std::string::npos;
         ++attempt) {
      std::this_thread::sleep_for(k_endpoint_release_pause);
      removed = engine.remove_network(network.id);
    }
    if (!removed && removed.error().message.find("active endpoints") != std::string::npos) {
      progress.error("Network", network.name, stale_endpoint_message(network.name));
      ok = false;
      continue;
    }
    if (!removed && removed.error().code != engine::ErrorCode::not_found) {
      progress.error("Network", network.name, removed.error().message);
      ok = false;
      continue;
    }
    progress.step("Network", network.name, "Removed");
  }
  return ok;
}

}  // namespace berth::scheduler
