#include "scheduler/logs/log_since.h"

#include <cctype>
#include <cstdio>
#include <ctime>
#include <regex>

namespace berth::scheduler {

namespace {

constexpr long long k_nanos_per_second = 1'000'000'000;

// Go's time.ParseDuration subset docker accepts: a sequence of
// number+unit, units ns us ms s m h.
std::optional<long long> duration_nanos(const std::string& text) {
  static const std::regex k_part(R"(([0-9]+(?:\.[0-9]*)?)(ns|us|ms|s|m|h))");
  long double total = 0;
  std::size_t at = 0;
  for (std::sregex_iterator it(text.begin(), text.end(), k_part), end; it != end; ++it) {
    if (static_cast<std::size_t>(it->position()) != at) {
      return std::nullopt;
    }
    at += it->length();
    const long double value = std::stold((*it)[1].str());
    const std::string unit = (*it)[2].str();
    const long double scale = unit == "ns"   ? 1
                              : unit == "us" ? 1e3
                              : unit == "ms" ? 1e6
                              : unit == "s"  ? 1e9
                              : unit == "m"  ? 60e9
                                             : 3600e9;
    total += value * scale;
  }
  if (at == 0 || at != text.size()) {
    return std::nullopt;
  }
  return static_cast<long long>(total);
}

std::optional<long long> rfc3339_nanos(const std::string& text) {
  static const std::regex k_date(
      R"((\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})?)?)");
  std::smatch match;
  if (!std::regex_match(text, match, k_date)) {
    return std::nullopt;
  }
  std::tm parts{};
  parts.tm_year = std::stoi(match[1]) - 1900;
  parts.tm_mon = std::stoi(match[2]) - 1;
  parts.tm_mday = std::stoi(match[3]);
  parts.tm_hour = match[4].matched ? std::stoi(match[4]) : 0;
  parts.tm_min = match[5].matched ? std::stoi(match[5]) : 0;
  parts.tm_sec = match[6].matched ? std::stoi(match[6]) : 0;
  long long seconds = 0;
  const std::string zone = match[8].matched ? match[8].str() : "";
  if (zone.empty() && match[4].matched) {
    seconds = std::mktime(&parts);  // no zone: local time, as docker logs reads it
  } else {
    seconds = timegm(&parts);
    if (zone.size() == 6) {
      const long long offset = std::stoi(zone.substr(1, 2)) * 3600 + std::stoi(zone.substr(4)) * 60;
      seconds += zone[0] == '+' ? -offset : offset;
    }
  }
  long long nanos = 0;
  if (match[7].matched) {
    std::string fraction = match[7].str();
    fraction.append(9 - fraction.size(), '0');
    nanos = std::stoll(fraction);
  }
  return seconds * k_nanos_per_second + nanos;
}

}  // namespace

std::string unix_time_text(long long nanoseconds) {
  char text[48];
  std::snprintf(text, sizeof text, "%lld.%09lld", nanoseconds / k_nanos_per_second,
                nanoseconds % k_nanos_per_second);
  return text;
}

std::optional<std::string> engine_since(const std::string& text,
                                        std::chrono::system_clock::time_point now) {
  static const std::regex k_unix(R"(\d+(\.\d{1,9})?)");
  if (std::regex_match(text, k_unix)) {
    return text;
  }
  if (auto nanos = rfc3339_nanos(text)) {
    return unix_time_text(*nanos);
  }
  if (auto nanos = duration_nanos(text)) {
    const long long now_nanos =
        std::chrono::duration_cast<std::chrono::nanoseconds>(now.time_since_epoch()).count();
    return unix_time_text(now_nanos - *nanos);
  }
  return std::nullopt;
}

}  // namespace berth::scheduler
