// deploy, undeploy and services: the project on a Docker Swarm (see
// scheduler/deploy.h for what each does).

#include <CLI/CLI.hpp>
#include <cstdio>

#include "cli/commands.h"
#include "cli/error_line.h"
#include "cli/exit_codes.h"
#include "cli/number_checks.h"
#include "cli/project_locking.h"
#include "cli/terminal_progress.h"
#include "cli/text_table.h"
#include "scheduler/joined.h"
#include "scheduler/swarm/deploy.h"

namespace berth::cli {

CommandRun setup_deploy(CLI::App& app) {
  auto flags = std::make_shared<scheduler::DeployOptions>();
  auto timeout = std::make_shared<int>(300);
  app.add_flag("--prune", flags->prune, "Remove the stack's services the file no longer has");
  auto* detach = app.add_flag("-d,--detach", flags->detach,
                              "Create everything at once; wait for no dependency (as "
                              "`docker stack deploy`)");
  app.add_flag("--wait", flags->wait,
               "Return once every service has all its tasks running (and healthy)")
      ->excludes(detach);
  app.add_option("--wait-timeout", *timeout,
                 "Seconds each wait (a dependency, --wait) may take (default 300)")
      ->check(at_least(1));
  return [flags, timeout](const GlobalOptions& options) {
    auto loaded = load_checked_project(options);
    auto engine = connect_engine();
    auto lock = lock_project(*engine, loaded.project.name);
    TerminalProgress progress;
    flags->wait_timeout = std::chrono::seconds(*timeout);
    flags->dry_run = options.dry_run;
    bool ok = scheduler::deploy(*engine, loaded.project, loaded.graph, *flags, progress);
    return static_cast<int>(ok ? k_exit_success : k_exit_failure);
  };
}

CommandRun setup_undeploy(CLI::App& /*app*/) {
  return [](const GlobalOptions& options) {
    auto loaded = load_checked_project(options);
    auto engine = connect_engine();
    auto lock = lock_project(*engine, loaded.project.name);
    TerminalProgress progress;
    bool ok = scheduler::undeploy(*engine, loaded.project, progress, options.dry_run);
    return static_cast<int>(ok ? k_exit_success : k_exit_failure);
  };
}

CommandRun setup_services(CLI::App& app) {
  auto quiet = std::make_shared<bool>(false);
  app.add_flag("-q,--quiet", *quiet, "Only show the swarm's service names");
  return [quiet](const GlobalOptions& options) {
    auto loaded = load_checked_project(options);
    auto engine = connect_engine();
    auto rows = scheduler::swarm_services(*engine, loaded.project);
    if (!rows) {
      print_error(rows.error().message);
      return static_cast<int>(k_exit_failure);
    }
    std::vector<TableRow> table;
    for (const scheduler::SwarmServiceStatus& row : *rows) {
      if (*quiet) {
        std::printf("%s\n", row.name.c_str());
        continue;
      }
      table.push_back({row.name, row.service, row.mode,
                       std::to_string(row.running) + "/" + std::to_string(row.desired), row.image,
                       scheduler::joined(row.ports)});
    }
    if (!*quiet) {
      std::fputs(column_table({"NAME", "SERVICE", "MODE", "REPLICAS", "IMAGE", "PORTS"}, table)
                     .c_str(),
                 stdout);
    }
    return static_cast<int>(k_exit_success);
  };
}

}  // namespace berth::cli
