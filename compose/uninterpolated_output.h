#pragma once
// `config --no-interpolate`: the project's files combined (include, merge,
// extends) with every `${VAR}` left as written, as compose v2 prints it: keys
// sorted, the project's `name`, and the default network every service without
// `networks` or `network_mode` joins. Typed normalisation (ports as mappings,
// commands as lists) needs interpolated values, so it is not done here, as
// v2 does not.

#include <map>
#include <string>

#include "compose/loader.h"

namespace berth::compose {

// YAML, or JSON with `json`. Throws ConfigError as load_project() does for
// files that cannot be read, parsed or combined.
// `images`: service name -> image to print instead (--resolve-image-digests).
std::string uninterpolated_project(const LoadOptions& options, bool json,
                                   const std::map<std::string, std::string>& images = {});

}  // namespace berth::compose
