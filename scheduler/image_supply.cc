#include "scheduler/image_supply.h"

#include <set>

#include "scheduler/image_transfer.h"

namespace berth::scheduler {

bool supply_images(engine::Engine& engine, const compose::Project& project,
                   const std::vector<std::string>& services, const ImageSupply& supply,
                   Progress& progress) {
  std::vector<std::string> to_build;
  std::set<std::string> pulled;  // an image shared by several services is pulled once
  std::set<std::string> present;  // and inspected once: 50 services of one image, one call
  for (const auto& name : services) {
    const compose::Service* service = project.find_service(name);
    if (!service) {
      continue;
    }
    if (service->build && supply.build && !supply.no_build) {
      to_build.push_back(name);
      continue;
    }
    if (present.count(service->image)) {
      continue;
    }
    auto image = engine.inspect_image(service->image);
    if (image) {
      present.insert(service->image);
      continue;
    }
    if (image.error().code != engine::ErrorCode::not_found) {
      progress.error("Service", name, "service \"" + name + "\": " + image.error().message);
      return false;
    }
    if (service->build) {
      if (supply.no_build) {
        progress.error("Service", name,
                       "service \"" + name + "\": image \"" + service->image +
                           "\" is not built, and --no-build forbids building it");
        return false;
      }
      to_build.push_back(name);
      continue;
    }
    if (!pulled.insert(service->image).second) {
      continue;
    }
    progress.step("Image", service->image, "Pulling");
    if (auto got = pull_image(engine, service->image, name, supply.output, progress); !got) {
      progress.error("Service", name,
                     "service \"" + name + "\": image \"" + service->image +
                         "\" is not on the engine and could not be pulled: " +
                         got.error().message);
      return false;
    }
    progress.step("Image", service->image, "Pulled");
  }
  return build_images(engine, project, to_build, supply.build_request, supply.output, progress);
}

}  // namespace berth::scheduler
