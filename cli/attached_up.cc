#include "cli/attached_up.h"

#include <ctime>

#include "cli/error_line.h"
#include "cli/exit_codes.h"
#include "cli/log_writer.h"
#include "cli/terminal_progress.h"
#include "scheduler/session/attached_session.h"

namespace berth::cli {

namespace {

// A line of berth's own, with the local time first.
std::string stamped(const std::string& line) {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  char stamp[16];
  std::strftime(stamp, sizeof stamp, "%H:%M:%S", &local);
  return std::string(stamp) + " " + line + "\n";
}

}  // namespace

int run_attached(engine::Engine& engine, const LoadedProject& loaded,
                 const std::vector<std::string>& started, const AttachOptions& options,
                 InterruptWatch& watch) {
  LogWriter writer;
  scheduler::AttachedSessionOptions session_options;
  session_options.started = started;
  session_options.attach = options.attach;
  session_options.no_attach = options.no_attach;
  session_options.abort_on_container_exit = options.abort_on_container_exit;
  session_options.abort_on_container_failure = options.abort_on_container_failure;
  session_options.prefix = !options.no_log_prefix;
  session_options.timestamps = options.timestamps;
  session_options.exit_code_from = options.exit_code_from;
  session_options.colour = log_colours_wanted(options.no_color, options.ansi);
  scheduler::AttachedSession session(
      engine, loaded.project, loaded.graph, session_options, writer,
      [&writer](const std::string& line) { writer.write_text(stamped(line)); });
  TerminalProgress progress;
  watch.on_signal([&](int count, int) { session.interrupt(count, progress); });
  if (watch.count() > 0) {
    session.interrupt(1, progress);  // interrupted while converging
  }
  const auto end = session.run(progress);
  watch.on_signal({});  // its handler refers to what this function is about to destroy
  switch (end.why) {
    case scheduler::SessionEnd::Why::not_attached:
      print_error("cannot attach to project \"" + loaded.project.name + "\": " + end.error);
      return k_exit_failure;
    case scheduler::SessionEnd::Why::interrupted: return k_exit_interrupted;
    case scheduler::SessionEnd::Why::aborted: return end.exit_code;
    case scheduler::SessionEnd::Why::all_exited: return k_exit_success;
  }
  return k_exit_success;
}

}  // namespace berth::cli
