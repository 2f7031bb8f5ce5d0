#include <CLI/CLI.hpp>
#include <cstdio>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/scale_argument.h"
#include "cli/terminal_progress.h"
#include "compose/profiles.h"
#include "scheduler/project_lock.h"
#include "scheduler/up.h"

namespace berth::cli {

namespace {

struct UpFlags {
  bool detach = false;
  std::vector<std::string> scale;
  scheduler::UpOptions options;
};

// up, create and scale share this: converge, under the project's lock.
int converge(const GlobalOptions& globals, scheduler::UpOptions options) {
  auto loaded = load_checked_project(globals);
  // Profiles decide before the engine is reached: a dependency they leave
  // out is a ConfigError. Named services count as enabled.
  if (options.services.empty()) {
    options.services =
        compose::active_services(loaded.project, loaded.project.enabled_profiles, {});
    options.no_deps = false;
  } else {
    compose::active_services(loaded.project, loaded.project.enabled_profiles, options.services);
  }
  options.parallel = globals.parallel;
  auto engine = connect_engine();
  scheduler::ProjectLock lock(loaded.project.name, engine::default_engine_host());
  TerminalProgress progress;
  bool ok = scheduler::up(*engine, loaded.project, loaded.graph, options, progress);
  return ok ? k_exit_success : k_exit_failure;
}

void add_convergence_flags(CLI::App& app, UpFlags& flags) {
  auto& o = flags.options;
  app.add_flag("--force-recreate", o.force_recreate, "Recreate containers even if unchanged");
  app.add_flag("--no-recreate", o.no_recreate, "Never recreate existing containers")
      ->excludes("--force-recreate");
  app.add_flag("--no-deps", o.no_deps, "Do not start the named services' dependencies");
  app.add_flag("--always-recreate-deps", o.always_recreate_deps,
               "Recreate the dependencies of the named services")
      ->excludes("--no-recreate");
  app.add_flag("--remove-orphans", o.remove_orphans,
               "Remove containers of services not in the project file");
  app.add_option("services", o.services, "Services (default: all active)");
}

}  // namespace

CommandRun setup_up(CLI::App& app) {
  auto flags = std::make_shared<UpFlags>();
  app.add_flag("-d,--detach", flags->detach, "Run containers in the background");
  app.add_flag("--no-start", flags->options.no_start, "Create containers, do not start them");
  app.add_option("--scale", flags->scale, "Scale SERVICE to NUM containers (SERVICE=NUM)")
      ->type_size(1)
      ->allow_extra_args(false);
  app.add_option("-t,--timeout", flags->options.timeout, "Seconds to wait for containers to stop")
      ->check(CLI::NonNegativeNumber);
  add_convergence_flags(app, *flags);
  return [flags](const GlobalOptions& options) {
    if (!flags->detach && !flags->options.no_start) {
      // Attached mode streams logs; it comes with `logs`. Refuse rather than
      // pretend: nothing is changed.
      std::fprintf(stderr, "error: attached 'up' is not available yet; use 'berth up -d'\n");
      return static_cast<int>(k_exit_usage);
    }
    auto up_options = flags->options;
    up_options.scale = parse_scale_arguments(flags->scale);
    return converge(options, up_options);
  };
}

CommandRun setup_create(CLI::App& app) {
  auto flags = std::make_shared<UpFlags>();
  add_convergence_flags(app, *flags);
  return [flags](const GlobalOptions& options) {
    auto up_options = flags->options;
    up_options.no_start = true;
    return converge(options, up_options);
  };
}

CommandRun setup_scale(CLI::App& app) {
  auto words = std::make_shared<std::vector<std::string>>();
  auto timeout = std::make_shared<int>(-1);
  app.add_option("SERVICE=NUM", *words, "Services and their numbers of containers")->required();
  app.add_option("-t,--timeout", *timeout, "Seconds to wait for containers to stop")
      ->check(CLI::NonNegativeNumber);
  return [words, timeout](const GlobalOptions& options) {
    scheduler::UpOptions up_options;
    up_options.scale = parse_scale_arguments(*words);
    for (const auto& [service, number] : up_options.scale) {
      up_options.services.push_back(service);
    }
    up_options.timeout = *timeout;
    return converge(options, up_options);
  };
}

}  // namespace berth::cli
