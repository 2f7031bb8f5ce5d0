#pragma once

#include <stdexcept>

namespace berth::cli {

// What berth's process exits with. Commands that run a container (later:
// run, exec, up --exit-code-from) pass its exit code through instead.
enum ExitCode : int {
  k_exit_success = 0,
  k_exit_failure = 1,      // bad project file, engine error, a step failed
  k_exit_usage = 2,        // the command line itself is wrong
  k_exit_interrupted = 130,
};

// A command line found wrong after CLI11 has parsed it ("--scale web=-1"):
// printed as any error, but exits k_exit_usage.
class UsageError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

// Ctrl+C (or SIGTERM) ended a wait before anything was changed: exit
// k_exit_interrupted without a message.
class Interrupted : public std::runtime_error {
 public:
  Interrupted() : std::runtime_error("interrupted") {}
};

}  // namespace berth::cli
