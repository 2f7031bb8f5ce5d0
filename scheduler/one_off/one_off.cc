#include "scheduler/one_off/one_off.h"

#include <chrono>
#include <cstdlib>
#include <map>
#include <set>

#include "scheduler/converge/api_requirements.h"
#include "scheduler/converge/container_factory.h"
#include "scheduler/images/image_supply.h"
#include "scheduler/network_plan.h"
#include "scheduler/converge/network_setup.h"
#include "scheduler/observed_state.h"
#include "scheduler/spec/secret_mounts.h"
#include "scheduler/converge/up.h"

namespace berth::scheduler {

namespace {

// A one-off may run for days: waiting for it has no practical bound.
constexpr std::chrono::milliseconds k_wait_forever = std::chrono::hours(24 * 365);

std::optional<std::string> from_environment(const std::string& key) {
  const char* value = std::getenv(key.c_str());
  return value == nullptr ? std::nullopt : std::optional<std::string>(value);
}

bool start_dependencies(engine::Engine& engine, const compose::Project& project,
                        const DependencyGraph& graph, const RunOptions& options,
                        Progress& progress) {
  UpOptions up_options;
  for (const auto& service : graph.with_dependencies({options.service})) {
    if (service != options.service) {
      up_options.services.push_back(service);
    }
  }
  if (up_options.services.empty()) {
    return true;  // up with no services would mean all of them
  }
  up_options.parallel = options.parallel;
  up_options.remove_orphans = options.remove_orphans;
  up_options.images.build = options.images.build;
  up_options.images.pull = options.images.pull;
  return up(engine, project, graph, up_options, progress);
}

engine::Status create_service_networks(engine::Engine& engine, const compose::Project& project,
                                       const std::string& service, Progress& progress) {
  auto observed = observe(engine, project.name);
  if (!observed) {
    return observed.error();
  }
  const auto networks = networks_used(project, {service});
  if (!check_networks(project, *observed, networks, progress) ||
      !create_networks(engine, project, *observed, networks, progress)) {
    return engine::Error{engine::ErrorCode::server, 0,
                         "the networks of service \"" + service + "\" are not usable"};
  }
  return engine::Done{};
}

// The images the factory reads: the service's and those of the services it
// links to (their environment goes into the link variables).
engine::Result<std::map<std::string, ImageFacts>> image_facts(engine::Engine& engine,
                                                              const compose::Project& project,
                                                              const compose::Service& service) {
  std::set<std::string> references = {service.image};
  for (const auto& link : service.links) {
    if (const auto* target = project.find_service(link.service)) {
      references.insert(target->image);
    }
  }
  std::map<std::string, ImageFacts> images;
  for (const auto& reference : references) {
    auto image = engine.inspect_image(reference);
    if (!image) {
      if (reference == service.image) {
        return engine::Error{image.error().code, image.error().http_status,
                             "image \"" + reference + "\" of service \"" + service.name +
                                 "\": " + image.error().message};
      }
      continue;
    }
    images[reference] = {image->id, image->env, image->healthcheck_test};
  }
  return images;
}

}  // namespace

engine::Result<OneOff> start_one_off(engine::Engine& engine, const compose::Project& project,
                                     const DependencyGraph& graph, const RunOptions& options,
                                     Progress& progress) {
  const auto* service = project.find_service(options.service);
  if (service == nullptr) {
    return engine::Error{engine::ErrorCode::not_found, 0,
                         "no such service: \"" + options.service + "\""};
  }
  if (!check_secret_sources(project, {service->name}, progress)) {
    return engine::Error{engine::ErrorCode::bad_request, 0,
                         "the secrets and configs of service \"" + service->name +
                             "\" cannot be given to it"};
  }
  if (!options.no_deps && !start_dependencies(engine, project, graph, options, progress)) {
    return engine::Error{engine::ErrorCode::server, 0,
                         "the dependencies of service \"" + service->name + "\" did not start"};
  }
  if (auto networks = create_service_networks(engine, project, service->name, progress);
      !networks) {
    return networks.error();
  }
  // As compose: the service's image is built or pulled when missing.
  ImageSupply supply;
  supply.build = options.images.build;
  supply.pull = options.images.pull;
  if (!supply_images(engine, project, {service->name}, supply, progress)) {
    return engine::Error{engine::ErrorCode::not_found, 0,
                         "no image for service \"" + service->name + "\""};
  }
  auto images = image_facts(engine, project, *service);
  if (!images) {
    return images.error();
  }
  ContainerFactory factory(engine, project, std::move(images).value());
  OneOff one_off;
  one_off.name = options.name.empty()
                     ? one_off_name(project.name, service->name, random_one_off_suffix())
                     : options.name;
  auto created = factory.create(
      *service, 1, one_off.name, "", [&](engine::ContainerCreate& spec, auto& other_networks) {
        return apply_run_options(project, options, spec, other_networks, from_environment);
      });
  if (!created) {
    return created.error();
  }
  one_off.id = *created;
  auto fail = [&](const engine::Error& error) -> engine::Result<OneOff> {
    if (options.remove) {
      engine.remove_container(one_off.id, true, true);
    }
    return error;
  };
  if (!options.detach) {
    auto attached = engine.attach_container(one_off.id);
    if (!attached) {
      return fail(attached.error());
    }
    one_off.stdio = std::move(attached).value();
  }
  if (auto started = engine.start_container(one_off.id); !started) {
    return fail(started.error());
  }
  return one_off;
}

engine::Result<int> finish_one_off(engine::Engine& engine, const OneOff& one_off, bool remove) {
  auto exit_code = engine.wait_container(one_off.id, k_wait_forever);
  if (remove) {
    auto removed = engine.remove_container(one_off.id, true, true);
    if (!removed && exit_code) {
      return removed.error();
    }
  }
  return exit_code;
}

}  // namespace berth::scheduler
