#pragma once
// `config --resolve-image-digests`: a service's image pinned to the digest
// its registry has for it now ("name:tag" -> "registry/repo:tag@sha256:..."),
// as compose v2 pins it, asked through the engine (GET /distribution).

#include <map>
#include <string>
#include <vector>

#include "compose/model.h"
#include "engine/engine.h"

namespace berth::scheduler {

// `image` pinned: unchanged when it already names a digest; else the
// registry's digest, with the docker CLI's credentials. When the registry
// cannot be asked (offline, no such host; not when it answers that it has no
// such image) but the engine holds the image as pulled from or pushed to that
// repository, its digest from then, with a warning (compose v2 fails there). Errors: a bad
// reference, or the registry's answer when there is no digest to fall back on.
engine::Result<std::string> pinned_image(engine::Engine& engine, const std::string& image,
                                         std::vector<std::string>& warnings);

// pinned_image() of every service that names its image (a service only built
// has none to pin), by service name; the first failure, its message naming
// the service and the image.
engine::Result<std::map<std::string, std::string>> pinned_service_images(
    engine::Engine& engine, const compose::Project& project, std::vector<std::string>& warnings);

}  // namespace berth::scheduler
