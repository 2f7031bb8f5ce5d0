#include <CLI/CLI.hpp>
#include <cstdio>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/terminal_progress.h"
#include "compose/profiles.h"
#include "scheduler/up.h"

namespace berth::cli {

namespace {

struct UpFlags {
  bool detach = false;
  std::vector<std::string> services;
};

}  // namespace

CommandRun setup_up(CLI::App& app) {
  auto flags = std::make_shared<UpFlags>();
  app.add_flag("-d,--detach", flags->detach, "Run containers in the background");
  app.add_option("services", flags->services, "Services to start (default: all)");
  return [flags](const GlobalOptions& options) {
    if (!flags->detach) {
      // Attached mode streams logs; it comes with `logs`. Refuse rather than
      // pretend: nothing is changed.
      std::fprintf(stderr, "error: attached 'up' is not available yet; use 'berth up -d'\n");
      return static_cast<int>(k_exit_usage);
    }
    auto loaded = load_checked_project(options);
    // Profiles decide before the engine is reached: a dependency they leave
    // out is a ConfigError. up() brings what these need, which is all active.
    scheduler::UpOptions up_options;
    up_options.services = compose::active_services(
        loaded.project, loaded.project.enabled_profiles, flags->services);
    auto engine = connect_engine();
    TerminalProgress progress;
    bool ok = scheduler::up(*engine, loaded.project, loaded.graph, up_options, progress);
    return static_cast<int>(ok ? k_exit_success : k_exit_failure);
  };
}

}  // namespace berth::cli
