#pragma once
#include <map>
#include <string>
#include <vector>

namespace berth::cli {

// Parses "SVC=N" words (--scale, `berth scale`) into a map; throws
// std::invalid_argument naming the bad word.
std::map<std::string, int> parse_scale_arguments(const std::vector<std::string>& words);

}  // namespace berth::cli
