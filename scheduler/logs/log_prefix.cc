#include "scheduler/logs/log_prefix.h"

#include <algorithm>
#include <array>

namespace berth::scheduler {

namespace {

// docker-compose 1.29.2's rainbow(): cyan, yellow, green, magenta, blue, then
// the same intense (bold) ones.
constexpr std::array<std::string_view, 10> k_colours = {"36",   "33",   "32",   "35",   "34",
                                                        "36;1", "33;1", "32;1", "35;1", "34;1"};

}  // namespace

std::string_view log_colour(std::size_t index) { return k_colours[index % k_colours.size()]; }

std::size_t log_prefix_width(const std::vector<std::string>& names) {
  std::size_t longest = 0;
  for (const auto& name : names) {
    longest = std::max(longest, name.size());
  }
  return longest + 1;
}

std::string coloured(const std::string& text, std::string_view colour) {
  if (colour.empty()) {
    return text;
  }
  return "\033[" + std::string(colour) + "m" + text + "\033[0m";
}

std::string log_prefix(const std::string& name, std::size_t width, std::string_view colour) {
  std::string padded = name;
  if (padded.size() < width) {
    padded.append(width - padded.size(), ' ');
  }
  return coloured(padded + " |", colour) + " ";
}

}  // namespace berth::scheduler
