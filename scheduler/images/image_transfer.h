#pragma once
// Pulling and pushing services' images through their registries, with the
// credentials the docker CLI keeps (~/.docker/config.json) and the engine's
// per-layer progress. Images go one after another, so a failure is one clear
// line for its image, and the next image is still tried when asked to.

#include <string>
#include <vector>

#include "compose/model.h"
#include "engine/engine.h"
#include "scheduler/images/image_build.h"
#include "scheduler/progress.h"

namespace berth::scheduler {

// Whether the file names the service's image, rather than berth defaulting it
// to "<project>-<service>" for a service that is only built.
bool has_named_image(const compose::Project& project, const compose::Service& service);

// The X-Registry-Auth value for `reference`'s registry, from the docker CLI's
// credentials; warnings (a missing credential helper) go to `progress`.
engine::Result<std::string> registry_auth_for(const std::string& reference, Progress& progress);
// Same, with the warnings collected in `warnings`.
engine::Result<std::string> registry_auth_for(const std::string& reference,
                                              std::vector<std::string>& warnings);

struct TransferRequest {
  bool ignore_failures = false;  // --ignore-pull-failures / --ignore-push-failures
};

// Pulls the named image of each of `services` (build-only services are
// skipped; a service with both is pulled). A failure is reported through
// `progress` naming the image; returns false when one failed and failures
// are not ignored (the remaining images are still tried).
bool pull_images(engine::Engine& engine, const compose::Project& project,
                 const std::vector<std::string>& services, const TransferRequest& request,
                 const ImageOutput& output, Progress& progress);

// Pushes the image of each of `services` that has `build:` and a named image.
bool push_images(engine::Engine& engine, const compose::Project& project,
                 const std::vector<std::string>& services, const TransferRequest& request,
                 const ImageOutput& output, Progress& progress);

// One image: pull `reference` with the credentials for its registry.
engine::Status pull_image(engine::Engine& engine, const std::string& reference,
                          const std::string& service, const ImageOutput& output,
                          Progress& progress);

}  // namespace berth::scheduler
