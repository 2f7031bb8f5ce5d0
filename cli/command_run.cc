// run: a one-off container of a service; see scheduler/one_off.h.

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>

#include "cli/commands.h"
#include "cli/container_arguments.h"
#include "cli/error_line.h"
#include "cli/exit_codes.h"
#include "cli/project_locking.h"
#include "cli/stdio_session.h"
#include "cli/terminal_progress.h"
#include "compose/variables_file.h"
#include "scheduler/converge/service_selection.h"
#include "scheduler/one_off/one_off.h"

namespace berth::cli {

namespace {

int run(const GlobalOptions& globals, scheduler::RunOptions options) {
  auto loaded = load_checked_project(globals);
  scheduler::select_for_run(loaded.project, loaded.graph, options.service, options.no_deps);
  options.parallel = globals.parallel;
  auto engine = connect_engine();
  engine::Result<scheduler::OneOff> one_off = engine::Error{};
  {
    // Only while dependencies converge and the container is made: the run
    // itself may last long and must not block other commands.
    auto lock = lock_project(*engine, loaded.project.name);
    TerminalProgress progress;
    one_off = scheduler::start_one_off(*engine, loaded.project, loaded.graph, options, progress);
  }
  if (!one_off) {
    print_error(one_off.error().message);
    return k_exit_failure;
  }
  if (options.detach) {
    std::printf("%s\n", one_off->name.c_str());
    return k_exit_success;
  }
  const std::string id = one_off->id;
  run_stdio_session(*one_off->stdio, {options.tty, [&engine, id](int rows, int columns) {
                                        return engine->resize_container(id, rows, columns).ok();
                                      }});
  auto exit_code = scheduler::finish_one_off(*engine, *one_off, options.remove);
  if (!exit_code) {
    print_error(exit_code.error().message);
    return k_exit_failure;
  }
  return *exit_code;
}

}  // namespace

CommandRun setup_run(CLI::App& app) {
  auto arguments = std::make_shared<RunArguments>();
  add_run_arguments(app, *arguments);
  return [arguments, &app](const GlobalOptions& globals) {
    if (auto error = finish_run_arguments(*arguments, app.remaining(), isatty(STDIN_FILENO))) {
      std::fprintf(stderr, "error: run: %s\n", error->c_str());
      return static_cast<int>(k_exit_usage);
    }
    auto options = arguments->options;
    // The files' variables first, so -e wins over them, as with docker run.
    std::vector<std::string> environment;
    for (const auto& file : arguments->env_files) {
      auto entries = compose::read_variables_file(file);
      environment.insert(environment.end(), entries.begin(), entries.end());
    }
    environment.insert(environment.end(), options.environment.begin(), options.environment.end());
    options.environment = std::move(environment);
    if (arguments->quiet) {
      configure_progress(ProgressMode::quiet, globals.dry_run);
    }
    return run(globals, options);
  };
}

}  // namespace berth::cli
