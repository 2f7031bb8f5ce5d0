#pragma once
// Two services that would run under one container_name: the engine takes the
// first and refuses the second after berth has made networks and containers.
// Checked for the services a command is about to start, not at load: a file
// may give two services in different profiles the same name (hoppscotch
// does), and compose v2's `config` accepts it.

#include <string>
#include <vector>

#include "compose/model.h"

namespace berth::scheduler {

// Throws compose::ConfigError, one line at the second service's
// container_name, when two of `services` share a container_name.
void check_container_names(const compose::Project& project,
                           const std::vector<std::string>& services);

}  // namespace berth::scheduler
