#include "cli/docker_table.h"

#include <algorithm>

namespace berth::cli {

std::string docker_table(const std::vector<std::vector<std::string>>& rows) {
  constexpr std::size_t k_min_width = 10;  // tabwriter's minwidth, padding included
  constexpr std::size_t k_padding = 3;
  std::vector<std::size_t> widths;
  for (const auto& row : rows) {
    widths.resize(std::max(widths.size(), row.size()), k_min_width);
    for (std::size_t i = 0; i < row.size(); ++i) {
      widths[i] = std::max(widths[i], row[i].size() + k_padding);
    }
  }
  std::string text;
  for (const auto& row : rows) {
    for (std::size_t i = 0; i + 1 < row.size(); ++i) {
      text += row[i] + std::string(widths[i] - row[i].size(), ' ');
    }
    text += (row.empty() ? std::string() : row.back()) + "\n";
  }
  return text;
}

}  // namespace berth::cli
