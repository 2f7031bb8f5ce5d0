#pragma once
// The translation of a service's container settings (compose/container_options.h),
// its `deploy:` limits and restart policy, its long-syntax volumes and its
// external links into the engine's create call; part of container_create_for().

#include <optional>
#include <string>

#include "compose/model.h"
#include "engine/types.h"

namespace berth::scheduler {

// Sets them on `spec`, whose network (if any) is already chosen: external
// links become links of that endpoint.
void apply_container_options(const compose::Project& project, const compose::Service& service,
                             engine::ContainerCreate& spec);

// Whether `mount` goes to the engine as a HostConfig.Binds string rather than
// a mount, as compose sends it: short-syntax binds and volumes, and long-syntax
// binds with create_host_path (only Binds make a missing source) or selinux
// (API 1.41's mounts cannot relabel).
bool is_sent_as_bind(const compose::VolumeMount& mount);

// The service's `healthcheck:` in engine terms; nullopt when not written.
std::optional<engine::HealthConfig> health_config(const compose::ContainerOptions& options);

// The `restart:` policy a service runs with: deploy.restart_policy wins over
// `restart:`, as compose 1.29.2 lets it ("none" -> "no", "any" -> "always").
std::string effective_restart_policy(const compose::Service& service);

}  // namespace berth::scheduler
