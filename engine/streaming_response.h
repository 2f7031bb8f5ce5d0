#pragma once
// What the engine's streamed answers (the event and log streams, the
// hijacked attach/exec connection) have in common, kept in one place so that
// they fail alike: choosing the connection for an Endpoint, the opening
// phase (connect, send, read the answer's headers, all under one deadline;
// a refused status becomes error_from_response()'s Error) and, for a stream
// read on a thread of its own, stopping and joining that thread. Private to
// the engine module and included by .cc files only, as it brings in Beast.

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cassert>
#include <chrono>
#include <cstdint>
#include <exception>
#include <limits>
#include <string>
#include <string_view>
#include <thread>
#include <type_traits>
#include <utility>

#include "engine/http_transport.h"
#include "engine/json_mapping.h"
#include "engine/result.h"
#include "engine/run_operation.h"

namespace berth::engine {

using UnixStream = boost::beast::basic_stream<boost::asio::local::stream_protocol>;
using TcpStream = boost::beast::tcp_stream;
using ResponseParser = boost::beast::http::response_parser<boost::beast::http::string_body>;

// Calls `open(std::type_identity<Stream>{}, connect, host_header)`, where
// `connect(stream, handler)` starts connecting a Stream (UnixStream or
// TcpStream, as the endpoint's kind says) and `host_header` is what the Host
// header should say. Returns what `open` returns, or the failure to resolve.
template <class Opened, class Open>
Opened open_on_endpoint(const Endpoint& endpoint, Open open) {
  try {
    if (endpoint.kind == Endpoint::Kind::unix_socket) {
      const boost::asio::local::stream_protocol::endpoint address(endpoint.path);
      return open(
          std::type_identity<UnixStream>{},
          [&](UnixStream& stream, auto handler) {
            stream.async_connect(address, std::move(handler));
          },
          std::string("docker"));
    }
    // Resolving is synchronous, as in http_transport: engine addresses are IPs
    // or local names.
    boost::asio::io_context resolving;
    boost::asio::ip::tcp::resolver resolver(resolving);
    boost::beast::error_code code;
    const auto addresses = resolver.resolve(endpoint.host, endpoint.port, code);
    if (code) {
      return Error{ErrorCode::transport, 0,
                   "cannot resolve " + endpoint.host + ": " + code.message()};
    }
    return open(
        std::type_identity<TcpStream>{},
        [&](TcpStream& stream, auto handler) {
          stream.async_connect(addresses, std::move(handler));
        },
        endpoint.host);
  } catch (const std::exception& error) {
    // Asio throws for a few invalid inputs (a socket path that is too long)
    // and on allocation failure; the module promises values, not throws.
    return Error{ErrorCode::transport, 0, error.what()};
  }
}

// The opening phase's failure: `late` ("the log stream did not open") names
// what a timeout means to the caller; other failures are the system's reason
// after `what`.
inline Error setup_failure(const boost::beast::error_code& code, std::chrono::milliseconds timeout,
                           std::string_view late, const std::string& what) {
  if (code == boost::beast::error::timeout) {
    return Error{ErrorCode::timeout, 0,
                 std::string(late) + " within " + std::to_string(timeout.count()) + " ms"};
  }
  return Error{ErrorCode::transport, 0, what + code.message()};
}

// Connects `stream` with `connect`, sends `request` and reads the answer's
// headers into `parser`, all within `timeout`, on the calling thread. Done
// when `accepted(status)`; otherwise the (short) body is read for the
// engine's message and error_from_response() judges it. The deadline is left
// running: the caller decides what the rest of the answer is bounded by.
template <class Stream, class Connect, class Request, class Accepted>
Status open_response(boost::asio::io_context& context, Stream& stream, Connect& connect,
                     Request& request, boost::beast::flat_buffer& buffer, ResponseParser& parser,
                     std::chrono::milliseconds timeout, std::string_view late,
                     Accepted accepted) {
  namespace http = boost::beast::http;
  stream.expires_after(timeout);
  auto code = run_operation(context, [&](auto handler) { connect(stream, std::move(handler)); });
  if (code) {
    return setup_failure(code, timeout, late, "");
  }
  code = run_operation(
      context, [&](auto handler) { http::async_write(stream, request, std::move(handler)); });
  if (!code) {
    code = run_operation(context, [&](auto handler) {
      http::async_read_header(stream, buffer, parser, std::move(handler));
    });
  }
  if (code) {
    return setup_failure(code, timeout, late, "lost the connection to the engine: ");
  }
  const int status = static_cast<int>(parser.get().result_int());
  if (!accepted(status)) {
    code = run_operation(context, [&](auto handler) {
      http::async_read(stream, buffer, parser, std::move(handler));
    });
    return error_from_response(status, code ? std::string() : parser.get().body());
  }
  return Done{};
}

// The answer to a long-lived GET, read on a thread of its own after it
// opened. Its io_context is used by the caller's thread while the stream
// opens and by the thread only afterwards, so the two never share it.
//
// Its owner declares it as its last member: destroyed first, it stops and
// joins the thread while everything the owner's handlers use still exists.
template <class Stream>
class StreamingResponse {
 public:
  StreamingResponse() {
    // The body of a stream is unbounded; the owner holds one read at a time.
    // Not boost::none: Boost 1.74 then rejects every Content-Length body.
    m_parser.body_limit(std::numeric_limits<std::uint64_t>::max());
  }

