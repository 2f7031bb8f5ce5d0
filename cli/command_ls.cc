#include <CLI/CLI.hpp>
#include <cstdio>

#include "cli/commands.h"
#include "cli/error_line.h"
#include "cli/exit_codes.h"
#include "cli/text_table.h"
#include "scheduler/labels.h"
#include "scheduler/project/project_listing.h"

namespace berth::cli {

namespace {

struct LsFlags {
  bool all = false;
  bool quiet = false;
  std::string format = "table";
};

}  // namespace

CommandRun setup_ls(CLI::App& app) {
  auto flags = std::make_shared<LsFlags>();
  app.add_flag("-a,--all", flags->all, "Also projects with no running container");
  app.add_flag("-q,--quiet", flags->quiet, "Only show project names");
  app.add_option("--format", flags->format, "table or json")
      ->check(CLI::IsMember({"table", "json"}));
  // Needs no project file: it looks at the engine only.
  return [flags](const GlobalOptions&) {
    auto engine = connect_engine();
    // As docker compose v2: without -a only running containers are counted,
    // so a project shows up while one of its containers runs.
    auto containers = engine->list_containers({scheduler::labels::k_project}, flags->all);
    if (!containers) {
      print_error(containers.error().message);
      return static_cast<int>(k_exit_failure);
    }
    const auto rows = scheduler::project_rows(*containers);
    if (flags->quiet) {
      for (const auto& row : rows) {
        std::printf("%s\n", row.name.c_str());
      }
    } else if (flags->format == "json") {
      std::printf("%s\n", scheduler::project_rows_json(rows).c_str());
    } else {
      std::vector<TableRow> table;
      for (const auto& row : rows) {
        table.push_back({row.name, row.status, row.config_files});
      }
      std::fputs(column_table({"NAME", "STATUS", "CONFIG FILES"}, table).c_str(), stdout);
    }
    return static_cast<int>(k_exit_success);
  };
}

}  // namespace berth::cli
