#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <optional>

#include "cli/commands.h"
#include "cli/error_line.h"
#include "cli/exit_codes.h"
#include "cli/named_project.h"
#include "cli/interrupt_watch.h"
#include "cli/log_writer.h"
#include "cli/number_checks.h"
#include "cli/time_option.h"
#include "scheduler/logs/log_follower.h"

namespace berth::cli {

namespace {

struct LogsFlags {
  bool follow = false;
  std::string tail = "all";
  bool timestamps = false;
  std::string since;
  std::string until;
  int index = 0;
  bool no_log_prefix = false;
  bool no_color = false;
  std::vector<std::string> services;
};

int show_logs(const GlobalOptions& globals, const LogsFlags& flags) {
  // Following runs until Ctrl+C: the watch comes before any thread.
  std::optional<InterruptWatch> watch;
  if (flags.follow) {
    watch.emplace();
  }
  auto named = load_named_project(globals);
  auto& loaded = named.loaded;
  for (const auto& service : flags.services) {
    if (!loaded.project.find_service(service)) {
      std::fprintf(stderr, "error: no such service: %s\n", service.c_str());
      return k_exit_failure;
    }
  }
  scheduler::LogFollowOptions options;
  options.log.follow = flags.follow;
  options.log.tail = flags.tail;
  options.log.timestamps = flags.timestamps;
  options.log.since = engine_time(flags.since);
  options.log.until = engine_time(flags.until);
  options.services = flags.services;
  options.index = flags.index;
  options.prefix = !flags.no_log_prefix;
  options.colour = log_colours_wanted(flags.no_color, globals.ansi);
  auto engine = named.connect();
  LogWriter writer;
  scheduler::LogFollower follower(*engine, loaded.project.name, options, writer);
  auto started = follower.start();
  if (!started) {
    print_error("cannot read the logs of project \"" + loaded.project.name +
                "\": " + started.error().message);
    return k_exit_failure;
  }
  if (watch) {
    watch->on_signal([&follower](int, int) { follower.stop(); });
    if (watch->count() > 0) {
      follower.stop();
    }
  }
  follower.run();
  return k_exit_success;
}

}  // namespace

CommandRun setup_logs(CLI::App& app) {
  auto flags = std::make_shared<LogsFlags>();
  app.add_flag("-f,--follow", flags->follow, "Follow the output (until Ctrl+C)");
  app.add_option("-n,--tail", flags->tail,
                 "Lines from the end of each container's log, or \"all\"")
      ->check(at_least_or(0, "all"));
  app.add_flag("-t,--timestamps", flags->timestamps, "Show timestamps");
  app.add_option("--since", flags->since,
                 "Only lines since a unix time, an RFC 3339 date or a duration (10m)")
      ->check(time_text());
  app.add_option("--until", flags->until,
                 "Only lines before a unix time, an RFC 3339 date or a duration (10m ago)")
      ->check(time_text());
  app.add_option("--index", flags->index,
                 "Only the container with this number of each service (default: all)")
      ->check(at_least(1));
  app.add_flag("--no-log-prefix", flags->no_log_prefix, "Do not prefix lines with the container");
  app.add_flag("--no-color", flags->no_color, "Monochrome output");
  app.add_option("services", flags->services, "Services (default: all)");
  return [flags](const GlobalOptions& options) { return show_logs(options, *flags); };
}

}  // namespace berth::cli
