#include "engine/event_stream.h"

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cassert>
#include <cstdint>
#include <exception>
#include <limits>
#include <thread>
#include <utility>

#include "engine/event_json.h"
#include "engine/json_mapping.h"
#include "engine/line_splitter.h"
#include "engine/run_operation.h"

namespace berth::engine {

namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;

using UnixStream = beast::basic_stream<net::local::stream_protocol>;
using TcpStream = beast::tcp_stream;

Error setup_failure(const beast::error_code& code, std::chrono::milliseconds timeout,
                    const std::string& what) {
  if (code == beast::error::timeout) {
    return Error{ErrorCode::timeout, 0,
                 "the event stream did not open within " + std::to_string(timeout.count()) + " ms"};
  }
  return Error{ErrorCode::transport, 0, what + code.message()};
}

// One subscription: its own io_context, used by the caller's thread while the
// stream opens and by m_thread only afterwards, so the two never share it.
template <class Stream>
class EventStream final : public EventSubscription {
 public:
  EventStream(Engine::EventHandler on_event, Engine::EventStreamEnded on_end)
      : m_on_event(std::move(on_event)), m_on_end(std::move(on_end)) {
    // The body of a stream is unbounded; only one line at a time is held.
    // Not boost::none: Boost 1.74 then rejects every Content-Length body.
    m_parser.body_limit(std::numeric_limits<std::uint64_t>::max());
  }

  ~EventStream() override {
    // stop() makes run() return after the handler now running (if any), so a
    // callback in progress finishes first; m_stopping keeps later lines of
    // the same read from being delivered. Pending reads die with m_context.
    m_stopping = true;
    m_context.stop();
    if (m_thread.joinable()) {
      assert(m_thread.get_id() != std::this_thread::get_id() &&
             "an event callback must not destroy its own subscription");
      m_thread.join();
    }
  }

  EventStream(const EventStream&) = delete;
  EventStream& operator=(const EventStream&) = delete;

  // Connects (`connect(stream, handler)` starts it), sends the request and
  // reads the headers within `timeout`, on the caller's thread. On status 200
  // the reading continues on the subscription's thread, without deadline.
  template <class Connect>
  Status open(Connect connect, const std::string& target, const std::string& host_header,
              std::chrono::milliseconds timeout) {
    m_stream.expires_after(timeout);
    auto code =
        run_operation(m_context, [&](auto handler) { connect(m_stream, std::move(handler)); });
    if (code) {
      return setup_failure(code, timeout, "");
    }
    http::request<http::empty_body> request(http::verb::get, target, 11);
    request.set(http::field::host, host_header);
    request.set(http::field::user_agent, "berth");
    code = run_operation(
        m_context, [&](auto handler) { http::async_write(m_stream, request, std::move(handler)); });
    if (!code) {
      code = run_operation(m_context, [&](auto handler) {
        http::async_read_header(m_stream, m_buffer, m_parser, std::move(handler));
      });
    }
    if (code) {
      return setup_failure(code, timeout, "lost the connection to the engine: ");
    }
    const int status = static_cast<int>(m_parser.get().result_int());
    if (status != 200) {
      // The engine's message is in the (short) body; without it, the status.
      code = run_operation(m_context, [&](auto handler) {
        http::async_read(m_stream, m_buffer, m_parser, std::move(handler));
      });
      return error_from_response(status, code ? std::string() : m_parser.get().body());
    }
    m_stream.expires_never();
    read_next();
    m_context.restart();
    m_thread = std::thread([this] { m_context.run(); });
    return Done{};
  }

 private:
  void read_next() {
    http::async_read_some(m_stream, m_buffer, m_parser,
                          [this](beast::error_code code, std::size_t) { on_read(code); });
  }

  void on_read(beast::error_code code) {
    std::string& body = m_parser.get().body();
    const auto lines = m_lines.feed(body);
    body.clear();
    for (const auto& line : lines) {
      if (m_stopping) {
        return;
      }
      auto event = parse_event(line);
      if (!event) {
        return end(event.error());
      }
      if (m_on_event) {
        m_on_event(*event);
      }
    }
    if (code == http::error::end_of_stream || (!code && m_parser.is_done())) {
      return end(Error{ErrorCode::transport, 0, "the engine ended the event stream"});
    }
    if (code) {
      return end(Error{ErrorCode::transport, 0, "lost the event stream: " + code.message()});
    }
    if (m_lines.pending() > k_max_event_bytes) {
      return end(Error{ErrorCode::transport, 0, "an event of the engine exceeds 16 MB"});
    }
    read_next();
  }

  void end(const Error& error) {
    if (!m_stopping && m_on_end) {
      m_on_end(error);
    }
  }

  // Declared first: destroyed last, after everything that uses it.
  net::io_context m_context;
  Stream m_stream{m_context};
  beast::flat_buffer m_buffer;
  http::response_parser<http::string_body> m_parser;
  LineSplitter m_lines;
  Engine::EventHandler m_on_event;
  Engine::EventStreamEnded m_on_end;
  std::atomic<bool> m_stopping{false};
  std::thread m_thread;
};

template <class Stream, class Connect>
Result<std::unique_ptr<EventSubscription>> open_stream(Connect connect, const std::string& target,
                                                       const std::string& host_header,
                                                       Engine::EventHandler on_event,
                                                       Engine::EventStreamEnded on_end,
                                                       std::chrono::milliseconds timeout) {
  auto stream = std::make_unique<EventStream<Stream>>(std::move(on_event), std::move(on_end));
  auto opened = stream->open(connect, target, host_header, timeout);
  if (!opened) {
    return opened.error();
  }
  return std::unique_ptr<EventSubscription>(std::move(stream));
}

}  // namespace

Result<std::unique_ptr<EventSubscription>> open_event_stream(
    const Endpoint& endpoint, const std::string& target, Engine::EventHandler on_event,
    Engine::EventStreamEnded on_end, std::chrono::milliseconds setup_timeout) {
  try {
    if (endpoint.kind == Endpoint::Kind::unix_socket) {
      const net::local::stream_protocol::endpoint address(endpoint.path);
      return open_stream<UnixStream>(
          [&](UnixStream& stream, auto handler) {
            stream.async_connect(address, std::move(handler));
          },
          target, "docker", std::move(on_event), std::move(on_end), setup_timeout);
    }
    // Resolving is synchronous, as in http_transport: engine addresses are IPs
    // or local names.
    net::io_context resolving;
    net::ip::tcp::resolver resolver(resolving);
    beast::error_code code;
    const auto addresses = resolver.resolve(endpoint.host, endpoint.port, code);
    if (code) {
      return Error{ErrorCode::transport, 0,
                   "cannot resolve " + endpoint.host + ": " + code.message()};
    }
    return open_stream<TcpStream>(
        [&](TcpStream& stream, auto handler) {
          stream.async_connect(addresses, std::move(handler));
        },
        target, endpoint.host, std::move(on_event), std::move(on_end), setup_timeout);
  } catch (const std::exception& error) {
    // Asio throws for a few invalid inputs (a socket path that is too long)
    // and on allocation failure; the module promises values, not throws.
    return Error{ErrorCode::transport, 0, error.what()};
  }
}

}  // namespace berth::engine
