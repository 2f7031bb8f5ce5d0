#pragma once
// The docker CLI as tests use it to look at what berth made: an object's
// inspection and a shell command inside a container.

#include <string>

#include <nlohmann/json.hpp>

namespace berth::testing {

// `docker [KIND] inspect NAME`'s one object (KIND "" for a container or an
// image, or "network", "volume", ...); an empty object when there is none,
// with a test failure.
nlohmann::json docker_inspect(const std::string& name, const std::string& kind = "");

// `docker exec CONTAINER sh -c COMMAND`'s standard output.
std::string docker_exec_sh(const std::string& container, const std::string& command);

}  // namespace berth::testing
