// start, stop, restart, kill, rm, pause, unpause: the same shape each, over
// scheduler::run_lifecycle.

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/number_checks.h"
#include "cli/named_project.h"
#include "cli/project_locking.h"
#include "cli/terminal_progress.h"
#include "scheduler/lifecycle/lifecycle.h"

namespace berth::cli {

namespace {

using scheduler::Lifecycle;
using Options = scheduler::LifecycleOptions;

int run(Lifecycle command, const GlobalOptions& globals, Options options) {
  auto named = load_named_project(globals);
  auto& loaded = named.loaded;
  options.parallel = globals.parallel;
  options.dry_run = globals.dry_run;
  auto engine = named.connect();
  auto lock = lock_project(*engine, loaded.project.name);
  TerminalProgress progress;
  bool ok = scheduler::run_lifecycle(command, *engine, loaded.project, loaded.graph, options,
                                     progress);
  return ok ? k_exit_success : k_exit_failure;
}

CommandRun simple(CLI::App& app, Lifecycle command, bool with_timeout) {
  auto options = std::make_shared<Options>();
  app.add_option("services", options->services, "Services (default: all)");
  if (with_timeout) {
    app.add_option("-t,--timeout", options->timeout, "Seconds to wait for containers to stop")
        ->check(at_least(0));
  }
  return [options, command](const GlobalOptions& globals) {
    return run(command, globals, *options);
  };
}

}  // namespace

CommandRun setup_start(CLI::App& app) {
  auto options = std::make_shared<Options>();
  app.add_option("services", options->services, "Services (default: all)");
  app.add_flag("--wait", options->wait,
               "Wait until every container is running and healthy (as up --wait)");
  app.add_option("--wait-timeout", options->wait_timeout,
                 "Seconds to wait for health (default: each health check's bound)")
      ->check(at_least(1));
  return [options](const GlobalOptions& globals) {
    return run(Lifecycle::start, globals, *options);
  };
}

CommandRun setup_stop(CLI::App& app) { return simple(app, Lifecycle::stop, true); }

CommandRun setup_restart(CLI::App& app) {
  auto options = std::make_shared<Options>();
  app.add_option("services", options->services, "Services (default: all)");
  app.add_option("-t,--timeout", options->timeout, "Seconds to wait for containers to stop")
      ->check(at_least(0));
  app.add_flag("--no-deps", options->no_deps,
               "Do not restart the dependents that asked to follow (depends_on restart: true)");
  return [options](const GlobalOptions& globals) {
    return run(Lifecycle::restart, globals, *options);
  };
}
CommandRun setup_pause(CLI::App& app) { return simple(app, Lifecycle::pause, false); }
CommandRun setup_unpause(CLI::App& app) { return simple(app, Lifecycle::unpause, false); }

CommandRun setup_kill(CLI::App& app) {
  auto options = std::make_shared<Options>();
  app.add_option("services", options->services, "Services (default: all)");
  app.add_option("-s,--signal", options->signal, "Signal to send (default SIGKILL)");
  app.add_flag("--remove-orphans", options->include_orphans,
               "Also kill containers of services not in the project file (as compose v2)");
  return [options](const GlobalOptions& globals) { return run(Lifecycle::kill, globals, *options); };
}

CommandRun setup_rm(CLI::App& app) {
  auto options = std::make_shared<Options>();
  auto force = std::make_shared<bool>(false);
  app.add_option("services", options->services, "Services (default: all)");
  app.add_flag("-f,--force", *force, "Do not ask for confirmation");
  app.add_flag("-s,--stop", options->stop_first, "Stop the containers first if running");
  app.add_flag("-v,--volumes", options->remove_volumes, "Remove their anonymous volumes too");
  return [options, force](const GlobalOptions& globals) {
    if (!*force) {
      // Removing is not undone: ask, and without a terminal to ask on, refuse.
      if (!isatty(STDIN_FILENO)) {
        std::fprintf(stderr, "error: rm needs -f when there is no terminal to confirm on\n");
        return static_cast<int>(k_exit_usage);
      }
      std::fprintf(stderr, "Going to remove the stopped containers%s. Are you sure? [yN] ",
                   options->stop_first ? " (stopping running ones first)" : "");
      std::string answer;
      std::getline(std::cin, answer);
      if (answer != "y" && answer != "Y") {
        return static_cast<int>(k_exit_success);
      }
    }
    return run(Lifecycle::remove, globals, *options);
  };
}

}  // namespace berth::cli
