#pragma once
// Checks of numeric options that say the real bound ("must be 0 or more"),
// where CLI11's own NonNegativeNumber prints "not in range 0.000000 to" and
// the 309 digits of the largest double.

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace berth::cli {

// Accepts an integer of at least `minimum`; else "must be N or more, got X".
CLI::Validator at_least(long long minimum);

// As at_least(), or exactly `word` ("all" for --tail).
CLI::Validator at_least_or(long long minimum, const std::string& word);

// One of `words` (any case); else "must be one of a, b or c, got X", where
// CLI11's own transformer prints its internal table.
CLI::Validator one_of(const std::vector<std::string>& words);

}  // namespace berth::cli
