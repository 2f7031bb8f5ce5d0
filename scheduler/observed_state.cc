#include "scheduler/observed_state.h"

#include <algorithm>

#include "scheduler/container_naming.h"
#include "scheduler/labels.h"

namespace berth::scheduler {

namespace {

std::string label(const engine::ContainerSummary& c, const char* key) {
  return labels::value_of(c.labels, key);
}

}  // namespace

std::vector<engine::ContainerSummary> ObservedState::containers_of(
    const std::string& service) const {
  std::vector<engine::ContainerSummary> out;
  for (const auto& c : containers) {
    if (label(c, labels::k_service) == service && label(c, labels::k_oneoff) != "True") {
      out.push_back(c);
    }
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return parse_container_number(label(a, labels::k_container_number)).value_or(0) <
           parse_container_number(label(b, labels::k_container_number)).value_or(0);
  });
  return out;
}

const engine::NetworkSummary* ObservedState::network(const std::string& name) const {
  for (const auto& n : networks) {
    if (n.name == name) {
      return &n;
    }
  }
  return nullptr;
}

engine::Result<ObservedState> observe(engine::Engine& engine, const std::string& project) {
  const engine::LabelFilter filter = labels::project_filter(project);
  ObservedState state;
  state.project = project;
  auto containers = engine.list_containers(filter, true);
  if (!containers) {
    return containers.error();
  }
  state.containers = std::move(containers).value();
  auto networks = engine.list_networks(filter);
  if (!networks) {
    return networks.error();
  }
  state.networks = std::move(networks).value();
  auto volumes = engine.list_volumes(filter);
  if (!volumes) {
    return volumes.error();
  }
  state.volumes = std::move(volumes).value();
  return state;
}

}  // namespace berth::scheduler
