// `berth stats`: the resource use of the project's containers, as
// `docker compose stats` shows it, plus a project TOTAL line.

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <atomic>
#include <cstdio>
#include <future>

#include "cli/commands.h"
#include "cli/error_line.h"
#include "cli/exit_codes.h"
#include "cli/interrupt_watch.h"
#include "cli/named_project.h"
#include "cli/number_checks.h"
#include "cli/stats_figures.h"
#include "scheduler/container_listing.h"

namespace berth::cli {

namespace {

struct StatsFlags {
  std::vector<std::string> services;
  bool all = false;
  bool no_stream = false;
  bool no_trunc = false;
  std::string format = "table";
};

struct Sample {
  std::vector<engine::ContainerStats> stats;
  std::string error;  // the first failure other than a container gone meanwhile
};

// One sample of every container the flags select, taken at once: each call
// takes the engine about a second (it reads twice for the CPU figures).
Sample take_sample(engine::Engine& engine, const std::string& project, const StatsFlags& flags) {
  Sample sample;
  auto observed = scheduler::observe_containers(engine, project);
  if (!observed) {
    sample.error = observed.error().message;
    return sample;
  }
  std::vector<std::string> states;
  if (!flags.all) {
    states = {"running", "paused"};
  }
  const auto rows =
      scheduler::filter_rows(scheduler::container_rows(*observed), {true, flags.services, states});
  std::vector<std::future<engine::Result<engine::ContainerStats>>> pending;
  for (const auto& row : rows) {
    pending.push_back(std::async(std::launch::async,
                                 [&engine, id = row.id] { return engine.container_stats(id); }));
  }
  for (std::size_t i = 0; i < pending.size(); ++i) {
    auto stats = pending[i].get();
    if (stats) {
      sample.stats.push_back(std::move(stats).value());
      if (sample.stats.back().name.empty()) {
        sample.stats.back().name = rows[i].name;
      }
    } else if (stats.error().code != engine::ErrorCode::not_found && sample.error.empty()) {
      sample.error = rows[i].name + ": " + stats.error().message;
    }
  }
  return sample;
}

std::string render(const Sample& sample, const StatsFlags& flags) {
  std::vector<StatsLine> lines;
  for (const auto& stats : sample.stats) {
    lines.push_back(stats_line(stats, flags.no_trunc));
  }
  if (flags.format == "json") {
    std::string text;
    for (const auto& line : lines) {
      text += stats_json(line) + "\n";
    }
    return text;
  }
  lines.push_back(total_line(sample.stats));
  return stats_table(lines);
}

}  // namespace

CommandRun setup_stats(CLI::App& app) {
  auto flags = std::make_shared<StatsFlags>();
  app.add_option("services", flags->services, "Only these services' containers");
  app.add_flag("-a,--all", flags->all, "Stopped containers too (default: running ones)");
  app.add_flag("--no-stream", flags->no_stream, "One sample, then exit");
  app.add_flag("--no-trunc", flags->no_trunc, "Full container IDs");
  app.add_option("--format", flags->format,
                 "table (with a project TOTAL line) or json (one object per container and "
                 "sample)")
      ->check(one_of({"table", "json"}));
  return [flags](const GlobalOptions& options) {
    std::atomic<bool> stop{false};
    InterruptWatch interrupts;  // before any thread: the signals are blocked in all after it
    interrupts.on_signal([&stop](int, int) { stop = true; });
    auto named = load_named_project(options);
    for (const auto& name : flags->services) {
      if (named.loaded.project.find_service(name) == nullptr) {
        print_error("no such service: " + name);
        return static_cast<int>(k_exit_failure);
      }
    }
    auto engine = named.connect();
    const bool terminal = ::isatty(STDOUT_FILENO) == 1;
    do {
      const Sample sample = take_sample(*engine, named.loaded.project.name, *flags);
      if (stop) {
        break;  // Ctrl+C while sampling: the sample is not shown
      }
      if (!sample.error.empty()) {
        print_error(sample.error);
        if (flags->no_stream) {
          return static_cast<int>(k_exit_failure);
        }
      }
      // A terminal shows the latest sample in place, as docker does; a pipe
      // gets every sample after the one before.
      const bool redraw = terminal && !flags->no_stream && flags->format == "table";
      const std::string clear = redraw ? "\033[2J\033[H" : "";
      std::fputs((clear + render(sample, *flags)).c_str(), stdout);
      std::fflush(stdout);
    } while (!flags->no_stream && !stop);
    return static_cast<int>(k_exit_success);
  };
}

}  // namespace berth::cli
