#include <CLI/CLI.hpp>
#include <cstdio>
#include <optional>
#include <regex>

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
  std::string filter;  // name=REGEX
};

}  // namespace

CommandRun setup_ls(CLI::App& app) {
  auto flags = std::make_shared<LsFlags>();
  app.add_flag("-a,--all", flags->all, "Also projects with no running container");
  app.add_flag("-q,--quiet", flags->quiet, "Only show project names");
  app.add_option("--format", flags->format, "table or json")
      ->check(CLI::IsMember({"table", "json"}));
  app.add_option("--filter", flags->filter,
                 "Only projects whose name matches: name=REGEX (as compose v2)");
  // Needs no project file: it looks at the engine only.
  return [flags](const GlobalOptions&) {
    std::optional<std::regex> name;
    if (!flags->filter.empty()) {
      const auto equals = flags->filter.find('=');
      if (flags->filter.substr(0, equals) != "name" || equals == std::string::npos) {
        print_error("--filter " + flags->filter + ": unknown filter (supported: name=REGEX)");
        return static_cast<int>(k_exit_usage);
      }
      try {
        name.emplace(flags->filter.substr(equals + 1));
      } catch (const std::regex_error&) {
        print_error("--filter " + flags->filter + ": not a regular expression");
        return static_cast<int>(k_exit_usage);
      }
    }
    auto engine = connect_engine();
    // As docker compose v2: without -a only running containers are counted,
    // so a project shows up while one of its containers runs.
    auto containers = engine->list_containers({scheduler::labels::k_project}, flags->all);
    if (!containers) {
      print_error(containers.error().message);
      return static_cast<int>(k_exit_failure);
    }
    auto rows = scheduler::project_rows(*containers);
    if (name) {
      std::erase_if(rows, [&](const auto& row) { return !std::regex_search(row.name, *name); });
    }
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
