#pragma once
// post_start and pre_stop hooks: each a command run as an exec in the
// container, to its end, right after the container starts or right before it
// is stopped (up, start, restart, stop, down). Their output goes to
// Progress::output(), line by line, under the container's name.

#include <string>
#include <vector>

#include "compose/model.h"
#include "engine/engine.h"
#include "scheduler/progress.h"

namespace berth::scheduler {

enum class HookKind { post_start, pre_stop };

// Runs the hooks of `kind` in order in the container `id` (named `name`).
// Stops at the first that fails: error "post_start hook 1 (touch /x) exited
// with code 2", or the engine's error naming the hook.
engine::Status run_hooks(engine::Engine& engine, const std::string& id, const std::string& name,
                         const std::vector<compose::LifecycleHook>& hooks, HookKind kind,
                         Progress& progress);

// The hooks of `kind` that `service` has.
const std::vector<compose::LifecycleHook>& hooks_of(const compose::Service& service, HookKind kind);

}  // namespace berth::scheduler
