#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>

#include "cli/commands.h"
#include "cli/error_line.h"
#include "cli/exit_codes.h"
#include "cli/named_project.h"
#include "cli/text_table.h"
#include "scheduler/container_listing.h"

namespace berth::cli {

CommandRun setup_top(CLI::App& app) {
  auto services = std::make_shared<std::vector<std::string>>();
  app.add_option("services", *services, "Only these services' containers");
  return [services](const GlobalOptions& options) {
    auto named = load_named_project(options);
    auto& loaded = named.loaded;
    auto engine = named.connect();
    auto observed = scheduler::observe_containers(*engine, loaded.project.name);
    if (!observed) {
      print_error(observed.error().message);
      return static_cast<int>(k_exit_failure);
    }
    // As docker-compose 1.29.2: the containers that run (a paused one still
    // has its processes), by name, a blank line between two.
    auto rows = scheduler::filter_rows(scheduler::container_rows(*observed),
                                       {false, *services, {"running", "paused"}});
    std::sort(rows.begin(), rows.end(),
              [](const auto& a, const auto& b) { return a.name < b.name; });
    int exit_code = k_exit_success;
    bool first = true;
    for (const auto& row : rows) {
      auto processes = engine->top_container(row.id);
      if (!processes) {
        print_error(row.name + ": " + processes.error().message);
        exit_code = k_exit_failure;
        continue;
      }
      std::printf("%s%s\n%s\n", first ? "" : "\n", row.name.c_str(),
                  ruled_table(processes->titles, processes->processes).c_str());
      first = false;
    }
    return exit_code;
  };
}

}  // namespace berth::cli
