#pragma once
// base64 (RFC 4648), for the registry
// credentials. The docker CLI's config.json stores "user:password" in the
// standard alphabet; the engine's X-Registry-Auth and X-Registry-Config
// headers carry JSON in the URL-safe alphabet, padded (Go's
// base64.URLEncoding). Pure.

#include <optional>
#include <string>
#include <string_view>

namespace berth::engine {

// Standard alphabet ("+/"), padded with '='.
std::string base64_encode(std::string_view bytes);
// URL-safe alphabet ("-_"), padded with '='.
std::string base64url_encode(std::string_view bytes);
// Either alphabet, padding optional; surrounding whitespace is ignored. An
// empty optional for any other character, misplaced padding or a length no
// encoder produces.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace berth::engine
