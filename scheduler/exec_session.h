#pragma once
// exec: a command in a running container of a service, found by its number.

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "compose/model.h"
#include "engine/engine.h"

namespace berth::scheduler {

struct ExecOptions {
  std::string service;
  int index = 1;  // --index: the container's number
  std::vector<std::string> command;
  std::vector<std::string> environment;  // -e KEY=VAL
  std::string user;                      // -u
  std::string working_dir;               // -w
  bool detach = false;                   // -d
  bool privileged = false;
  bool tty = false;  // decided by the command line (-T, a terminal)
};

struct ExecSession {
  std::string exec_id;
  std::string container;                       // its name
  std::unique_ptr<engine::StdioStream> stdio;  // null when detached
};

// The running container number `index` of the service (never a one-off),
// then the exec created and started in it, attached unless detached. Error
// not_found, one line, when the service is unknown or that container is not
// running.
engine::Result<ExecSession> start_exec_session(engine::Engine& engine,
                                               const compose::Project& project,
                                               const ExecOptions& options);

// The exit code of an exec whose stream ended; waits (briefly) for the engine
// to record that the process exited.
engine::Result<int> exec_exit_code(engine::Engine& engine, const std::string& exec_id);

// Runs `spec` in the container `id` to its end, handing its output to
// `on_output` as it comes, and returns its exit code (hooks, reloads).
engine::Result<int> run_exec_to_end(
    engine::Engine& engine, const std::string& id, const engine::ExecCreate& spec,
    const std::function<void(engine::OutputStream, std::string_view)>& on_output);

}  // namespace berth::scheduler
