#pragma once
// The command lines of run and exec, parsed into the scheduler's options.
// Apart from the commands so the parsing can be tested without an engine.

#include <optional>
#include <string>
#include <vector>

#include "scheduler/exec_session.h"
#include "scheduler/one_off/one_off_spec.h"

namespace CLI {
class App;
}

namespace berth::cli {

// Both take "SERVICE [COMMAND ARGS...]" after their options: everything after
// the service, options included, belongs to the command, as with
// docker-compose (`berth run web sh -c 'echo hi'`).

struct RunArguments {
  scheduler::RunOptions options;
  bool no_tty = false;                  // -T
  bool interactive = true;              // -i: stdin is always kept open, as compose's default
  bool quiet = false;                   // -q: no progress of the dependencies and image
  bool quiet_pull = false;              // --quiet-pull
  std::vector<std::string> env_files;   // --env-from-file, read into options.environment
};

struct ExecArguments {
  scheduler::ExecOptions options;
  bool no_tty = false;  // -T
};

void add_run_arguments(CLI::App& app, RunArguments& arguments);
void add_exec_arguments(CLI::App& app, ExecArguments& arguments);

// Completes the options from the words after the options (`app.remaining()`)
// and whether stdin is a terminal (a TTY by default only then); the message
// of a usage error otherwise.
std::optional<std::string> finish_run_arguments(RunArguments& arguments,
                                                const std::vector<std::string>& words,
                                                bool stdin_is_terminal);
std::optional<std::string> finish_exec_arguments(ExecArguments& arguments,
                                                 const std::vector<std::string>& words,
                                                 bool stdin_is_terminal);

}  // namespace berth::cli
