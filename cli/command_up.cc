#include <CLI/CLI.hpp>
#include <cstdlib>

#include "cli/attached_up.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/image_output.h"
#include "cli/interrupt_watch.h"
#include "cli/number_checks.h"
#include "cli/project_locking.h"
#include "cli/scale_argument.h"
#include "cli/terminal_progress.h"
#include "scheduler/converge/service_selection.h"
#include "scheduler/converge/up.h"

namespace berth::cli {

namespace {

struct UpFlags {
  bool detach = false;
  bool quiet_pull = false;
  bool assume_yes = false;  // -y: berth's up never asks, so there is nothing to answer
  std::vector<std::string> scale;
  scheduler::UpOptions options;
  AttachOptions attach;
};

// up, create and scale share this: converge, under the project's lock. The
// first Ctrl+C (through `watch`, made before any thread) stops beginning new
// work, lets the engine calls in flight finish and ends with 130; a second
// quits at once. With `attached`, then streams the logs and supervises the
// project, unlocked, until interrupted (see attached_up.h).
int converge(const GlobalOptions& globals, scheduler::UpOptions options, InterruptWatch& watch,
             bool quiet_pull, const AttachOptions* attached = nullptr) {
  auto loaded = load_checked_project(globals);
  auto selection = scheduler::select_for_up(loaded.project, loaded.graph, options.services,
                                            options.no_deps);
  // --attach-dependencies: the logs of what starts, dependencies included.
  const auto attached_services =
      attached && attached->attach_dependencies ? selection.starting : selection.services;
  options.services = std::move(selection.services);
  options.no_deps = selection.no_deps;
  options.parallel = globals.parallel;
  options.dry_run = globals.dry_run;
  auto engine = connect_engine();
  {
    auto lock = lock_project(*engine, loaded.project.name, &watch);
    TerminalProgress progress;
    scheduler::Interruption interruption;
    watch.on_signal([&](int count, int) {
      if (count > 1) {
        std::_Exit(k_exit_interrupted);
      }
      progress.warning(
          "interrupted: finishing the engine calls in flight, beginning nothing new "
          "(again to quit at once)");
      interruption.interrupt();
    });
    options.interruption = &interruption;
    ImageOutput image_output(progress, image_output_mode(quiet_pull));
    options.images.output = image_output.sink();
    const bool converged = scheduler::up(*engine, loaded.project, loaded.graph, options, progress);
    watch.on_signal({});  // `progress` and `interruption` end here
    if (interruption.requested()) {
      return k_exit_interrupted;
    }
    if (!converged) {
      return k_exit_failure;
    }
  }
  if (!attached || globals.dry_run) {
    return k_exit_success;
  }
  return run_attached(*engine, loaded, attached_services, *attached, watch);
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
  app.add_flag("--build", o.images.build, "Build images before starting containers");
  app.add_flag("--no-build", o.images.no_build, "Do not build images, even when missing")
      ->excludes("--build");
  app.add_option("--pull", o.images.pull,
                 "Pull images: always, missing, never or build (default: each pull_policy)")
      ->check(CLI::IsMember({"always", "missing", "never", "build"}));
  app.add_flag("--quiet-pull", flags.quiet_pull, "Pull without showing progress");
  app.add_option("--scale", flags.scale, "Scale SERVICE to NUM containers (SERVICE=NUM)")
      ->type_size(1)
      ->allow_extra_args(false);
  app.add_option("services", o.services, "Services (default: all active)");
}

}  // namespace

CommandRun setup_up(CLI::App& app) {
  auto flags = std::make_shared<UpFlags>();
  app.add_flag("-d,--detach", flags->detach, "Run containers in the background");
  app.add_flag("--no-start", flags->options.no_start, "Create containers, do not start them");
  app.add_flag("-V,--renew-anon-volumes", flags->options.renew_anonymous_volumes,
               "Recreated containers get new anonymous volumes, not the old ones' data");
  app.add_flag("-y", flags->assume_yes, "Assume yes (berth's up asks nothing: accepted)");
  app.add_option("-t,--timeout", flags->options.timeout, "Seconds to wait for containers to stop")
      ->check(at_least(0));
  app.add_flag("--wait", flags->options.wait,
               "Wait until every container is running and healthy (implies -d)");
  app.add_option("--wait-timeout", flags->options.wait_timeout,
                 "Seconds to wait for health or completion (default: each health check's bound)")
      ->check(at_least(1));
  app.add_flag("--abort-on-container-exit", flags->attach.abort_on_container_exit,
               "Stop every container when one exits (attached)")
      ->excludes("--detach");
  app.add_option("--exit-code-from", flags->attach.exit_code_from,
                 "Exit with this service's exit code (implies --abort-on-container-exit)")
      ->excludes("--detach");
  app.add_option("--attach", flags->attach.attach, "Show only these services' logs (repeatable)")
      ->type_size(1)
      ->allow_extra_args(false);
  app.add_option("--no-attach", flags->attach.no_attach,
                 "Do not show these services' logs (repeatable)")
      ->type_size(1)
      ->allow_extra_args(false);
  app.add_flag("--abort-on-container-failure", flags->attach.abort_on_container_failure,
               "Stop every container when one exits with a non-zero code (attached)")
      ->excludes("--detach")
      ->excludes("--abort-on-container-exit");
  app.add_flag("--attach-dependencies", flags->attach.attach_dependencies,
               "Also show the logs of the services' dependencies (attached)")
      ->excludes("--detach")
      ->excludes("--attach");
  app.add_flag("--no-log-prefix", flags->attach.no_log_prefix,
               "Do not prefix log lines with the container (attached)");
  app.add_flag("--timestamps", flags->attach.timestamps, "Show timestamps (attached)");
  app.add_flag("--no-color", flags->attach.no_color, "Monochrome output");
  add_convergence_flags(app, *flags);
  return [flags](const GlobalOptions& options) {
    auto up_options = flags->options;
    up_options.scale = parse_scale_arguments(flags->scale);
    InterruptWatch watch;  // before any thread, so all of them leave the signals to it
    if (flags->detach || up_options.no_start || up_options.wait) {
      return converge(options, up_options, watch, flags->quiet_pull);
    }
    // Attached: converge, then stream logs and supervise until Ctrl+C stops
    // the project (or the containers exit; see attached_up.h).
    auto attach = flags->attach;
    attach.ansi = options.ansi;
    return converge(options, up_options, watch, flags->quiet_pull, &attach);
  };
}

CommandRun setup_create(CLI::App& app) {
  auto flags = std::make_shared<UpFlags>();
  add_convergence_flags(app, *flags);
  return [flags](const GlobalOptions& options) {
    auto up_options = flags->options;
    up_options.scale = parse_scale_arguments(flags->scale);
    up_options.no_start = true;
    InterruptWatch watch;  // before any thread
    return converge(options, up_options, watch, flags->quiet_pull);
  };
}

CommandRun setup_scale(CLI::App& app) {
  auto words = std::make_shared<std::vector<std::string>>();
  auto timeout = std::make_shared<int>(-1);
  auto no_deps = std::make_shared<bool>(false);
  app.add_option("SERVICE=NUM", *words, "Services and their numbers of containers")->required();
  app.add_flag("--no-deps", *no_deps, "Do not start the services' dependencies");
  app.add_option("-t,--timeout", *timeout, "Seconds to wait for containers to stop")
      ->check(at_least(0));
  return [words, timeout, no_deps](const GlobalOptions& options) {
    scheduler::UpOptions up_options;
    up_options.scale = parse_scale_arguments(*words);
    for (const auto& [service, number] : up_options.scale) {
      up_options.services.push_back(service);
    }
    up_options.timeout = *timeout;
    up_options.no_deps = *no_deps;
    InterruptWatch watch;  // before any thread
    return converge(options, up_options, watch, false);
  };
}

}  // namespace berth::cli
