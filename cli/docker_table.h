#pragma once
// Tables as docker's CLI formatter prints them (`docker stats`, `docker
// volume ls`): Go's tabwriter with a minimum cell width of 10 and 3 spaces
// of padding, the last column unpadded.

#include <string>
#include <vector>

namespace berth::cli {

// `rows` includes the header; every line ends with "\n".
std::string docker_table(const std::vector<std::vector<std::string>>& rows);

}  // namespace berth::cli
