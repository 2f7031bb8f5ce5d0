#pragma once
// Internal to compose: what compose v2 does to the project's files combined
// but not interpolated before `config --no-interpolate` prints them
// (uninterpolated_output.h), on the plain JSON tree: every network, volume,
// secret and config gets its engine name; a service that names no network
// joins `default`; a service's network list becomes a mapping; relative
// paths (build contexts, env files, secret and config files, bind mounts)
// become absolute; short volume syntax becomes the long one. Values with
// `${VAR}` in them are read as written, as v2 reads them.

#include <nlohmann/json.hpp>
#include <string>

namespace berth::compose {

struct RawNormalisation {
  std::string project_name;
  std::string directory;  // where relative paths start
  std::string home;       // for "~/..." in bind mounts; empty: left as written
};

void normalise_raw_project(nlohmann::json& project, const RawNormalisation& context);

}  // namespace berth::compose
