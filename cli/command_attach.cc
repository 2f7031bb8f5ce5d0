// `berth attach`: the local terminal on a running service container's
// standard streams, as `docker compose attach` (docker attach) does it.

#include <CLI/CLI.hpp>
#include <chrono>
#include <csignal>
#include <cstdio>

#include "cli/commands.h"
#include "cli/error_line.h"
#include "cli/exit_codes.h"
#include "cli/interrupt_watch.h"
#include "cli/named_project.h"
#include "cli/number_checks.h"
#include "cli/stdio_session.h"
#include "scheduler/container_listing.h"

namespace berth::cli {

namespace {

struct AttachFlags {
  std::string service;
  int index = 1;
  bool no_stdin = false;
  bool sig_proxy = true;
  std::string detach_keys;
};

constexpr std::chrono::milliseconds k_exit_wait = std::chrono::seconds(2);

int fail(const std::string& message) {
  print_error(message);
  return k_exit_failure;
}

int run_attach(const AttachFlags& flags, const GlobalOptions& options) {
  InterruptWatch interrupts;  // before any thread: the signals are blocked in all after it
  auto named = load_named_project(options);
  if (named.loaded.project.find_service(flags.service) == nullptr) {
    return fail("no such service: " + flags.service);
  }
  auto engine = named.connect();
  auto observed = scheduler::observe_containers(*engine, named.loaded.project.name);
  if (!observed) {
    return fail(observed.error().message);
  }
  std::string id;
  for (const auto& row : scheduler::container_rows(*observed)) {
    if (row.service == flags.service && !row.one_off && row.number == flags.index) {
      id = row.id;
    }
  }
  if (id.empty()) {
    return fail("service \"" + flags.service + "\" has no container number " +
                std::to_string(flags.index));
  }
  auto details = engine->inspect_container(id);
  if (!details) {
    return fail(details.error().message);
  }
  if (details->status == "paused") {
    return fail("cannot attach to " + details->name + ": it is paused (unpause it first)");
  }
  if (!details->running) {
    return fail("cannot attach to " + details->name + ": it is not running (start it first)");
  }
  auto stream = engine->attach_container(id, flags.detach_keys);
  if (!stream) {
    return fail(stream.error().message);
  }
  // Without a TTY, Ctrl+C and SIGTERM go to the container, as docker attach's
  // --sig-proxy; otherwise (a TTY sends Ctrl+C as a byte) they detach.
  const bool proxy = flags.sig_proxy && !details->tty;
  engine::StdioStream& session = **stream;
  interrupts.on_signal([&, proxy](int, int signal) {
    if (proxy) {
      (void)engine->kill_container(id, signal == SIGINT ? "SIGINT" : "SIGTERM");
    } else {
      session.cancel();
    }
  });
  run_stdio_session(session, {details->tty,
                              [&engine, id](int rows, int columns) {
                                return engine->resize_container(id, rows, columns).ok();
                              },
                              !flags.no_stdin && details->open_stdin});
  interrupts.on_signal([](int, int) {});  // the handler's references end here
  if (!proxy && interrupts.count() > 0) {
    return k_exit_interrupted;
  }
  // The stream ended: the container stopped (its exit code is ours; the
  // engine may mark it stopped a moment after its output ends), or the
  // detach keys were typed (it still runs: exit 0, as docker attach).
  auto code = engine->wait_container(id, k_exit_wait);
  if (code) {
    return *code;
  }
  if (code.error().code == engine::ErrorCode::timeout) {
    return k_exit_success;
  }
  return fail(code.error().message);
}

}  // namespace

CommandRun setup_attach(CLI::App& app) {
  auto flags = std::make_shared<AttachFlags>();
  app.add_option("service", flags->service, "The service")->required();
  app.add_option("--index", flags->index, "Which container of the service (default 1)")
      ->check(at_least(1));
  app.add_flag("--no-stdin", flags->no_stdin, "Do not forward stdin");
  app.add_flag("--sig-proxy", flags->sig_proxy,
               "Send Ctrl+C and SIGTERM to the container (default true; --sig-proxy=false: "
               "they detach)");
  app.add_option("--detach-keys", flags->detach_keys,
                 "Key sequence that detaches (default: the engine's, ctrl-p,ctrl-q)");
  return [flags](const GlobalOptions& options) { return run_attach(*flags, options); };
}

}  // namespace berth::cli
