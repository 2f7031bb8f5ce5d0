#pragma once
// Whether berth's output may carry ANSI colours: the one place that decides,
// from the global --ansi option, the NO_COLOR convention (no-color.org) and
// whether the output goes to a terminal. Every command that colours asks here.

#include <optional>
#include <string_view>

namespace berth::cli {

// --ansi never|always|auto.
enum class AnsiMode { never, always, automatic };

std::optional<AnsiMode> parse_ansi_mode(std::string_view text);

// The rule itself: `always` and `never` are obeyed (an explicit option beats
// the environment, as no-color.org asks); `automatic` colours a terminal only,
// and only when NO_COLOR is unset or empty. `no_color` is NO_COLOR's value or
// nullptr.
bool colour_decision(AnsiMode mode, bool is_terminal, const char* no_color);

// The decision for output written to `fd`, with this process's NO_COLOR.
bool use_colour(AnsiMode mode, int fd);

}  // namespace berth::cli
