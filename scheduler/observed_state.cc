#include "scheduler/observed_state.h"

#include <algorithm>
#include <future>

#include "scheduler/labels.h"

namespace berth::scheduler {

std::vector<ObservedContainer> ObservedState::containers_of(const std::string& service) const {
  std::vector<ObservedContainer> out;
  for (const auto& c : containers) {
    if (c.service == service && !c.one_off) {
      out.push_back(c);
    }
  }
  std::sort(out.begin(), out.end(),
            [](const auto& a, const auto& b) { return a.number < b.number; });
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

namespace {

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

// The images not known already, inspected a few at a time: a project names
// few images, and each inspection is one round trip.
void inspect_images(engine::Engine& engine, const ImageQuery& query, ObservedState& state) {
  constexpr size_t k_in_flight = 8;
  std::vector<std::string> asked;
  for (const auto& reference : query.references) {
    if (auto known = query.known.find(reference); known != query.known.end()) {
      state.images.emplace(reference, known->second);
    } else {
      asked.push_back(reference);
    }
  }
  for (size_t first = 0; first < asked.size(); first += k_in_flight) {
    std::vector<std::future<engine::Result<engine::ImageDetails>>> answers;
    for (size_t i = first; i < asked.size() && i < first + k_in_flight; ++i) {
      answers.push_back(std::async(std::launch::async, [&engine, &reference = asked[i]] {
        return engine.inspect_image(reference);
      }));
    }
    for (size_t i = 0; i < answers.size(); ++i) {
      auto image = answers[i].get();
      if (image) {
        state.images.emplace(asked[first + i], std::move(image).value());
      } else {
        state.image_errors.emplace(asked[first + i], image.error());
      }
    }
  }
}

}  // namespace

engine::Result<ObservedState> observe(engine::Engine& engine, const std::string& project,
                                      const ImageQuery& images) {
  const engine::LabelFilter filter = labels::project_filter(project);
  // The lists and the image inspections at once: the snapshot costs about one
  // round trip, not one per kind of object.
  auto networks = std::async(std::launch::async, [&engine] { return engine.list_networks({}); });
  auto volumes = std::async(std::launch::async, [&engine] { return engine.list_volumes({}); });
  ObservedState state;
  std::future<void> inspected;
  if (!images.references.empty()) {
    inspected = std::async(std::launch::async,
                           [&engine, &images, &state] { inspect_images(engine, images, state); });
  }
  auto containers = engine.list_containers(filter, true);
  auto all_networks = networks.get();
  auto all_volumes = volumes.get();
  if (inspected.valid()) {
    inspected.get();
  }
  if (!containers) {
    return containers.error();
  }
  if (!all_networks) {
    return all_networks.error();
  }
  if (!all_volumes) {
    return all_volumes.error();
  }
  state.project = project;
  for (auto& container : containers.value()) {
    state.containers.emplace_back(std::move(container));
  }
  state.all_networks = std::move(all_networks).value();
  state.all_volumes = std::move(all_volumes).value();
  state.networks = of_project(state.all_networks, project);
  state.volumes = of_project(state.all_volumes, project);
  return state;
}

engine::Result<ObservedState> observe_containers(engine::Engine& engine,
                                                 const std::string& project) {
  auto containers = engine.list_containers(labels::project_filter(project), true);
  if (!containers) {
    return containers.error();
  }
  ObservedState state;
  state.project = project;
  for (auto& container : containers.value()) {
    state.containers.emplace_back(std::move(container));
  }
  return state;
}

}  // namespace berth::scheduler
