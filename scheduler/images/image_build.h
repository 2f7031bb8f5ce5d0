#pragma once
// Building services' images: each service's `build:` becomes a POST /build
// with its context packed as a tar (.dockerignore honoured, symlinks kept as
// links, nothing from outside the context). Builds run one after another in
// the order given, as docker-compose's do, so their output stays readable.

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "compose/model.h"
#include "engine/engine.h"
#include "scheduler/progress.h"

namespace berth::scheduler {

struct BuildRequest {
  bool no_cache = false;
  bool pull = false;   // pull newer FROM images
  bool quiet = false;  // the engine sends only the image ID
  // --build-arg KEY=VALUE, over the file's args.
  std::vector<std::pair<std::string, std::string>> args;
};

// Where a build's or a transfer's progress messages go, per service.
using ImageOutput =
    std::function<void(const std::string& service, const engine::ProgressMessage& message)>;

// The engine's build request for `service` (which must have `build:`).
engine::ImageBuild image_build_for(const compose::Service& service, const BuildRequest& request);

// The line refusing a build that uses a key only BuildKit honours
// ("file:line:column: services.web.build.ssh: build key \"ssh\" needs BuildKit; ..."),
// or nullopt when the classic builder can build it. Pure.
std::optional<std::string> buildkit_refusal(const compose::BuildSpec& build);

// Builds the images of those `services` that have `build:`, in order, and
// tags each as the service's image. Stops at the first failure, reported
// through `progress` with the engine's message; returns false then.
bool build_images(engine::Engine& engine, const compose::Project& project,
                  const std::vector<std::string>& services, const BuildRequest& request,
                  const ImageOutput& output, Progress& progress);

}  // namespace berth::scheduler
