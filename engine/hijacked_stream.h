#pragma once
// Opens a hijacked connection: POST `target` with `Connection: Upgrade`,
// `Upgrade: tcp`; once the engine answers 101 the socket carries the
// process's standard streams both ways (see stdio_stream.h). Used by attach
// and exec start. Private to the engine module.

#include <chrono>
#include <memory>
#include <string>

#include "engine/http_transport.h"
#include "engine/stdio_stream.h"

namespace berth::engine {

// Bound on connecting, sending and receiving the answer's headers. The stream
// itself has no deadline: an interactive shell may stay idle for hours.
inline constexpr std::chrono::milliseconds k_hijack_setup_timeout = std::chrono::seconds(30);

// `body`, when not empty, goes as application/json. `multiplexed`: the
// process has no TTY, so its output comes framed. A status other than 101 (or
// 200, which older engines answer with the same raw stream) gives
// error_from_response()'s Error; connecting or sending failures
// ErrorCode::transport, and `setup_timeout` passing ErrorCode::timeout.
Result<std::unique_ptr<StdioStream>> open_hijacked_stream(
    const Endpoint& endpoint, const std::string& target, const std::string& body, bool multiplexed,
    std::chrono::milliseconds setup_timeout = k_hijack_setup_timeout);

}  // namespace berth::engine
