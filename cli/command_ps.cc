#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <optional>

#include "cli/commands.h"
#include "cli/error_line.h"
#include "cli/exit_codes.h"
#include "cli/go_template.h"
#include "cli/named_project.h"
#include "cli/text_table.h"
#include "scheduler/container_fields.h"
#include "scheduler/container_listing.h"

namespace berth::cli {

namespace {

struct PsFlags {
  bool quiet = false;
  bool all = false;
  bool services = false;
  std::vector<std::string> states;
  std::string format = "table";
  std::string filter;        // --filter status=S
  bool no_trunc = false;
  bool orphans = true;       // --orphans=false: only the file's services
  std::string compat;        // --compat v2 (or COMPOSE_COMPAT=v2): compose v2's columns
  std::vector<std::string> service_names;
};

// compose v2's default table.
constexpr const char* k_v2_table =
    "table {{.Name}}\t{{.Image}}\t{{.Command}}\t{{.Service}}\t{{.RunningFor}}\t{{.Status}}"
    "\t{{.Ports}}";

// --filter KEY=VALUE: status (as --status), source (not implemented, as in v2).
std::optional<std::string> apply_filter(PsFlags& flags) {
  if (flags.filter.empty()) {
    return std::nullopt;
  }
  const auto equals = flags.filter.find('=');
  const std::string key = flags.filter.substr(0, equals);
  const std::string value = equals == std::string::npos ? "" : flags.filter.substr(equals + 1);
  if (key == "status") {
    flags.states.push_back(value);
    return std::nullopt;
  }
  if (key == "source") {
    return std::string("--filter source: not implemented (neither in compose v2)");
  }
  return "--filter " + flags.filter + ": unknown filter (supported: status=STATE)";
}

int print_template(const std::string& format, const std::vector<scheduler::ContainerRow>& rows,
                   const std::string& project, bool no_trunc) {
  std::vector<nlohmann::json> fields;
  const auto now = static_cast<std::int64_t>(std::time(nullptr));
  for (const auto& row : rows) {
    fields.push_back(scheduler::container_fields(row, project, no_trunc, now));
  }
  auto rendered = render_template(format, fields);
  if (!rendered.error.empty()) {
    print_error("ps --format: " + rendered.error);
    return k_exit_usage;
  }
  std::fputs(rendered.text.c_str(), stdout);
  return k_exit_success;
}

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
  app.add_option("--format", flags->format,
                 "table, json (one object per line), or a template: '{{.Name}}\\t{{.Status}}', "
                 "'table {{.Name}}\\t{{.Health}}'");
  app.add_option("--filter", flags->filter, "Only containers in a state: status=STATE");
  app.add_flag("--no-trunc", flags->no_trunc, "Do not cut IDs and commands short");
  app.add_flag("--orphans{true}", flags->orphans,
               "Also containers of services not in the file (default; --orphans=false: not)");
  app.add_option("--compat", flags->compat,
                 "v2: compose v2's table columns (default: COMPOSE_COMPAT, else berth's)")
      ->check(CLI::IsMember({"v2", "berth"}));
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
    if (auto error = apply_filter(*flags)) {
      print_error(*error);
      return static_cast<int>(k_exit_usage);
    }
    if (flags->compat.empty()) {
      const char* compat = std::getenv("COMPOSE_COMPAT");
      flags->compat = compat == nullptr ? "berth" : compat;
    }
    auto engine = named.connect();
    auto observed = scheduler::observe_containers(*engine, loaded.project.name);
    if (!observed) {
      print_error(observed.error().message);
      return static_cast<int>(k_exit_failure);
    }
    auto rows = scheduler::filter_rows(scheduler::container_rows(*observed),
                                       {flags->all, flags->service_names, flags->states});
    if (!flags->orphans) {
      std::erase_if(rows, [&](const auto& row) {
        return !row.one_off && loaded.project.find_service(row.service) == nullptr;
      });
    }
    if (flags->services) {
      print_services(loaded.project, *flags, rows);
    } else if (flags->quiet) {
      for (const auto& row : rows) {
        std::printf("%s\n", row.id.c_str());
      }
    } else if (flags->format == "json") {
      std::fputs(scheduler::container_rows_json(rows, loaded.project.name, flags->no_trunc,
                                                static_cast<std::int64_t>(std::time(nullptr)))
                     .c_str(),
                 stdout);
    } else if (flags->format != "table") {
      return print_template(flags->format, rows, loaded.project.name, flags->no_trunc);
    } else if (flags->compat == "v2") {
      return print_template(k_v2_table, rows, loaded.project.name, flags->no_trunc);
    } else {
      print_rows(rows);
    }
    return static_cast<int>(k_exit_success);
  };
}

}  // namespace berth::cli
