#include "engine/hijacked_stream.h"

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cerrno>
#include <utility>

#include "engine/log_frame_decoder.h"
#include "engine/streaming_response.h"

namespace berth::engine {

namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;

constexpr std::size_t k_read_bytes = 32 * 1024;

// After the upgrade the connection is a plain socket: Beast's HTTP layer has
// nothing left to do, and blocking reads and writes on the descriptor let one
// thread read while another writes.
class SocketStdioStream final : public StdioStream {
 public:
  SocketStdioStream(int fd, std::string early_output, bool multiplexed)
      : m_fd(fd), m_early_output(std::move(early_output)), m_decoder(multiplexed) {}

  ~SocketStdioStream() override { ::close(m_fd); }

  SocketStdioStream(const SocketStdioStream&) = delete;
  SocketStdioStream& operator=(const SocketStdioStream&) = delete;

  bool read_output(const OutputHandler& on_output) override {
    if (!m_early_output.empty()) {
      // Output the engine sent right behind the 101's headers.
      const std::string bytes = std::exchange(m_early_output, {});
      m_decoder.feed(bytes, on_output);
      return true;
    }
    char buffer[k_read_bytes];
    ssize_t count = 0;
    do {
      count = ::read(m_fd, buffer, sizeof buffer);
    } while (count < 0 && errno == EINTR && !m_cancelled);
    if (count <= 0 || m_cancelled) {
      return false;
    }
    m_decoder.feed(std::string_view(buffer, static_cast<std::size_t>(count)), on_output);
    return true;
  }

  bool write_input(std::string_view bytes) override {
    while (!bytes.empty()) {
      const ssize_t sent = ::send(m_fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
      if (sent < 0 && errno == EINTR) {
        continue;
      }
      if (sent <= 0) {
        return false;
      }
      bytes.remove_prefix(static_cast<std::size_t>(sent));
    }
    return true;
  }

  void close_input() override { ::shutdown(m_fd, SHUT_WR); }

  void cancel() override {
    m_cancelled = true;
    ::shutdown(m_fd, SHUT_RDWR);
  }

 private:
  int m_fd;
  std::string m_early_output;
  LogFrameDecoder m_decoder;  // used by the reading thread only
  std::atomic<bool> m_cancelled{false};
};

template <class Stream, class Connect>
Result<std::unique_ptr<StdioStream>> hijack(Connect connect, const std::string& target,
                                            const std::string& host_header, const std::string& body,
                                            bool multiplexed, std::chrono::milliseconds timeout) {
  net::io_context context;
  Stream stream(context);
  http::request<http::string_body> request(http::verb::post, target, 11);
  request.set(http::field::host, host_header);
  request.set(http::field::user_agent, "berth");
  request.set(http::field::connection, "Upgrade");
  request.set(http::field::upgrade, "tcp");
  if (!body.empty()) {
    request.set(http::field::content_type, "application/json");
    request.body() = body;
  }
  request.prepare_payload();
  beast::flat_buffer buffer;
  ResponseParser parser;
  auto opened = open_response(context, stream, connect, request, buffer, parser, timeout,
                              "the engine did not answer",
                              [](int status) { return status == 101 || status == 200; });
  if (!opened) {
    return opened.error();
  }
  const int fd = ::dup(stream.socket().native_handle());
  if (fd < 0) {
    return Error{ErrorCode::transport, 0, "cannot keep the engine's connection open"};
  }
  // Asio made the socket non-blocking; the stream reads and writes blocking.
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  const auto early = buffer.data();
  std::string early_output(static_cast<const char*>(early.data()), early.size());
  return std::unique_ptr<StdioStream>(
      std::make_unique<SocketStdioStream>(fd, std::move(early_output), multiplexed));
}

}  // namespace

Result<std::unique_ptr<StdioStream>> open_hijacked_stream(const Endpoint& endpoint,
                                                          const std::string& target,
                                                          const std::string& body, bool multiplexed,
                                                          std::chrono::milliseconds setup_timeout) {
  return open_on_endpoint<Result<std::unique_ptr<StdioStream>>>(
      endpoint,
      [&]<class Stream>(std::type_identity<Stream>, auto connect, const std::string& host_header) {
        return hijack<Stream>(connect, target, host_header, body, multiplexed, setup_timeout);
      });
}

}  // namespace berth::engine
