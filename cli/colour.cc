#include "cli/colour.h"

#include <unistd.h>

#include <cstdlib>

namespace berth::cli {

std::optional<AnsiMode> parse_ansi_mode(std::string_view text) {
  if (text == "never") {
    return AnsiMode::never;
  }
  if (text == "always") {
    return AnsiMode::always;
  }
  if (text == "auto") {
    return AnsiMode::automatic;
  }
  return std::nullopt;
}

bool colour_decision(AnsiMode mode, bool is_terminal, const char* no_color) {
  switch (mode) {
    case AnsiMode::never:
      return false;
    case AnsiMode::always:
      return true;
    case AnsiMode::automatic:
      return is_terminal && (no_color == nullptr || *no_color == '\0');
  }
  return false;
}

bool use_colour(AnsiMode mode, int fd) {
  return colour_decision(mode, ::isatty(fd) == 1, std::getenv("NO_COLOR"));
}

}  // namespace berth::cli
