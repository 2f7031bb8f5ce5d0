#pragma once
#include <optional>
#include <string>
#include <vector>

namespace berth::compose {

// Splits a command string as a POSIX shell (and Python's shlex) would:
// whitespace separates words, single and double quotes group, backslash
// escapes. nullopt when a quote is left open.
std::optional<std::vector<std::string>> split_shell_words(const std::string& text);

}  // namespace berth::compose
