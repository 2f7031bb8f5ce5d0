#include "scheduler/images/image_supply.h"

#include <set>

#include "scheduler/images/image_transfer.h"

namespace berth::scheduler {
namespace {

// The service's pull_policy, unless --pull overrides every service's.
const std::string& policy(const compose::Service& service, const ImageSupply& supply) {
  return supply.pull.empty() ? service.pull_policy : supply.pull;
}

// What the pull policy makes of a service whose image may or may not be there.
bool builds_always(const compose::Service& service, const ImageSupply& supply) {
  return service.build && !supply.no_build &&
         (supply.build || policy(service, supply) == "build");
}

bool pulls_always(const compose::Service& service, const ImageSupply& supply) {
  return policy(service, supply) == "always";
}

// never, and build without a `build:` section: the image must be there.
bool never_pulls(const compose::Service& service, const ImageSupply& supply) {
  return policy(service, supply) == "never" || policy(service, supply) == "build";
}

}  // namespace

bool supply_images(engine::Engine& engine, const compose::Project& project,
                   const std::vector<std::string>& services, const ImageSupply& supply,
                   Progress& progress, std::map<std::string, engine::ImageDetails>* inspected) {
  std::vector<std::string> to_build;
  std::set<std::string> pulled;  // an image shared by several services is pulled once
  std::set<std::string> present;  // and inspected once: 50 services of one image, one call
  for (const auto& name : services) {
    const compose::Service* service = project.find_service(name);
    if (!service) {
      continue;
    }
    if (builds_always(*service, supply)) {
      to_build.push_back(name);
      continue;
    }
    if (present.count(service->image) || pulled.count(service->image)) {
      continue;
    }
    if (!pulls_always(*service, supply)) {
      auto image = engine.inspect_image(service->image);
      if (image) {
        present.insert(service->image);
        if (inspected) {
          (*inspected)[service->image] = std::move(image).value();
        }
        continue;
      }
      if (image.error().code != engine::ErrorCode::not_found) {
        progress.error("Service", name, "service \"" + name + "\": " + image.error().message);
        return false;
      }
    }
    if (service->build && !pulls_always(*service, supply)) {
      if (supply.no_build) {
        progress.error("Service", name,
                       "service \"" + name + "\": image \"" + service->image +
                           "\" is not built, and --no-build forbids building it");
        return false;
      }
      to_build.push_back(name);
      continue;
    }
    if (never_pulls(*service, supply)) {
      progress.error("Service", name,
                     "service \"" + name + "\": image \"" + service->image +
                         "\" is not on the engine, and " +
                         (supply.pull.empty() ? "pull_policy \"" + service->pull_policy + "\""
                                              : "--pull " + supply.pull) +
                         " forbids pulling it");
      return false;
    }
    pulled.insert(service->image);
    progress.step("Image", service->image, "Pulling");
    if (auto got = pull_image(engine, service->image, name, supply.output, progress); !got) {
      if (service->build && !supply.no_build) {  // pull_policy always, and it can be built
        to_build.push_back(name);
        continue;
      }
      progress.error("Service", name,
                     "service \"" + name + "\": image \"" + service->image +
                         (pulls_always(*service, supply) ? "\" could not be pulled: "
                                                 : "\" is not on the engine and could not be "
                                                   "pulled: ") +
                         got.error().message);
      return false;
    }
    progress.step("Image", service->image, "Pulled");
  }
  return build_images(engine, project, to_build, supply.build_request, supply.output, progress);
}

}  // namespace berth::scheduler
