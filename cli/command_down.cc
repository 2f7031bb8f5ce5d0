#include <CLI/CLI.hpp>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/number_checks.h"
#include "cli/named_project.h"
#include "cli/project_locking.h"
#include "cli/terminal_progress.h"
#include "scheduler/lifecycle/down.h"

namespace berth::cli {

CommandRun setup_down(CLI::App& app) {
  auto flags = std::make_shared<scheduler::DownOptions>();
  app.add_flag("-v,--volumes", flags->remove_volumes,
               "Also remove the project's named volumes and anonymous volumes");
  app.add_flag("--remove-orphans", flags->remove_orphans,
               "Also remove containers of services not in the project file");
  app.add_option("-t,--timeout", flags->timeout_seconds, "Seconds to wait for a container to stop (default: each service's stop_grace_period, else 10)")
      ->check(at_least(0));
  app.add_option("--rmi", flags->remove_images,
                 "Remove the services' images: local (built without an image: name) or all")
      ->check(CLI::IsMember({"local", "all"}));
  return [flags](const GlobalOptions& options) {
    auto named = load_named_project(options);
    auto& loaded = named.loaded;
    auto engine = named.connect();
    auto lock = lock_project(*engine, loaded.project.name);
    TerminalProgress progress;
    auto down_options = *flags;
    down_options.dry_run = options.dry_run;
    bool ok = scheduler::down(*engine, loaded.project, loaded.graph, down_options, progress);
    return static_cast<int>(ok ? k_exit_success : k_exit_failure);
  };
}

}  // namespace berth::cli
