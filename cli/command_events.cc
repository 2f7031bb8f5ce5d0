#include <CLI/CLI.hpp>
#include <algorithm>
#include <condition_variable>
#include <cstdio>
#include <mutex>

#include "cli/commands.h"
#include "cli/error_line.h"
#include "cli/event_format.h"
#include "cli/exit_codes.h"
#include "cli/named_project.h"
#include "cli/interrupt_watch.h"
#include "scheduler/labels.h"
#include "cli/time_option.h"

namespace berth::cli {

namespace {

struct EventsFlags {
  bool json = false;
  std::string since;
  std::string until;
  std::vector<std::string> services;
};

// What ends the command: a signal (success) or the stream breaking (failure).
struct Ending {
  std::mutex mutex;
  std::condition_variable changed;
  bool done = false;
  std::string error;

  void finish(std::string why) {
    std::lock_guard lock(mutex);
    if (!done) {
      done = true;
      error = std::move(why);
    }
    changed.notify_all();
  }
};

}  // namespace

CommandRun setup_events(CLI::App& app) {
  auto flags = std::make_shared<EventsFlags>();
  app.add_flag("--json", flags->json, "One JSON object per line");
  app.add_option("--since", flags->since,
                 "Also the past events since a unix time, an RFC 3339 date or a duration (10m)")
      ->check(time_text());
  app.add_option("--until", flags->until,
                 "Stop at a unix time, an RFC 3339 date or a duration ago; ends then (exit 0)")
      ->check(time_text());
  app.add_option("services", flags->services, "Only these services' containers");
  return [flags](const GlobalOptions& options) {
    Ending ending;              // outlives the watch and the subscription that finish it
    InterruptWatch interrupts;  // before any thread: the signals are blocked in all after it
    auto named = load_named_project(options);
    auto& loaded = named.loaded;
    for (const auto& name : flags->services) {
      if (loaded.project.find_service(name) == nullptr) {
        std::fprintf(stderr, "error: no such service: %s\n", name.c_str());
        return static_cast<int>(k_exit_failure);
      }
    }
    auto engine = named.connect();
    interrupts.on_signal([&ending](int, int) { ending.finish(""); });
    engine::EventFilter filter;
    // One-off containers (of `run`) are left out, as docker-compose 1.29.2 does.
    filter.labels = scheduler::labels::service_containers_filter(loaded.project.name);
    filter.types = {"container"};
    filter.since = engine_time(flags->since);
    filter.until = engine_time(flags->until);
    const auto wanted = [&](const engine::Event& event) {
      const auto service =
          scheduler::labels::value_of(event.attributes, scheduler::labels::k_service);
      return flags->services.empty() || std::find(flags->services.begin(), flags->services.end(),
                                                  service) != flags->services.end();
    };
    auto subscription = engine->subscribe_events(
        filter,
        [&](const engine::Event& event) {
          if (wanted(event)) {
            const auto text = flags->json ? event_json(event) : event_line(event);
            std::printf("%s\n", text.c_str());
            std::fflush(stdout);  // a reader on a pipe sees each event as it happens
          }
        },
        [&ending, until = !filter.until.empty()](const engine::Error& error) {
          // With --until the engine ends the stream there: the normal end.
          ending.finish(until ? "" : error.message);
        });
    if (!subscription) {
      print_error(subscription.error().message);
      return static_cast<int>(k_exit_failure);
    }
    std::unique_lock lock(ending.mutex);
    ending.changed.wait(lock, [&ending] { return ending.done; });
    if (!ending.error.empty()) {
      std::fprintf(stderr, "error: the engine's event stream ended: %s\n", ending.error.c_str());
      return static_cast<int>(k_exit_failure);
    }
    return static_cast<int>(k_exit_success);
  };
}

}  // namespace berth::cli
