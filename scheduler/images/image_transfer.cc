#include "scheduler/images/image_transfer.h"

#include "engine/image_reference.h"
#include "engine/registry_auth.h"

namespace berth::scheduler {

engine::Result<std::string> registry_auth_for(const std::string& reference,
                                              std::vector<std::string>& warnings) {
  auto parsed = engine::parse_image_reference(reference);
  if (!parsed) {
    return parsed.error();
  }
  auto credentials = engine::find_credentials(engine::registry_key(*parsed), &warnings);
  if (!credentials) {
    return credentials.error();
  }
  return engine::x_registry_auth(*credentials);
}

engine::Result<std::string> registry_auth_for(const std::string& reference, Progress& progress) {
  std::vector<std::string> warnings;
  auto auth = registry_auth_for(reference, warnings);
  for (const auto& warning : warnings) {
    progress.warning(warning);
  }
  return auth;
}

namespace {

engine::Engine::ProgressHandler forward_to(const ImageOutput& output, const std::string& service) {
  return [&output, service](const engine::ProgressMessage& message) {
    if (output) {
      output(service, message);
    }
  };
}

// `pull_policy:` as `pull` honours it, as compose does: never and build do not
// pull, missing and if_not_present only when the image is not there.
bool skips_pull(engine::Engine& engine, const compose::Service& service) {
  const std::string& policy = service.pull_policy;
  if (policy == "never" || policy == "build") {
    return true;
  }
  return (policy == "missing" || policy == "if_not_present") &&
         engine.inspect_image(service.image).ok();
}

}  // namespace

bool has_named_image(const compose::Project& project, const compose::Service& service) {
  return !service.build || service.image != project.name + "-" + service.name;
}

engine::Status pull_image(engine::Engine& engine, const std::string& reference,
                          const std::string& service, const ImageOutput& output,
                          Progress& progress) {
  auto auth = registry_auth_for(reference, progress);
  if (!auth) {
    return auth.error();
  }
  return engine.pull_image(reference, *auth, forward_to(output, service));
}

bool pull_images(engine::Engine& engine, const compose::Project& project,
                 const std::vector<std::string>& services, const TransferRequest& request,
                 const ImageOutput& output, Progress& progress) {
  bool ok = true;
  for (const auto& name : services) {
    const compose::Service* service = project.find_service(name);
    if (!service || !has_named_image(project, *service) || skips_pull(engine, *service)) {
      continue;
    }
    progress.step("Image", service->image, "Pulling");
    if (auto pulled = pull_image(engine, service->image, name, output, progress); !pulled) {
      progress.error("Image", service->image,
                     "service \"" + name + "\": pull failed: " + pulled.error().message);
      ok = ok && request.ignore_failures;
      continue;
    }
    progress.step("Image", service->image, "Pulled");
  }
  return ok;
}

bool push_images(engine::Engine& engine, const compose::Project& project,
                 const std::vector<std::string>& services, const TransferRequest& request,
                 const ImageOutput& output, Progress& progress) {
  bool ok = true;
  for (const auto& name : services) {
    const compose::Service* service = project.find_service(name);
    if (!service || !service->build) {
      continue;
    }
    if (!has_named_image(project, *service)) {
      progress.warning("service \"" + name + "\" has no image: to push; skipped");
      continue;
    }
    progress.step("Image", service->image, "Pushing");
    auto auth = registry_auth_for(service->image, progress);
    engine::Status pushed =
        auth ? engine.push_image(service->image, *auth, forward_to(output, name))
             : engine::Status(auth.error());
    if (!pushed) {
      progress.error("Image", service->image,
                     "service \"" + name + "\": push failed: " + pushed.error().message);
      ok = ok && request.ignore_failures;
      continue;
    }
    progress.step("Image", service->image, "Pushed");
  }
  return ok;
}

}  // namespace berth::scheduler
