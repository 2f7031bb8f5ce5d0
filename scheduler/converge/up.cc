#include "scheduler/converge/up.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <set>

#include "compose/config_error.h"
#include "health/health_check.h"
#include "health/health_monitor.h"
#include "scheduler/converge/api_requirements.h"
#include "scheduler/health_specs.h"
#include "scheduler/joined.h"
#include "scheduler/spec/config_hash.h"
#include "scheduler/converge/container_factory.h"
#include "scheduler/dependency_waits.h"
#include "scheduler/plan_run.h"
#include "scheduler/converge/network_duplicates.h"
#include "scheduler/network_plan.h"
#include "scheduler/converge/network_setup.h"
#include "scheduler/observed_state.h"
#include "scheduler/converge/dependent_reload.h"
#include "scheduler/operation_runner.h"
#include "scheduler/converge/reconcile.h"
#include "scheduler/converge/replacement_recovery.h"
#include "scheduler/spec/secret_mounts.h"

namespace berth::scheduler {

namespace {

// Image facts for every service (a service outside the selection may still
// be recreated when a service it links to changes), from the observation; a
// missing image is an error only for the services to bring up.
bool image_facts(const compose::Project& project, const std::vector<std::string>& services,
                 bool dry_run, const ObservedState& observed,
                 std::map<std::string, ImageFacts>& images, Progress& progress) {
  const std::set<std::string> wanted(services.begin(), services.end());
  bool ok = true;
  for (const auto& service : project.services) {
    if (auto image = observed.images.find(service.image); image != observed.images.end()) {
      images[service.image] = {image->second.id, image->second.env,
                               image->second.healthcheck_test};
      continue;
    }
    if (!wanted.count(service.name) || images.count(service.image)) {
      continue;
    }
    const engine::Error& error = observed.image_errors.at(service.image);
    if (dry_run && error.code == engine::ErrorCode::not_found) {
      // A real run builds or pulls it first; the plan below assumes it new.
      progress.warning("service \"" + service.name + "\": image \"" + service.image +
                       "\" is not on the engine; up would build or pull it");
      images[service.image] = {};
      continue;
    }
    std::string why = error.code == engine::ErrorCode::not_found
                          ? "image \"" + service.image + "\" is not on the engine"
                          : error.message;
    progress.error("Service", service.name, "service \"" + service.name + "\": " + why);
    ok = false;
  }
  return ok;
}

// External volumes must exist; the project's own ones missing are created.
bool plan_volumes(const compose::Project& project, const ObservedState& observed,
                  DesiredState& desired, Progress& progress) {
  bool ok = true;
  for (const auto& decl : project.volumes) {
    bool exists = false;
    for (const auto& volume : observed.all_volumes) {
      exists = exists || volume.name == decl.name;
    }
    if (exists) {
      continue;
    }
    if (!decl.external) {
      desired.missing_volumes.push_back(decl.name);
    } else if (!project.legacy_format) {
      progress.error("Volume", decl.name, "external volume \"" + decl.name + "\" not found");
      ok = false;
    }
  }
  return ok;
}

void plan_networks(const compose::Project& project, const ObservedState& observed,
                   const std::vector<const compose::NetworkDecl*>& used, DesiredState& desired) {
  for (const auto* network : used) {
    if (!network->external && !observed.network(network->name)) {
      desired.missing_networks.push_back(network->name);
    }
  }
  (void)project;
}

bool has_health_check(const compose::Service& service,
                      const std::map<std::string, ImageFacts>& images) {
  auto image = images.find(service.image);
  return health::has_health_check(
      service_health_spec(service),
      image == images.end() ? std::vector<std::string>{} : image->second.healthcheck_test);
}

// A dependency awaited healthy must have a health check, or the wait could
// only time out; found before any change, at the depends_on entry.
bool check_health_dependencies(const compose::Project& project,
                               const std::vector<std::string>& services,
                               const std::map<std::string, ImageFacts>& images,
                               Progress& progress) {
  const std::set<std::string> selected(services.begin(), services.end());
  bool ok = true;
  for (const auto& name : services) {
    for (const auto& dependency : project.find_service(name)->depends_on) {
      if (dependency.condition != compose::DependencyCondition::service_healthy ||
          !selected.count(dependency.service) ||
          has_health_check(*project.find_service(dependency.service), images)) {
        continue;
      }
      // The message names its place in the file; no "Service web:" before it.
      progress.error("Service", "",
                     compose::format_diagnostic(
                         {dependency.pos, "service \"" + dependency.service +
                                              "\" has no health check to wait for; give it "
                                              "healthcheck: or x-berth-health:"}));
      ok = false;
    }
  }
  return ok;
}

// start_interval reaches the engine as Healthcheck.StartInterval, which
// engines before API 1.44 (Docker 25) drop silently: say so instead.
void warn_about_start_interval(engine::Engine& engine, const compose::Project& project,
                               const std::vector<std::string>& services, Progress& progress) {
  std::string users;
  for (const auto& name : services) {
    const auto& check = project.find_service(name)->options.healthcheck;
    if (check && check->start_interval_ns) {
      users += (users.empty() ? "" : ", ") + name;
    }
  }
  if (users.empty()) {
    return;
  }
  auto version = engine.version();
  if (!version) {
    return;
  }
  const std::string& api = version->api_version;
  const auto dot = api.find('.');
  const int major = std::atoi(api.substr(0, dot).c_str());
  const int minor = dot == std::string::npos ? 0 : std::atoi(api.substr(dot + 1).c_str());
  if (major > 1 || (major == 1 && minor >= 44)) {
    return;
  }
  progress.warning("healthcheck.start_interval of " + users + " is ignored by this engine (API " +
                   api + "; it needs 1.44): checks run every interval from the start");
}

ReconcileOptions reconcile_options(const UpOptions& options,
                                   const std::vector<std::string>& services) {
  ReconcileOptions out;
  out.services = services;
  out.roots = options.services;
  out.scale = options.scale;
  out.force_recreate = options.force_recreate;
  out.no_recreate = options.no_recreate;
  out.always_recreate_deps = options.always_recreate_deps;
  out.no_start = options.no_start;
  out.remove_orphans = options.remove_orphans;
  return out;
}

PlanRun plan_run_of(const UpOptions& options) {
  PlanRun how;
  how.parallel = options.parallel;
  how.interruption = options.interruption;
  how.dry_run = options.dry_run;
  return how;
}

// Plans of their own that go before up's main plan, each only when there is
// something to mend: an earlier run killed in a recreate may have left
// containers under temporary names, and an older berth may have made a
// network twice. A dry run prints them; the main plan then assumes them done.
bool mend_before_planning(engine::Engine& engine, const compose::Project& project,
                          const UpOptions& options, ObservedState& observed,
                          Progress& progress) {
  OperationRunner runner(engine, project, progress, options.timeout, {}, {});
  if (auto attached = networks_in_use_if_duplicated(engine, observed, progress)) {
    const Plan removal = plan_duplicate_network_removal(observed, *attached);
    forget_removed_networks(removal, run_plan(removal, runner, progress, plan_run_of(options)),
                            observed, progress);
  }
  const Plan repairs = plan_name_repairs(observed);
  if (repairs.empty()) {
    return true;
  }
  if (!run_plan(repairs, runner, progress, plan_run_of(options)).ok()) {
    return false;
  }
  if (options.dry_run) {
    return true;
  }
  auto again = observe(engine, project.name);  // the names changed; the images did not
  if (!again) {
    progress.error("Project", project.name, again.error().message);
    return false;
  }
  ObservedState renamed = std::move(again).value();
  renamed.images = std::move(observed.images);
  renamed.image_errors = std::move(observed.image_errors);
  observed = std::move(renamed);
  return true;
}

}  // namespace

bool up(engine::Engine& engine, const compose::Project& project, const DependencyGraph& graph,
        const UpOptions& options, Progress& progress) {
  for (const auto& name : options.services) {
    if (!project.find_service(name)) {
      progress.error("Service", name, "no such service: \"" + name + "\"");
      return false;
    }
  }
  for (const auto& [name, number] : options.scale) {  // `up --scale nosuch=2`, as compose v2
    if (!project.find_service(name)) {
      progress.error("Service", "", "no such service: " + name + " (--scale " + name + "=" +
                                        std::to_string(number) + ")");
      return false;
    }
  }
  const auto services = options.services.empty() ? graph.start_order()
                        : options.no_deps        ? options.services
                                                 : graph.with_dependencies(options.services);
  if (const auto unused = unused_networks(project); !unused.empty()) {
    progress.warning("networks declared but not used by any service: " + joined(unused));
  }
  // Images come first: a build or pull changes no container, and the
  // checks below need every image's facts, which the observation then holds.
  ImageQuery image_query;
  for (const auto& service : project.services) {
    image_query.references.insert(service.image);
  }
  if (!options.dry_run && !supply_images(engine, project, services, options.images, progress,
                                         &image_query.known)) {
    return false;
  }
  auto observed = observe(engine, project.name, image_query);
  if (!observed) {
    progress.error("Project", project.name, observed.error().message);
    return false;
  }
  // Everything that can be found wrong is found before the first change.
  std::map<std::string, ImageFacts> images;
  DesiredState desired;
  const auto networks = networks_used(project, services);
  bool checks = image_facts(project, services, options.dry_run, *observed, images, progress);
  checks = check_networks(project, *observed, networks, progress) && checks;
  checks = plan_volumes(project, *observed, desired, progress) && checks;
  if (!options.no_start) {
    checks = check_health_dependencies(project, services, images, progress) && checks;
  }
  checks = check_secret_sources(project, services, progress) && checks;
  if (!checks) {
    return false;
  }
  if (!mend_before_planning(engine, project, options, observed.value(), progress)) {
    return false;
  }
  plan_networks(project, *observed, networks, desired);
  warn_about_start_interval(engine, project, services, progress);
  for (const auto& service : project.services) {
    auto image = images.find(service.image);
    desired.config_hashes[service.name] =
        config_hash(service, image == images.end() ? "" : image->second.id);
    if (has_health_check(service, images)) {
      desired.health_checked.insert(service.name);
    }
  }
  auto reconciliation =
      reconcile(project, graph, *observed, desired, reconcile_options(options, services));
  for (const auto& error : reconciliation.errors) {
    progress.error("Project", "", error);  // each names its service and place in the file
  }
  if (!reconciliation.errors.empty()) {
    return false;
  }
  for (const auto& warning : reconciliation.warnings) {
    progress.warning(warning);
  }
  for (const auto& name : reconciliation.running) {
    progress.step("Container", name, "Running");
  }

  // Subscribed before the first change, so no health or exit event is missed.
  health::HealthMonitor monitor(engine, monitored_project(project));
  if (has_awaits(reconciliation.plan) || options.wait) {
    if (auto started = monitor.start(); !started) {
      progress.warning("engine events unavailable (" + started.error().message +
                       "); waiting by inspection");
    }
  }
  ContainerFactory factory(engine, project, std::move(images));
  factory.renew_anonymous_volumes(options.renew_anonymous_volumes);
  OperationRunner runner(
      engine, project, progress, options.timeout,
      [&](const Operation& op) {
        return factory.create(*project.find_service(op.service), op.number, op.name, op.replaces);
      },
      await_with(monitor, project, options.wait_timeout));
  DependentReload reload(engine, project);
  runner.on_reload([&reload](const Operation& op, const std::string& id) {
    return reload.reload(op, id);
  });
  // Ends the health waits in flight; declared after the monitor, so it is
  // forgotten before the monitor goes.
  InterruptAction end_waits(options.interruption, [&monitor] { monitor.cancel(); });
  auto report = run_plan(reconciliation.plan, runner, progress, plan_run_of(options));
  if (options.dry_run) {
    return true;
  }
  if (!report.ok()) {
    // A replacement whose predecessor was never stopped (interrupted, or a
    // dependency failed first) goes again: the old container stays in charge.
    // Not interruptible: it is what makes an interrupted run safe.
    const Plan cleanup = plan_unused_replacement_removal(reconciliation.plan, report);
    if (!cleanup.empty()) {
      PlanRun how = plan_run_of(options);
      how.interruption = nullptr;
      run_plan(cleanup, runner, progress, how);
    }
    return false;
  }
  if (options.wait && !options.no_start) {
    // Also the services this run (re)started without being asked: those
    // recreated because they link to a changed one are not ready either.
    std::vector<std::string> waited = services;
    for (const auto& op : reconciliation.plan.operations()) {
      if (op.kind == OperationKind::start_container &&
          std::find(waited.begin(), waited.end(), op.service) == waited.end()) {
        waited.push_back(op.service);
      }
    }
    return wait_until_ready(engine, monitor, project, waited, options.wait_timeout, progress);
  }
  return true;
}

}  // namespace berth::scheduler
