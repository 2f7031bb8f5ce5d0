#pragma once
// The engine's ID (GET /info, 6-8 ms on dockerd 20.10) keys the project lock
// every changing command takes first, so it sat on the path of a no-op `up`.
// For an engine on a unix socket it is kept in the lock directory, under the
// socket's device, inode and change time: a restarted dockerd makes a new
// socket, so a stale ID is never read. Other hosts (tcp://) are not cached.

#include <optional>
#include <string>

namespace berth::scheduler {

// The ID kept for the engine at `host` ("unix:///var/run/docker.sock"), if any.
std::optional<std::string> cached_engine_id(const std::string& lock_directory,
                                            const std::string& host);

// Keeps `id` for the engine at `host` (written to a temporary file, then
// renamed); a failure to write only loses the cache.
void remember_engine_id(const std::string& lock_directory, const std::string& host,
                        const std::string& id);

}  // namespace berth::scheduler
