#include "cli/engine_call_log.h"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <memory>
#include <string>

#include "engine/request_log.h"

namespace berth::cli {

void log_engine_calls_to_stderr() {
  // The _mt sink: engine calls come from the executor's threads at once.
  auto logger =
      std::make_shared<spdlog::logger>("engine", std::make_shared<spdlog::sinks::stderr_sink_mt>());
  logger->set_pattern("%H:%M:%S.%e engine: %v");
  logger->set_level(spdlog::level::debug);
  engine::set_request_logger([logger](const engine::RequestRecord& record) {
    if (record.status == 0) {
      logger->warn("{} {} failed after {} ms: {}", record.method, record.target,
                   record.elapsed.count(), record.error);
    } else {
      logger->debug("{} {} -> {} in {} ms", record.method, record.target, record.status,
                    record.elapsed.count());
    }
  });
}

}  // namespace berth::cli
