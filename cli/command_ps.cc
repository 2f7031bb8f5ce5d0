#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "scheduler/container_listing.h"

namespace berth::cli {

namespace {

void print_table(const std::vector<scheduler::ContainerRow>& rows) {
  const std::vector<std::string> header = {"NAME", "SERVICE", "STATE", "STATUS", "PORTS"};
  std::vector<std::vector<std::string>> table = {header};
  for (const auto& row : rows) {
    table.push_back({row.name, row.service, row.state, row.status, row.ports});
  }
  std::vector<size_t> width(header.size(), 0);
  for (const auto& line : table) {
    for (size_t i = 0; i < line.size(); ++i) {
      width[i] = std::max(width[i], line[i].size());
    }
  }
  for (const auto& line : table) {
    std::string text;
    for (size_t i = 0; i < line.size(); ++i) {
      std::string cell = line[i];
      if (i + 1 < line.size()) {
        cell.resize(width[i] + 3, ' ');
      }
      text += cell;
    }
    std::printf("%s\n", text.c_str());
  }
}

}  // namespace

CommandRun setup_ps(CLI::App& app) {
  auto quiet = std::make_shared<bool>(false);
  app.add_flag("-q,--quiet", *quiet, "Only show container IDs");
  return [quiet](const GlobalOptions& options) {
    auto loaded = load_checked_project(options);
    auto engine = connect_engine();
    auto observed = scheduler::observe(*engine, loaded.project.name);
    if (!observed) {
      std::fprintf(stderr, "error: %s\n", observed.error().message.c_str());
      return static_cast<int>(k_exit_failure);
    }
    if (*quiet) {
      for (const auto& container : observed->containers) {
        std::printf("%s\n", container.id.c_str());
      }
    } else {
      print_table(scheduler::container_rows(*observed));
    }
    return static_cast<int>(k_exit_success);
  };
}

}  // namespace berth::cli
