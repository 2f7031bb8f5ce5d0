#pragma once
// Secrets and configs on one engine without a swarm, as compose v2 gives
// them: one backed by a host file is bind-mounted read-only at its target;
// one backed by a variable or by inline content is written into the created
// container, before it starts, with its uid, gid and mode.

#include <string>
#include <vector>

#include "compose/model.h"
#include "engine/types.h"
#include "scheduler/progress.h"

namespace berth::scheduler {

// Adds a read-only bind mount for each file-backed secret and config, unless
// a volume already has that target (as compose v2 lets the volume win).
void add_secret_mounts(const compose::Service& service, engine::ContainerCreate& spec);

// The files to write into a created container of `service`.
std::vector<engine::ContainerFile> secret_files(const compose::Service& service);

// Before `up` changes anything: for each of `services`, refuses what one
// engine cannot give (external ones, a driver or template_driver), a missing
// source file and an unset variable, each as one "file:line:column: path:
// message" error; warns that uid, gid and mode of file-backed ones are
// ignored, as compose v2 does. False when anything was refused.
bool check_secret_sources(const compose::Project& project, const std::vector<std::string>& services,
                          Progress& progress);

// Canonical text of the service's secrets and configs for its config hash
// (definitions included, inline content and variable values as their
// sha256), or "" when it has none.
std::string secrets_hash_text(const compose::Service& service);

}  // namespace berth::scheduler
