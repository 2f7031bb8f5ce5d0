#include "cli/progress_lines.h"

#include <chrono>
#include <ctime>
#include <nlohmann/json.hpp>

#include "cli/error_line.h"

namespace berth::cli {

namespace {

// Ordered: "event" first, as a reader scans the lines.
using json = nlohmann::ordered_json;

// UTC with milliseconds, as the engine's own timestamps.
std::string now_utc() {
  const auto now = std::chrono::system_clock::now();
  const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  const auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[40];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &utc);
  char out[48];
  std::snprintf(out, sizeof out, "%s.%03dZ", text, static_cast<int>(millis));
  return out;
}

// The name a user knows the object by: a replacement's final name, not its temporary one.
const std::string& target_of(const scheduler::Operation& op) {
  return op.display_name.empty() ? op.name : op.display_name;
}

json operation_json(const char* event, const scheduler::Operation& op) {
  json line = {{"event", event},
               {"id", op.id},
               {"kind", scheduler::to_string(op.kind)},
               {"target", target_of(op)}};
  if (!op.service.empty()) {
    line["service"] = op.service;
  }
  return line;
}

// Invalid UTF-8 (a name from a hostile file) is replaced, never thrown on.
std::string dumped(const json& line) {
  return line.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace

std::string dry_run_line(const scheduler::Operation& op) {
  std::string line = "#" + std::to_string(op.id) + " " + scheduler::to_string(op.kind) + " " +
                     target_of(op);
  if (!op.service.empty()) {
    line += " (service " + op.service + ")";
  }
  if (!op.cause.empty()) {
    line += ": " + op.cause;
  }
  std::string ids;
  for (int id : op.after) {
    ids += " #" + std::to_string(id);
  }
  if (op.only_after_failure) {
    line += std::string("; only if") + (op.after.size() > 1 ? " one of" : "") + ids + " fails";
  } else if (!op.after.empty()) {
    line += "; after" + ids;
  }
  if (op.delay_ns > 0) {
    line += "; " + std::to_string(op.delay_ns / 1'000'000) + " ms later";
  }
  if (!op.after_settled.empty()) {
    line += "; after, whatever their outcome,";
    for (int id : op.after_settled) {
      line += " #" + std::to_string(id);
    }
  }
  return escape_controls(line);
}

std::string json_planned(const scheduler::Operation& op) {
  json line = operation_json("planned", op);
  line["cause"] = op.cause;
  line["after"] = op.after;
  if (op.delay_ns > 0) {
    line += "; " + std::to_string(op.delay_ns / 1'000'000) + " ms later";
  }
  if (!op.after_settled.empty()) {
    line["after_settled"] = op.after_settled;  // waited on whatever their outcome
  }
  if (op.only_after_failure) {
    line["only_after_failure"] = true;  // runs only when one of `after` failed
  }
  line["time"] = now_utc();
  return dumped(line);
}

std::string json_finished(const scheduler::Operation& op,
                          const scheduler::OperationOutcome& outcome) {
  using State = scheduler::OperationOutcome::State;
  json line = operation_json("finished", op);
  line["status"] = outcome.state == State::done         ? "done"
                   : outcome.state == State::failed     ? "failed"
                   : outcome.state == State::not_needed ? "not needed"
                                                        : "skipped";
  if (!outcome.message.empty()) {
    line["error"] = outcome.message;
  }
  line["time"] = now_utc();
  return dumped(line);
}

std::string json_step(const std::string& kind, const std::string& name,
                      const std::string& status) {
  return dumped(
      {{"event", "step"}, {"kind", kind}, {"target", name}, {"status", status}, {"time", now_utc()}});
}

std::string json_warning(const std::string& message) {
  return dumped({{"event", "warning"}, {"message", message}, {"time", now_utc()}});
}

std::string json_error(const std::string& kind, const std::string& name,
                       const std::string& message) {
  return dumped({{"event", "error"},
                 {"kind", kind},
                 {"target", name},
                 {"message", message},
                 {"time", now_utc()}});
}

}  // namespace berth::cli
