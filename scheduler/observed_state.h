#pragma once
// ObservedState: one snapshot of what the engine holds for a project, taken
// with a few list calls at once, so that deciding what to do needs no further
// reads: containers (labels read once), networks, volumes and the images the
// project names.

#include <map>
#include <set>
#include <string>
#include <vector>

#include "engine/engine.h"
#include "scheduler/observed_container.h"

namespace berth::scheduler {

struct ObservedState {
  std::string project;
  std::vector<ObservedContainer> containers;      // the project's, one-offs included
  std::vector<engine::NetworkSummary> networks;   // the project's
  std::vector<engine::VolumeSummary> volumes;     // the project's
  // Every network and volume on the engine, the project's included: what
  // `up` checks external ones and name clashes against.
  std::vector<engine::NetworkSummary> all_networks;
  std::vector<engine::VolumeSummary> all_volumes;
  // The images asked for, by reference: each is in one of the two maps; one
  // the engine lacks is an error of code not_found.
  std::map<std::string, engine::ImageDetails> images;
  std::map<std::string, engine::Error> image_errors;

  // The service's containers (one-offs excluded), by container number.
  std::vector<ObservedContainer> containers_of(const std::string& service) const;
  const engine::NetworkSummary* network(const std::string& name) const;
};

// What observe() should also read about images: the references to inspect,
// and those already inspected (by the build or pull just before), which are
// taken as they are.
struct ImageQuery {
  std::set<std::string> references;
  std::map<std::string, engine::ImageDetails> known;
};

engine::Result<ObservedState> observe(engine::Engine& engine, const std::string& project,
                                      const ImageQuery& images = {});

// The project's containers only, in one list call: for the commands that
// show containers (ps, top, port, images) and need no networks or volumes.
engine::Result<ObservedState> observe_containers(engine::Engine& engine,
                                                 const std::string& project);

}  // namespace berth::scheduler
