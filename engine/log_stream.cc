#include "engine/log_stream.h"

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

#include "engine/json_mapping.h"
#include "engine/log_frame_decoder.h"
#include "engine/log_line_assembler.h"
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
                 "the log stream did not open within " + std::to_string(timeout.count()) + " ms"};
  }
  return Error{ErrorCode::transport, 0, what + code.message()};
}

// One stream, built like event_stream.cc's: its own io_context, used by the
// caller's thread while the stream opens and by m_thread only afterwards.
template <class Stream>
class LogStream final : public LogSubscription {
 public:
  LogStream(bool multiplexed, Engine::LogHandler on_lines, Engine::LogStreamEnded on_end)
      : m_decoder(multiplexed), m_on_lines(std::move(on_lines)), m_on_end(std::move(on_end)) {
    // Not boost::none: Boost 1.74 then rejects every Content-Length body.
    m_parser.body_limit(std::numeric_limits<std::uint64_t>::max());
  }

  ~LogStream() override {
    // As ~EventStream: a callback in progress finishes, none starts after.
    m_stopping = true;
    m_context.stop();
    if (m_thread.joinable()) {
      assert(m_thread.get_id() != std::this_thread::get_id() &&
             "a log callback must not destroy its own subscription");
      m_thread.join();
    }
  }

  LogStream(const LogStream&) = delete;
  LogStream& operator=(const LogStream&) = delete;

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
      code = run_operation(m_context, [&](auto handler) {
        http::async_read(m_stream, m_buffer, m_parser, std::move(handler));
      });
      return error_from_response(status, code ? std::string() : m_parser.get().body());
    }
    m_stream.expires_never();
    if (m_parser.is_done()) {
      // An empty body (no output yet, not following) ends with the headers.
      m_ended_with_headers = true;
    } else {
      read_next();
    }
    m_context.restart();
    m_thread = std::thread([this] {
      if (m_ended_with_headers) {
        end(Done{});
        return;
      }
      m_context.run();
    });
    return Done{};
  }

 private:
  void read_next() {
    http::async_read_some(m_stream, m_buffer, m_parser,
                          [this](beast::error_code code, std::size_t) { on_read(code); });
  }

  void on_read(beast::error_code code) {
    std::string& body = m_parser.get().body();
    m_decoder.feed(body, [this](OutputStream stream, std::string_view payload) {
      m_lines.feed(stream, payload, m_batch);
    });
    body.clear();
    deliver();
    if (code == http::error::end_of_stream || (!code && m_parser.is_done())) {
      return end(Done{});
    }
    if (code) {
      return end(Error{ErrorCode::transport, 0, "lost the log stream: " + code.message()});
    }
    read_next();
  }

  void deliver() {
    if (!m_batch.empty() && !m_stopping && m_on_lines) {
      m_on_lines(m_batch.lines());
    }
    m_batch.clear();
  }

  void end(const Status& status) {
    m_lines.finish(m_batch);
    deliver();
    if (!m_stopping && m_on_end) {
      m_on_end(status);
    }
  }

  // Declared first: destroyed last, after everything that uses it.
  net::io_context m_context;
  Stream m_stream{m_context};
  beast::flat_buffer m_buffer;
  http::response_parser<http::string_body> m_parser;
  LogFrameDecoder m_decoder;
  LogLineAssembler m_lines;
  LogBatch m_batch;
  Engine::LogHandler m_on_lines;
  Engine::LogStreamEnded m_on_end;
  std::atomic<bool> m_stopping{false};
  bool m_ended_with_headers = false;
  std::thread m_thread;
};

template <class Stream, class Connect>
Result<std::unique_ptr<LogSubscription>> open_stream(Connect connect, const std::string& target,
                                                     const std::string& host_header,
                                                     bool multiplexed, Engine::LogHandler on_lines,
                                                     Engine::LogStreamEnded on_end,
                                                     std::chrono::milliseconds timeout) {
  auto stream =
      std::make_unique<LogStream<Stream>>(multiplexed, std::move(on_lines), std::move(on_end));
  auto opened = stream->open(connect, target, host_header, timeout);
  if (!opened) {
    return opened.error();
  }
  return std::unique_ptr<LogSubscription>(std::move(stream));
}

}  // namespace

Result<std::unique_ptr<LogSubscription>> open_log_stream(const Endpoint& endpoint,
                                                         const std::string& target,
                                                         bool multiplexed,
                                                         Engine::LogHandler on_lines,
                                                         Engine::LogStreamEnded on_end,
                                                         std::chrono::milliseconds setup_timeout) {
  try {
    if (endpoint.kind == Endpoint::Kind::unix_socket) {
      const net::local::stream_protocol::endpoint address(endpoint.path);
      return open_stream<UnixStream>(
          [&](UnixStream& stream, auto handler) {
            stream.async_connect(address, std::move(handler));
          },
          target, "docker", multiplexed, std::move(on_lines), std::move(on_end), setup_timeout);
    }
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
        target, endpoint.host, multiplexed, std::move(on_lines), std::move(on_end), setup_timeout);
  } catch (const std::exception& error) {
    return Error{ErrorCode::transport, 0, error.what()};
  }
}

}  // namespace berth::engine
