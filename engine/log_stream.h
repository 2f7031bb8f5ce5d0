#pragma once
// A container's log stream: one GET /containers/{id}/logs whose answer is
// decoded (log_frame_decoder.h) and cut into lines (log_line_assembler.h) on
// a thread of its own, so a follow can run as long as the container does.
// Private to the engine module; DockerEngine::stream_logs() builds the target.

#include <chrono>
#include <memory>
#include <string>

#include "engine/engine.h"
#include "engine/http_transport.h"

namespace berth::engine {

// Bound on connecting, sending and receiving the answer's headers. The body
// has no deadline: a followed container may be silent for hours.
inline constexpr std::chrono::milliseconds k_log_setup_timeout = std::chrono::seconds(10);

// Sends GET `target` to `endpoint` and returns once the headers arrived with
// status 200; then a thread delivers the lines of each read to `on_lines` and
// calls `on_end` once when the body ends (Done) or breaks (Error), unless the
// subscription was destroyed first. `multiplexed`: the container has no TTY,
// so the body is framed. Other statuses give error_from_response()'s Error.
//
// The destructor cancels the read and joins the thread: once it returns, no
// callback runs. A callback must not destroy its own subscription.
Result<std::unique_ptr<LogSubscription>> open_log_stream(
    const Endpoint& endpoint, const std::string& target, bool multiplexed,
    Engine::LogHandler on_lines, Engine::LogStreamEnded on_end,
    std::chrono::milliseconds setup_timeout = k_log_setup_timeout);

}  // namespace berth::engine
