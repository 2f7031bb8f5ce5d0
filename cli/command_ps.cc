#include <CLI/CLI.hpp>
#include <cstdio>

#include "cli/commands.h"
#include "cli/error_line.h"
#include "cli/exit_codes.h"
#include "cli/named_project.h"
#include "cli/text_table.h"
#include "scheduler/container_listing.h"

namespace berth::cli {

namespace {

struct PsFlags {
  bool quiet = false;
  bool all = false;
  bool services = false;
  std::vector<std::string> states;
  std::string format = "table";
  std::vector<std::string> service_names;
};

void print_rows(const std::vector<scheduler::ContainerRow>& rows) {
  std::vector<TableRow> table;
  for (const auto& row : rows) {
    table.push_back({row.name, row.service, row.state, row.status, row.ports});
  }
  std::fputs(column_table({"NAME", "SERVICE", "STATE", "STATUS", "PORTS"}, table).c_str(), stdout);
}

// --services: the project's services (those named, if any), in the file's
// order; with --status, only those with a container in such a state.
void print_services(const compose::Project& project, const PsFlags& flags,
                    const std::vector<scheduler::ContainerRow>& rows) {
  for (const auto& service : project.services) {
    const auto& named = flags.service_names;
    if (!named.empty() && std::find(named.begin(), named.end(), service.name) == named.end()) {
      continue;
    }
    const bool has_row = std::any_of(rows.begin(), rows.end(),
                                     [&](const auto& row) { return row.service == service.name; });
    if (flags.states.empty() || has_row) {
      std::printf("%s\n", service.name.c_str());
    }
  }
}

}  // namespace

CommandRun setup_ps(CLI::App& app) {
  auto flags = std::make_shared<PsFlags>();
  app.add_flag("-q,--quiet", flags->quiet, "Only show container IDs");
  app.add_flag("-a,--all", flags->all, "Also show stopped one-off containers (of `run`)");
  app.add_flag("--services", flags->services, "Only show the services' names, one per line");
  app.add_option("--status", flags->states, "Only containers in this state (repeatable)")
      ->type_size(1)
      ->allow_extra_args(false)
      ->check(CLI::IsMember(
          {"paused", "restarting", "removing", "running", "dead", "created", "exited"}));
  app.add_option("--format", flags->format, "table or json")
      ->check(CLI::IsMember({"table", "json"}));
  app.add_option("services", flags->service_names, "Only these services' containers");
  return [flags](const GlobalOptions& options) {
    auto named = load_named_project(options);
    auto& loaded = named.loaded;
    for (const auto& name : flags->service_names) {
      if (loaded.project.find_service(name) == nullptr) {
        std::fprintf(stderr, "error: no such service: %s\n", name.c_str());
        return static_cast<int>(k_exit_failure);
      }
    }
    auto engine = named.connect();
    auto observed = scheduler::observe_containers(*engine, loaded.project.name);
    if (!observed) {
      print_error(observed.error().message);
      return static_cast<int>(k_exit_failure);
    }
    const auto rows = scheduler::filter_rows(scheduler::container_rows(*observed),
                                             {flags->all, flags->service_names, flags->states});
    if (flags->services) {
      print_services(loaded.project, *flags, rows);
    } else if (flags->quiet) {
      for (const auto& row : rows) {
        std::printf("%s\n", row.id.c_str());
      }
    } else if (flags->format == "json") {
      std::printf("%s\n", scheduler::container_rows_json(rows, loaded.project.name).c_str());
    } else {
      print_rows(rows);
    }
    return static_cast<int>(k_exit_success);
  };
}

}  // namespace berth::cli
