#pragma once
// Parsing of the size and duration notations compose files use, as
// docker-compose 1.29.2 reads them. Each returns nullopt when the text is not
// valid; the parsers turn that into a positioned error.

#include <cstdint>
#include <optional>
#include <string>

namespace berth::compose {

// Bytes: "1024", "64m", "1.5g", "512M", "64mb", "100b". Units are b, k, m, g
// (case-insensitive, powers of 1024, an optional "b" after k/m/g); a fraction
// is truncated to whole bytes, as docker-py does.
std::optional<int64_t> parse_byte_size(const std::string& text);

// Go-style durations as compose's timeparse takes them: "1m30s", "10s",
// "1.5h", "500ms", "2us", "10ns". Units in decreasing order, each at most
// once; a bare number is not a duration. Result in nanoseconds.
std::optional<int64_t> parse_duration_ns(const std::string& text);

// The shortest exact spelling parse_duration_ns() reads back: "90s", "500ms",
// "2us", "7ns"; "0s" for zero.
std::string format_duration_ns(int64_t nanoseconds);

// A CPU count such as "0.5" or "2": finite and not negative.
std::optional<double> parse_cpu_count(const std::string& text);

}  // namespace berth::compose
