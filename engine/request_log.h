#pragma once
// The hook behind `--verbose`: every request the engine module sends (except
// the long-lived event and log streams) is reported to one process-wide
// logger, so the command line can log engine calls without the engine module
// knowing how they are shown.

#include <chrono>
#include <functional>
#include <string_view>

namespace berth::engine {

struct RequestRecord {
  std::string_view method;  // "GET"
  std::string_view target;  // "/v1.41/containers/json?all=1"
  int status = 0;           // HTTP status; 0 when no answer came (see `error`)
  std::chrono::milliseconds elapsed{0};
  std::string_view error;  // why no answer came; empty otherwise
};

using RequestLogger = std::function<void(const RequestRecord& record)>;

// Installs `logger` (empty: none). It may be called from any thread, so it
// must be thread-safe itself.
void set_request_logger(RequestLogger logger);

// Reports one request to the installed logger, if any.
void log_request(const RequestRecord& record);

}  // namespace berth::engine
