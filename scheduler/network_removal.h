#pragma once
// Removing a project network on dockerd 20.10, which under load can release a
// removed container's endpoint after the removal has returned
// (moby/moby#43286): the network is given a few seconds, and an endpoint
// never released is reported with what mends it.

#include <string>

#include "engine/engine.h"

namespace berth::scheduler {

// Removes the network `id` (named `name` for messages). Already gone: done.
engine::Status remove_project_network(engine::Engine& engine, const std::string& id,
                                      const std::string& name);

}  // namespace berth::scheduler
