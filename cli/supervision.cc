#include "cli/supervision.h"

#include <cstdio>
#include <ctime>

#include "cli/error_line.h"
#include "cli/exit_codes.h"
#include "cli/terminal_progress.h"
#include "scheduler/lifecycle/lifecycle.h"
#include "scheduler/supervision.h"

namespace berth::cli {

namespace {

void print_line(const std::string& line) {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  char stamp[16];
  std::strftime(stamp, sizeof stamp, "%H:%M:%S", &local);
  std::printf("%s %s\n", stamp, line.c_str());
  std::fflush(stdout);
}

}  // namespace

int supervise_until_interrupted(engine::Engine& engine, const LoadedProject& loaded,
                                InterruptWatch& watch, bool stop_project) {
  health::SupervisorOptions options;
  options.start_order = loaded.graph.start_order();
  scheduler::Supervision supervisor(engine, loaded.project, options, print_line);
  TerminalProgress progress;
  watch.on_signal([&](int count, int) {
    if (count == 1) {
      if (stop_project) {
        print_line("Gracefully stopping... (press Ctrl+C again to force)");
      }
      supervisor.stop();
    } else if (stop_project) {
      scheduler::run_lifecycle(scheduler::Lifecycle::kill, engine, loaded.project, loaded.graph, {},
                               progress);
    }
  });
  if (watch.count() > 0) {
    supervisor.stop();  // interrupted before supervision began
  }
  auto status = supervisor.run();
  // Replacing the handler waits for a running one (it may be in stop()), so
  // the supervisor is not destroyed under it; later signals only kill.
  watch.on_signal([&](int count, int) {
    if (count > 1 && stop_project) {
      scheduler::run_lifecycle(scheduler::Lifecycle::kill, engine, loaded.project, loaded.graph,
                               {}, progress);
    }
  });
  int code = k_exit_success;
  if (!status) {
    print_error("cannot supervise project \"" + loaded.project.name +
                "\": " + status.error().message);
    code = k_exit_failure;
  } else if (stop_project) {
    scheduler::run_lifecycle(scheduler::Lifecycle::stop, engine, loaded.project, loaded.graph, {},
                             progress);
    code = k_exit_interrupted;
  }
  watch.on_signal({});  // the handler refers to what is about to be destroyed
  return code;
}

}  // namespace berth::cli
