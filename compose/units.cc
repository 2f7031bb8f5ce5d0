#include "compose/units.h"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <string_view>

namespace berth::compose {
namespace {

constexpr int64_t k_kib = 1024;

// A non-negative decimal "12", "1.5", ".5" (no sign, no exponent), read whole.
std::optional<double> parse_decimal(std::string_view text) {
  bool digit_seen = false;
  bool dot_seen = false;
  for (char c : text) {
    if (c == '.' && !dot_seen) {
      dot_seen = true;
    } else if (std::isdigit(static_cast<unsigned char>(c))) {
      digit_seen = true;
    } else {
      return std::nullopt;
    }
  }
  if (!digit_seen) {
    return std::nullopt;
  }
  return std::strtod(std::string(text).c_str(), nullptr);
}

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  return text;
}

struct DurationUnit {
  std::string_view name;
  double nanoseconds;
};

// Longest names first where one is a prefix of another ("ms" before "m").
constexpr DurationUnit k_units[] = {{"h", 3600e9}, {"m", 60e9},  {"s", 1e9},
                                    {"ms", 1e6},   {"us", 1e3},  {"\xc2\xb5s", 1e3},
                                    {"ns", 1}};
constexpr size_t k_unit_count = sizeof(k_units) / sizeof(k_units[0]);

// The rank of the unit at the start of `text` (case-insensitive), and its length.
std::optional<std::pair<size_t, size_t>> unit_at(std::string_view text) {
  std::optional<std::pair<size_t, size_t>> best;
  for (size_t rank = 0; rank < k_unit_count; ++rank) {
    std::string_view name = k_units[rank].name;
    if (text.size() < name.size() || (best && best->second >= name.size())) {
      continue;
    }
    bool same = true;
    for (size_t i = 0; i < name.size(); ++i) {
      same = same && std::tolower(static_cast<unsigned char>(text[i])) ==
                         static_cast<unsigned char>(name[i]);
    }
    if (same) {
      best = std::pair{rank, name.size()};
    }
  }
  return best;
}

}  // namespace

std::optional<int64_t> parse_byte_size(const std::string& text) {
  std::string_view rest = trimmed(text);
  int64_t unit = 1;
  if (!rest.empty() && std::isalpha(static_cast<unsigned char>(rest.back()))) {
    char last = static_cast<char>(std::tolower(static_cast<unsigned char>(rest.back())));
    rest.remove_suffix(1);
    // "64mb": a "b" after another unit letter only spells out "bytes".
    if (last == 'b' && !rest.empty() && std::isalpha(static_cast<unsigned char>(rest.back()))) {
      last = static_cast<char>(std::tolower(static_cast<unsigned char>(rest.back())));
      rest.remove_suffix(1);
      if (last == 'b') {
        return std::nullopt;
      }
    }
    switch (last) {
      case 'b': unit = 1; break;
      case 'k': unit = k_kib; break;
      case 'm': unit = k_kib * k_kib; break;
      case 'g': unit = k_kib * k_kib * k_kib; break;
      default: return std::nullopt;
    }
  }
  std::optional<double> number = parse_decimal(rest);
  if (!number || *number * static_cast<double>(unit) >= 9.2e18) {
    return std::nullopt;
  }
  return static_cast<int64_t>(*number * static_cast<double>(unit));
}

std::optional<int64_t> parse_duration_ns(const std::string& text) {
  std::string_view rest = trimmed(text);
  if (rest.empty()) {
    return std::nullopt;
  }
  double total = 0;
  size_t next_rank = 0;  // units must come in decreasing order, each once
  while (!rest.empty()) {
    size_t digits = rest.find_first_not_of("0123456789.");
    if (digits == 0 || digits == std::string_view::npos) {
      return std::nullopt;  // a unit without a number, or a number without a unit
    }
    std::optional<double> number = parse_decimal(rest.substr(0, digits));
    std::optional<std::pair<size_t, size_t>> unit = unit_at(rest.substr(digits));
    if (!number || !unit || unit->first < next_rank) {
      return std::nullopt;
    }
    // "us" and "µs" (ranks 4 and 5) are one unit: either one closes both.
    next_rank = unit->first == 4 ? 6 : unit->first + 1;
    total += *number * k_units[unit->first].nanoseconds;
    rest.remove_prefix(digits + unit->second);
  }
  if (total >= 9.2e18) {
    return std::nullopt;
  }
  return std::llround(total);
}

std::string format_duration_ns(int64_t nanoseconds) {
  constexpr std::pair<int64_t, const char*> k_spellings[] = {
      {1'000'000'000, "s"}, {1'000'000, "ms"}, {1'000, "us"}};
  for (const auto& [size, unit] : k_spellings) {
    if (nanoseconds % size == 0) {
      return std::to_string(nanoseconds / size) + unit;
    }
  }
  return std::to_string(nanoseconds) + "ns";
}

std::optional<double> parse_cpu_count(const std::string& text) {
  std::optional<double> number = parse_decimal(trimmed(text));
  // Bounded so that nanoseconds of CPU (the engine's unit) fit in 64 bits.
  constexpr double k_max_cpus = 1e9;
  if (!number || !std::isfinite(*number) || *number > k_max_cpus) {
    return std::nullopt;
  }
  return number;
}

}  // namespace berth::compose
