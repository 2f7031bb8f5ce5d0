#pragma once
// HTTP/1.1 to the engine: one request per fresh connection, so callers on any
// number of threads share nothing. Private to the engine module.

#include <atomic>
#include <chrono>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/result.h"

namespace berth::engine {

// Where the engine listens, parsed from "unix:///path" or "tcp://host[:port]".
struct Endpoint {
  enum class Kind { unix_socket, tcp };
  Kind kind = Kind::unix_socket;
  std::string path;  // unix_socket only
  std::string host;  // tcp only; IPv6 without brackets
  std::string port;  // tcp only; "2375" when the address names none
  std::string text;  // the address as the user wrote it, for messages
};

// Error code bad_request when `host` is not a unix:// or tcp:// address.
Result<Endpoint> parse_host(const std::string& host);

struct HttpResponse {
  int status = 0;
  std::string body;  // de-chunked
  // The answer's headers, names lower-cased (http_request() only; `cp` reads
  // x-docker-container-path-stat from a HEAD).
  std::vector<std::pair<std::string, std::string>> headers = {};
};

inline constexpr std::chrono::milliseconds k_default_timeout = std::chrono::seconds(60);

// Sends one request and reads the whole answer. `body`, when not empty, is
// sent as application/json. The deadline covers connect, write and read.
// Failures: ErrorCode::transport (connect, broken connection; the message is
// the system's reason) or ErrorCode::timeout. Any HTTP status is a success.
// `cancel`, when given, ends the wait with ErrorCode::cancelled once set: for
// requests that may be abandoned midway (the first /version of a connection).
Result<HttpResponse> http_request(const Endpoint& endpoint, std::string_view method,
                                  const std::string& target, const std::string& body = {},
                                  std::chrono::milliseconds timeout = k_default_timeout,
                                  const std::atomic<bool>* cancel = nullptr);

// A request whose answer is a long stream (build, pull and push progress).
struct StreamingRequest {
  std::string method = "POST";
  std::string target;
  std::vector<std::pair<std::string, std::string>> headers;  // e.g. X-Registry-Auth
  std::string content_type = "application/json";
  std::string body;
  // Bounds connecting, sending the body and reading the answer's headers.
  std::chrono::milliseconds setup_timeout = std::chrono::minutes(10);
  // Bounds each later read; zero: none (a build step may be silent for long).
  std::chrono::milliseconds idle_timeout{0};
};

// Sends `request`; on a 2xx answer hands each piece of the body to `on_body`
// as it arrives, in order, on the caller's thread, and returns the status
// with an empty body. Any other status is returned with its whole body.
// `request` by value: its body is moved into the message, not copied.
Result<HttpResponse> http_stream(const Endpoint& endpoint, StreamingRequest request,
                                 const std::function<void(std::string_view)>& on_body);

}  // namespace berth::engine
