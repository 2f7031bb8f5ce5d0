#include "scheduler/network_removal.h"

#include <chrono>
#include <thread>

namespace berth::scheduler {

namespace {

// How long a removal waits for the engine to let go of a network (5 s in all).
constexpr int k_endpoint_release_attempts = 20;
constexpr auto k_endpoint_release_pause = std::chrono::milliseconds(250);

bool active_endpoints(const engine::Status& removed) {
  return !removed && removed.error().message.find("active endpoints") != std::string::npos;
}

// Every container is gone, yet the engine keeps an endpoint (for minutes):
// only a forced disconnect or a restart mends it.
std::string stale_endpoint_message(const std::string& network) {
  return "network \"" + network +
         "\" still has an endpoint the engine did not release after its container was removed " +
         "(moby/moby#43286); free it with `docker network disconnect -f " + network +
         " <endpoint>` (`docker network inspect " + network +
         "` lists it) or restart dockerd, then run down again";
}

}  // namespace

engine::Status remove_project_network(engine::Engine& engine, const std::string& id,
                                      const std::string& name) {
  auto removed = engine.remove_network(id);
  for (int attempt = 0; attempt < k_endpoint_release_attempts && active_endpoints(removed);
       ++attempt) {
    std::this_thread::sleep_for(k_endpoint_release_pause);
    removed = engine.remove_network(id);
  }
  if (active_endpoints(removed)) {
    return engine::Error{removed.error().code, removed.error().http_status,
                         stale_endpoint_message(name)};
  }
  return engine::gone_is_done(removed);
}

}  // namespace berth::scheduler
