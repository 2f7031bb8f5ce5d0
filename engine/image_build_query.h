#pragma once
// The query string of POST /build from an ImageBuild, as the docker CLI
// sends it (API 1.41): JSON maps for buildargs and labels, one extrahosts
// parameter per host. Private to the engine module; pure, so it is tested
// without an engine.

#include <string>

#include "engine/types.h"

namespace berth::engine {

// "t=...&dockerfile=...&..." (no leading '?'); every value url-encoded.
std::string image_build_query(const ImageBuild& spec);

}  // namespace berth::engine
