#include "cli/number_checks.h"

#include <charconv>

namespace berth::cli {
namespace {

// "" when `text` is an integer of at least `minimum`, else what is wrong.
std::string check_at_least(const std::string& text, long long minimum) {
  long long value = 0;
  const char* end = text.data() + text.size();
  auto [stop, error] = std::from_chars(text.data(), end, value);
  if (text.empty() || error != std::errc() || stop != end || value < minimum) {
    return "must be " + std::to_string(minimum) + " or more, got \"" + text + "\"";
  }
  return "";
}

}  // namespace

CLI::Validator at_least(long long minimum) {
  return CLI::Validator(
      [minimum](std::string& text) { return check_at_least(text, minimum); },
      "INT>=" + std::to_string(minimum));
}

CLI::Validator one_of(const std::vector<std::string>& words) {
  std::string listed;
  for (size_t i = 0; i < words.size(); ++i) {
    listed += (i == 0 ? "" : i + 1 == words.size() ? " or " : ", ") + words[i];
  }
  return CLI::Validator(
      [words, listed](std::string& text) {
        for (const auto& word : words) {
          if (CLI::detail::to_lower(text) == word) {
            return std::string();
          }
        }
        return "must be one of " + listed + ", got \"" + text + "\"";
      },
      listed);
}

CLI::Validator at_least_or(long long minimum, const std::string& word) {
  return CLI::Validator(
      [minimum, word](std::string& text) {
        if (text == word) {
          return std::string();
        }
        std::string problem = check_at_least(text, minimum);
        return problem.empty() ? problem
                               : "must be " + std::to_string(minimum) + " or more or \"" + word +
                                     "\", got \"" + text + "\"";
      },
      "INT>=" + std::to_string(minimum) + "|" + word);
}

}  // namespace berth::cli
