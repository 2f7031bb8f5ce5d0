#include "scheduler/observed_state.h"

#include <algorithm>
#include <future>

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

template <typename Summary>
std::vector<Summary> of_project(const std::vector<Summary>& all, const std::string& project) {
  std::vector<Summary> out;
  for (const auto& object : all) {
    if (labels::value_of(object.labels, labels::k_project) == project) {
      out.push_back(object);
    }
  }
  return out;
}

engine::Result<ObservedState> observe(engine::Engine& engine, const std::string& project) {
  const engine::LabelFilter filter = labels::project_filter(project);
  // Three lists at once: the snapshot costs one round trip, not three.
  auto networks = std::async(std::launch::async, [&engine] { return engine.list_networks({}); });
  auto volumes = std::async(std::launch::async, [&engine] { return engine.list_volumes({}); });
  auto containers = engine.list_containers(filter, true);
  auto all_networks = networks.get();
  auto all_volumes = volumes.get();
  if (!containers) {
    return containers.error();
  }
  if (!all_networks) {
    return all_networks.error();
  }
  if (!all_volumes) {
    return all_volumes.error();
  }
  ObservedState state;
  state.project = project;
  state.containers = std::move(containers).value();
  state.all_networks = std::move(all_networks).value();
  state.all_volumes = std::move(all_volumes).value();
  state.networks = of_project(state.all_networks, project);
  state.volumes = of_project(state.all_volumes, project);
  return state;
}

}  // namespace berth::scheduler
