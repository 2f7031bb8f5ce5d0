#pragma once
// A file of variables named on the command line (`run --env-from-file`),
// read as `env_file:` is read (see dotenv.h): "KEY=VAL" entries for a
// container's environment, in the file's order.

#include <string>
#include <vector>

namespace berth::compose {

// Throws ConfigError naming the file when it cannot be read or has a line
// that is not KEY=value. A variable written without a value is left out.
std::vector<std::string> read_variables_file(const std::string& path);

}  // namespace berth::compose
