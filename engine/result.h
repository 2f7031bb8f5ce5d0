#pragma once
// Result<T>: what an engine call returns. Failures that callers branch on come
// back as values (not exceptions); the code says which kind of failure it was.

#include <string>
#include <utility>
#include <variant>

namespace berth::engine {

enum class ErrorCode {
  not_found,    // HTTP 404: no such container, network, volume or image
  conflict,     // HTTP 409: name in use, container running, ...
  bad_request,  // HTTP 400: the engine rejected the request's content
  server,       // HTTP 5xx or any other unexpected status
  timeout,      // no answer within the call's deadline
  transport,    // could not connect / connection broke / unparsable answer
  cancelled,    // the caller's cancel flag ended the wait (Ctrl+C while connecting)
};

std::string to_string(ErrorCode code);

struct Error {
  ErrorCode code = ErrorCode::server;
  int http_status = 0;  // 0 when the failure happened below HTTP
  std::string message;  // the engine's own message where it gave one
};

// Marker value for calls that return nothing on success.
struct Done {};

template <class T>
class Result {
 public:
  Result(T value) : m_value(std::move(value)) {}        // NOLINT: implicit on purpose
  Result(Error error) : m_value(std::move(error)) {}    // NOLINT: implicit on purpose

  bool ok() const { return std::holds_alternative<T>(m_value); }
  explicit operator bool() const { return ok(); }

  const T& value() const& { return std::get<T>(m_value); }
  T& value() & { return std::get<T>(m_value); }
  T&& value() && { return std::get<T>(std::move(m_value)); }
  const T& operator*() const& { return value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const { return std::get<Error>(m_value); }

 private:
  std::variant<T, Error> m_value;
};

using Status = Result<Done>;

// For removals and stops: an object already gone is the goal reached.
inline Status gone_is_done(Status status) {
  if (!status && status.error().code == ErrorCode::not_found) {
    return Done{};
  }
  return status;
}

}  // namespace berth::engine