  ~StreamingResponse() {
    // stop() makes run() return after the handler now running (if any), so a
    // callback in progress finishes first; stopping() keeps later pieces of
    // the same read from being delivered. Pending reads die with m_context.
    m_stopping = true;
    m_context.stop();
    if (m_thread.joinable()) {
      assert(m_thread.get_id() != std::this_thread::get_id() &&
             "a stream callback must not destroy its own subscription");
      m_thread.join();
    }
  }

  StreamingResponse(const StreamingResponse&) = delete;
  StreamingResponse& operator=(const StreamingResponse&) = delete;

  // Sends GET `target` and reads the headers within `timeout` (see
  // open_response(); `late` names a timeout). On status 200 the body has no
  // deadline: events or log lines may be hours apart.
  template <class Connect>
  Status open(Connect connect, const std::string& target, const std::string& host_header,
              std::chrono::milliseconds timeout, std::string_view late) {
    namespace http = boost::beast::http;
    http::request<http::empty_body> request(http::verb::get, target, 11);
    request.set(http::field::host, host_header);
    request.set(http::field::user_agent, "berth");
    auto opened = open_response(m_context, m_stream, connect, request, m_buffer, m_parser, timeout,
                                late, [](int status) { return status == 200; });
    if (opened) {
      m_stream.expires_never();
    }
    return opened;
  }

  // Starts the stream's thread, which runs `body`; `body` calls run() to
  // serve the reads started with read_some().
  template <class Body>
  void start(Body body) {
    m_context.restart();
    m_thread = std::thread(std::move(body));
  }

  void run() { m_context.run(); }

  // Reads on into body(); `handler(error_code, bytes)` runs on the thread.
  template <class Handler>
  void read_some(Handler handler) {
    boost::beast::http::async_read_some(m_stream, m_buffer, m_parser, std::move(handler));
  }

  // What the reads so far appended; the owner clears what it consumed.
  std::string& body() { return m_parser.get().body(); }
  bool is_done() const { return m_parser.is_done(); }
  // Set once destruction began: deliver nothing more.
  bool stopping() const { return m_stopping; }

 private:
  // Declared first: destroyed last, after everything that uses it.
  boost::asio::io_context m_context;
  Stream m_stream{m_context};
  boost::beast::flat_buffer m_buffer;
  ResponseParser m_parser;
  std::atomic<bool> m_stopping{false};
  std::thread m_thread;
};

}  // namespace berth::engine
