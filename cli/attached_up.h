#pragma once
// Attached `up`: after converging, streams the logs of the services it
// started (prefixed lines, as `logs -f`) while health::Supervisor keeps the
// project healthy, until Ctrl+C, until every attached container has exited,
// or, with --abort-on-container-exit, until the first one exits.

#include <string>
#include <vector>

#include "cli/global_options.h"
#include "cli/interrupt_watch.h"
#include "engine/engine.h"

#include "cli/colour.h"

namespace berth::cli {

struct AttachOptions {
  bool abort_on_container_exit = false;
  std::string exit_code_from;          // implies abort_on_container_exit
  std::vector<std::string> attach;     // only these services' logs
  std::vector<std::string> no_attach;  // not these
  bool no_color = false;
  AnsiMode ansi = AnsiMode::automatic;  // the global --ansi
};

// The services whose logs are shown, of `started` (the ones `up` acted on).
std::vector<std::string> attached_services(const std::vector<std::string>& started,
                                           const AttachOptions& options);

// Returns: k_exit_interrupted after Ctrl+C (the project stopped, a second
// Ctrl+C kills it); after an abort, --exit-code-from's container's exit code,
// else the exit code of the container that ended it (as docker-compose
// 1.29.2), the project stopped; 0 when every attached container exited.
int run_attached(engine::Engine& engine, const LoadedProject& loaded,
                 const std::vector<std::string>& started, const AttachOptions& options,
                 InterruptWatch& watch);

}  // namespace berth::cli
