#pragma once
// The pieces of GET /containers/{id}/logs that DockerEngine::stream_logs
// needs: the query for LogOptions and whether the container has a TTY (which
// decides whether the answer is framed). Pure; private to the engine module.

#include <string>

#include "engine/result.h"
#include "engine/types.h"

namespace berth::engine {

// "stdout=1&stderr=1&follow=…&tail=…[&since=…]&timestamps=…", encoded.
std::string logs_query(const LogOptions& options);

// Config.Tty of an inspected container (the body of GET /containers/{id}/json).
Result<bool> parse_container_tty(const std::string& body);

}  // namespace berth::engine
