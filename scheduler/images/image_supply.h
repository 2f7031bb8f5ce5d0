#pragma once
// Before `up` (and `run`) create containers: every service to bring up needs
// its image on the engine. A service with `build:` is built when asked
// (--build) or when its image is missing; one without is pulled when missing.
// Compose does the same; `--no-build` makes a missing built image an error.

#include <map>
#include <string>
#include <vector>

#include "compose/model.h"
#include "engine/engine.h"
#include "scheduler/images/image_build.h"
#include "scheduler/progress.h"

namespace berth::scheduler {

struct ImageSupply {
  bool build = false;     // --build: build every selected service that has `build:`
  bool no_build = false;  // --no-build: never build
  // --pull always|missing|never|build: every service's pull_policy; "": the file's.
  std::string pull;
  BuildRequest build_request;
  ImageOutput output;  // progress of builds and pulls; may be empty
};

// Returns false (reported through `progress`) when an image could not be had.
// `inspected`, when given, gets each image found already there, so the
// caller need not inspect it again (neither built nor pulled, it is unchanged).
bool supply_images(engine::Engine& engine, const compose::Project& project,
                   const std::vector<std::string>& services, const ImageSupply& supply,
                   Progress& progress,
                   std::map<std::string, engine::ImageDetails>* inspected = nullptr);

}  // namespace berth::scheduler
