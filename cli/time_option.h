#pragma once
// --since and --until (logs, events): what `docker logs` accepts — a unix
// time, an RFC 3339 date or a duration before now ("10m") — checked while the
// command line is parsed (a usage error, exit 2), then turned into the
// engine's "SEC.NANOS".

#include <CLI/CLI.hpp>
#include <string>

namespace berth::cli {

// Refuses a text engine_time() cannot read.
CLI::Validator time_text();

// The engine's unix time for a text time_text() accepted, durations counted
// back from now; "" for "".
std::string engine_time(const std::string& text);

}  // namespace berth::cli
