#include "cli/scale_argument.h"

#include <charconv>
#include <stdexcept>

#include "cli/exit_codes.h"

namespace berth::cli {

std::map<std::string, int> parse_scale_arguments(const std::vector<std::string>& words) {
  std::map<std::string, int> scale;
  for (const auto& word : words) {
    auto equals = word.find('=');
    int number = -1;
    if (equals != std::string::npos && equals > 0) {
      const char* first = word.data() + equals + 1;
      const char* last = word.data() + word.size();
      auto [end, error] = std::from_chars(first, last, number);
      if (error != std::errc() || end != last || first == last) {
        number = -1;
      }
    }
    if (number < 0) {
      throw UsageError("expected SERVICE=NUMBER, got \"" + word + "\"");
    }
    scale[word.substr(0, equals)] = number;
  }
  return scale;
}

}  // namespace berth::cli
