#include "scheduler/images/image_digests.h"

#include "engine/image_reference.h"
#include "scheduler/images/image_transfer.h"

namespace berth::scheduler {

namespace {

// As compose v2 writes a pinned image: the full name with its tag, then the
// digest ("docker.io/library/busybox:latest@sha256:...").
std::string pinned_text(const engine::ImageReference& reference, const std::string& digest) {
  return reference.registry + "/" + reference.repository + ":" + reference.tag + "@" + digest;
}

// The digest of `reference`'s repository among the image's RepoDigests.
std::string local_digest(engine::Engine& engine, const std::string& image,
                         const engine::ImageReference& reference) {
  auto details = engine.inspect_image(image);
  if (!details) {
    return {};
  }
  for (const auto& repo_digest : details->repo_digests) {
    auto known = engine::parse_image_reference(repo_digest);
    if (known && known->registry == reference.registry &&
        known->repository == reference.repository && !known->digest.empty()) {
      return known->digest;
    }
  }
  return {};
}

}  // namespace

engine::Result<std::string> pinned_image(engine::Engine& engine, const std::string& image,
                                         std::vector<std::string>& warnings) {
  auto reference = engine::parse_image_reference(image);
  if (!reference) {
    return reference.error();
  }
  if (!reference->digest.empty()) {
    return image;
  }
  auto auth = registry_auth_for(image, warnings);
  if (!auth) {
    return auth.error();
  }
  auto digest = engine.registry_digest(image, *auth);
  if (digest) {
    return pinned_text(*reference, *digest);
  }
  // A registry that answered "no such tag" is believed; only one that could
  // not be asked falls back on what the engine knows.
  const std::string known = digest.error().code == engine::ErrorCode::not_found
                                ? std::string()
                                : local_digest(engine, image, *reference);
  if (known.empty()) {
    return digest.error();
  }
  warnings.push_back(image + ": the registry did not answer (" + digest.error().message +
                     "); pinned to the digest the engine has from " + reference->registry);
  return pinned_text(*reference, known);
}

engine::Result<std::map<std::string, std::string>> pinned_service_images(
    engine::Engine& engine, const compose::Project& project, std::vector<std::string>& warnings) {
  std::map<std::string, std::string> pinned;
  for (const auto& service : project.services) {
    if (!has_named_image(project, service)) {
      continue;
    }
    auto image = pinned_image(engine, service.image, warnings);
    if (!image) {
      engine::Error error = image.error();
      error.message = "service " + service.name + ": image " + service.image + ": " + error.message;
      return error;
    }
    pinned[service.name] = *image;
  }
  return pinned;
}

}  // namespace berth::scheduler
