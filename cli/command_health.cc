// wait and supervise: the commands that follow a running project.

#include <CLI/CLI.hpp>
#include <cstdio>

#include "cli/commands.h"
#include "cli/project_locking.h"
#include "scheduler/lifecycle/down.h"
#include "cli/error_line.h"
#include "cli/exit_codes.h"
#include "cli/supervision.h"
#include "cli/terminal_progress.h"
#include "scheduler/lifecycle/wait_exit.h"

namespace berth::cli {

CommandRun setup_wait(CLI::App& app) {
  auto services = std::make_shared<std::vector<std::string>>();
  auto down_project = std::make_shared<bool>(false);
  app.add_option("services", *services, "Services whose containers to wait for")->required();
  app.add_flag("--down-project", *down_project,
               "Then take the project down (as `down --remove-orphans`)");
  return [services, down_project](const GlobalOptions& globals) {
    auto loaded = load_checked_project(globals);
    auto engine = connect_engine();
    TerminalProgress progress;
    auto exit_code = scheduler::wait_for_exit(*engine, loaded.project, *services, progress);
    if (!exit_code) {
      print_error(exit_code.error().message);
      return static_cast<int>(k_exit_failure);
    }
    if (*down_project) {
      // As compose v2 2.26.1: once the waited containers have exited.
      auto lock = lock_project(*engine, loaded.project.name);
      scheduler::DownOptions down;
      down.remove_orphans = true;
      down.dry_run = globals.dry_run;
      if (!scheduler::down(*engine, loaded.project, loaded.graph, down, progress)) {
        return static_cast<int>(k_exit_failure);
      }
    }
    return *exit_code;
  };
}

CommandRun setup_supervise(CLI::App& app) {
  (void)app;
  return [](const GlobalOptions& globals) {
    InterruptWatch watch;  // first: every thread after it has the signals blocked
    auto loaded = load_checked_project(globals);
    auto engine = connect_engine();
    return supervise_until_interrupted(*engine, loaded, watch, false);
  };
}

}  // namespace berth::cli
