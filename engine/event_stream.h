#pragma once
// The engine's /events stream: one long-lived GET whose chunked answer carries
// one JSON object per event, read on a thread of its own. Private to the
// engine module; DockerEngine::subscribe_events() builds the target.

#include <chrono>
#include <memory>
#include <string>

#include "engine/engine.h"
#include "engine/http_transport.h"

namespace berth::engine {

// Bound on connecting, sending and receiving the answer's headers. The stream
// itself has no deadline: events may be minutes apart.
inline constexpr std::chrono::milliseconds k_event_setup_timeout = std::chrono::seconds(10);

// Longest line (one event) accepted; beyond it the stream ends with an Error.
inline constexpr std::size_t k_max_event_bytes = 16 * 1024 * 1024;

// Sends GET `target` to `endpoint` and returns once the headers arrived with
// status 200; then a thread delivers each event to `on_event` and, if the
// stream ends or breaks before the subscription is destroyed, calls `on_end`
// once. A status other than 200 gives error_from_response()'s Error;
// connecting or sending failures ErrorCode::transport, and `setup_timeout`
// passing ErrorCode::timeout.
//
// The subscription's destructor cancels the read and joins the thread: once it
// returns, no callback runs. It may run while a callback runs on the stream's
// thread (it then waits for that callback), but a callback must not destroy
// its own subscription (the thread would join itself). Callbacks must not throw.
Result<std::unique_ptr<EventSubscription>> open_event_stream(
    const Endpoint& endpoint, const std::string& target, Engine::EventHandler on_event,
    Engine::EventStreamEnded on_end,
    std::chrono::milliseconds setup_timeout = k_event_setup_timeout);

}  // namespace berth::engine
