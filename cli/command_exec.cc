// exec: a command in a running container of a service; see
// scheduler/exec_session.h.

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>

#include "cli/commands.h"
#include "cli/container_arguments.h"
#include "cli/error_line.h"
#include "cli/exit_codes.h"
#include "cli/stdio_session.h"
#include "scheduler/exec_session.h"

namespace berth::cli {

namespace {

int run(const GlobalOptions& globals, const scheduler::ExecOptions& options) {
  auto loaded = load_checked_project(globals);
  auto engine = connect_engine();
  auto session = scheduler::start_exec_session(*engine, loaded.project, options);
  if (!session) {
    print_error(session.error().message);
    return k_exit_failure;
  }
  if (options.detach) {
    return k_exit_success;
  }
  const std::string id = session->exec_id;
  run_stdio_session(*session->stdio, {options.tty, [&engine, id](int rows, int columns) {
                                        return engine->resize_exec(id, rows, columns).ok();
                                      }});
  auto exit_code = scheduler::exec_exit_code(*engine, id);
  if (!exit_code) {
    print_error(exit_code.error().message);
    return k_exit_failure;
  }
  return *exit_code;
}

}  // namespace

CommandRun setup_exec(CLI::App& app) {
  auto arguments = std::make_shared<ExecArguments>();
  add_exec_arguments(app, *arguments);
  return [arguments, &app](const GlobalOptions& globals) {
    if (auto error = finish_exec_arguments(*arguments, app.remaining(), isatty(STDIN_FILENO))) {
      std::fprintf(stderr, "error: exec: %s\n", error->c_str());
      return static_cast<int>(k_exit_usage);
    }
    return run(globals, arguments->options);
  };
}

}  // namespace berth::cli
