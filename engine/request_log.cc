#include "engine/request_log.h"

#include <memory>
#include <mutex>

namespace berth::engine {

namespace {

// A shared_ptr copied under the lock, so a logger being replaced is not
// destroyed while another thread still calls it.
std::mutex g_mutex;
std::shared_ptr<const RequestLogger> g_logger;

}  // namespace

void set_request_logger(RequestLogger logger) {
  auto installed = logger ? std::make_shared<const RequestLogger>(std::move(logger)) : nullptr;
  std::lock_guard lock(g_mutex);
  g_logger = std::move(installed);
}

void log_request(const RequestRecord& record) {
  std::shared_ptr<const RequestLogger> logger;
  {
    std::lock_guard lock(g_mutex);
    logger = g_logger;
  }
  if (logger) {
    (*logger)(record);
  }
}

}  // namespace berth::engine
