#include "engine/result.h"

namespace berth::engine {

std::string to_string(ErrorCode code) {
  switch (code) {
    case ErrorCode::not_found: return "not found";
    case ErrorCode::conflict: return "conflict";
    case ErrorCode::bad_request: return "bad request";
    case ErrorCode::server: return "server error";
    case ErrorCode::timeout: return "timeout";
    case ErrorCode::transport: return "transport error";
    case ErrorCode::cancelled: return "cancelled";
  }
  return "error";
}

}  // namespace berth::engine
