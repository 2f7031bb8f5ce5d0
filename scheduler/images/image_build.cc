#include "scheduler/images/image_build.h"

#include "compose/config_error.h"
#include "engine/build_context.h"
#include "engine/registry_auth.h"

namespace berth::scheduler {

engine::ImageBuild image_build_for(const compose::Service& service, const BuildRequest& request) {
  const compose::BuildSpec& build = *service.build;
  engine::ImageBuild spec;
  spec.tag = service.image;
  spec.dockerfile = build.dockerfile;
  spec.args = build.args;
  for (const auto& arg : request.args) {
    spec.args.push_back(arg);  // later wins in the engine's map
  }
  spec.target = build.target;
  spec.labels = build.labels;
  spec.network = build.network;
  spec.shm_size = build.shm_size;
  spec.extra_hosts = build.extra_hosts;
  spec.cache_from = build.cache_from;
  spec.no_cache = request.no_cache || build.no_cache;
  spec.pull = request.pull || build.pull;
  spec.quiet = request.quiet;
  if (!build.dockerfile_inline.empty()) {
    spec.dockerfile = engine::k_inline_dockerfile_name;
  }
  spec.extra_tags = build.tags;
  if (build.platforms.size() == 1) {  // more than one needs BuildKit: refused before
    spec.platform = build.platforms.front();
  }
  spec.isolation = build.isolation;
  for (const auto& limit : build.ulimits) {
    spec.ulimits.push_back({limit.name, limit.soft, limit.hard});
  }
  return spec;
}

std::optional<std::string> buildkit_refusal(const compose::BuildSpec& build) {
  if (build.buildkit_only.empty()) {
    return std::nullopt;
  }
  const compose::SourcePos& pos = build.buildkit_only.front();
  const std::string key = pos.key_path.substr(pos.key_path.rfind('.') + 1);
  return compose::format_diagnostic(
      {pos, "build key \"" + key + "\" needs BuildKit; berth builds with the engine's classic "
            "builder (API 1.41)"});
}

bool build_images(engine::Engine& engine, const compose::Project& project,
                  const std::vector<std::string>& services, const BuildRequest& request,
                  const ImageOutput& output, Progress& progress) {
  std::string registry_config;  // read once, when the first build needs it
  bool credentials_read = false;
  for (const auto& name : services) {
    const compose::Service* service = project.find_service(name);
    if (!service || !service->build) {
      continue;
    }
    const compose::BuildSpec& build = *service->build;
    if (build.context.empty() || build.context.front() != '/') {
      progress.error("Image", service->image,
                     "service \"" + name + "\": remote build contexts (" + build.context +
                         ") are not supported; clone it and use a local context");
      return false;
    }
    if (auto refusal = buildkit_refusal(build)) {
      progress.error("Image", "", *refusal);
      return false;
    }
    progress.step("Image", service->image, "Building");
    auto context = build.dockerfile_inline.empty()
                       ? engine::pack_build_context(build.context, build.dockerfile)
                       : engine::pack_build_context_inline(build.context, build.dockerfile_inline);
    if (!context) {
      progress.error("Image", service->image,
                     "service \"" + name + "\": " + context.error().message);
      return false;
    }
    if (!credentials_read) {
      // FROM images in private registries: the engine pulls them with these.
      credentials_read = true;
      std::vector<std::string> warnings;
      auto credentials = engine::all_credentials(&warnings);
      for (const auto& warning : warnings) {
        progress.warning(warning);
      }
      if (!credentials) {
        progress.error("Image", service->image, credentials.error().message);
        return false;
      }
      if (!credentials->empty()) {
        registry_config = engine::x_registry_config(*credentials);
      }
    }
    auto spec = image_build_for(*service, request);
    spec.registry_config = registry_config;
    auto built = engine.build_image(spec, std::move(context).value(),
                                    [&](const engine::ProgressMessage& message) {
                                      if (output) {
                                        output(name, message);
                                      }
                                    });
    if (!built) {
      progress.error("Image", service->image,
                     "service \"" + name + "\": build failed: " + built.error().message);
      return false;
    }
    progress.step("Image", service->image, "Built");
  }
  return true;
}

}  // namespace berth::scheduler
