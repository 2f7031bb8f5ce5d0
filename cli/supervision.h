#pragma once
// Runs health::Supervisor in the foreground until SIGINT or SIGTERM, printing
// what it does; shared by `supervise` and attached `up`.

#include "cli/global_options.h"
#include "cli/interrupt_watch.h"
#include "engine/engine.h"

namespace berth::cli {

// Supervises until the first signal. With `stop_project`, then stops the
// project's containers gracefully (a second signal kills them) and returns
// k_exit_interrupted; without it returns 0. 1 when it cannot watch at all.
int supervise_until_interrupted(engine::Engine& engine, const LoadedProject& loaded,
                                InterruptWatch& watch, bool stop_project);

}  // namespace berth::cli
