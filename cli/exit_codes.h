#pragma once

namespace berth::cli {

// What berth's process exits with. Commands that run a container (later:
// run, exec, up --exit-code-from) pass its exit code through instead.
enum ExitCode : int {
  k_exit_success = 0,
  k_exit_failure = 1,      // bad project file, engine error, a step failed
  k_exit_usage = 2,        // the command line itself is wrong
  k_exit_interrupted = 130,
};

}  // namespace berth::cli
