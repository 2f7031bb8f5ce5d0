#include "cli/time_option.h"

#include <chrono>

#include "scheduler/logs/log_since.h"

namespace berth::cli {

CLI::Validator time_text() {
  return CLI::Validator(
      [](const std::string& text) {
        return scheduler::engine_since(text, std::chrono::system_clock::now())
                   ? std::string()
                   : "not a unix time, an RFC 3339 date or a duration like 10m: " + text;
      },
      "TIME");
}

std::string engine_time(const std::string& text) {
  if (text.empty()) {
    return "";
  }
  return scheduler::engine_since(text, std::chrono::system_clock::now()).value_or("");
}

}  // namespace berth::cli
