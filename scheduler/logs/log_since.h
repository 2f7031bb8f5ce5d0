#pragma once
// `logs --since S`: the engine takes a unix time, users write what docker
// logs accepts: a unix time, an RFC 3339 date ("2024-05-01T10:00:00Z",
// "2024-05-01") or a duration before now ("10m", "1h30m", "2.5s"). Pure.

#include <chrono>
#include <optional>
#include <string>

namespace berth::scheduler {

// "SEC[.NANOS]" for the engine; nullopt when `text` is none of the above.
std::optional<std::string> engine_since(const std::string& text,
                                        std::chrono::system_clock::time_point now);

// A time in nanoseconds since the epoch, as the engine's `since` ("SEC.NNNNNNNNN").
std::string unix_time_text(long long nanoseconds);

}  // namespace berth::scheduler
