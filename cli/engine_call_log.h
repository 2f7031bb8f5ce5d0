#pragma once
// `--verbose`: logs every engine call (method, path, status, time) to stderr
// through spdlog, by installing the engine module's request logger.

namespace berth::cli {

void log_engine_calls_to_stderr();

}  // namespace berth::cli
