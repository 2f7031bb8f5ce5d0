#pragma once
// Taking the project's lock from a command: keyed on the engine's ID, in the
// user's private lock directory, saying after a second who holds it, and
// ended by Ctrl+C (scheduler::LockWaitInterrupted, which main makes exit 130).

#include <memory>
#include <string>

#include "cli/interrupt_watch.h"
#include "engine/engine.h"
#include "scheduler/project/project_lock.h"

namespace berth::cli {

// `watch`: the command's InterruptWatch when it has one (it then receives
// the signals); without, SIGINT and SIGTERM are caught only while waiting.
std::unique_ptr<scheduler::ProjectLock> lock_project(engine::Engine& engine,
                                                     const std::string& project,
                                                     const InterruptWatch* watch = nullptr);

}  // namespace berth::cli
