#pragma once
// Attached `up`: after converging, the attached session
// (scheduler/session/attached_session.h) streams the logs of the services it
// started while supervision keeps the project healthy; here only its lines'
// look, the signals and the exit code.

#include <string>
#include <vector>

#include "cli/global_options.h"
#include "cli/interrupt_watch.h"
#include "engine/engine.h"

#include "cli/colour.h"

namespace berth::cli {

struct AttachOptions {
  bool abort_on_container_exit = false;
  bool abort_on_container_failure = false;  // only a non-zero exit aborts
  bool attach_dependencies = false;         // also the logs of the started services' dependencies
  bool no_log_prefix = false;
  bool timestamps = false;
  std::string exit_code_from;          // implies abort_on_container_exit
  std::vector<std::string> attach;     // only these services' logs
  std::vector<std::string> no_attach;  // not these
  bool no_color = false;
  AnsiMode ansi = AnsiMode::automatic;  // the global --ansi
};

// Returns: k_exit_interrupted after Ctrl+C (the project stopped, a second
// Ctrl+C kills it); after an abort, --exit-code-from's container's exit code,
// else the exit code of the container that ended it (as docker-compose
// 1.29.2), the project stopped; 0 when every attached container exited.
int run_attached(engine::Engine& engine, const LoadedProject& loaded,
                 const std::vector<std::string>& started, const AttachOptions& options,
                 InterruptWatch& watch);

}  // namespace berth::cli
