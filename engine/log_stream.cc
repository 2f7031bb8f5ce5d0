#include "engine/log_stream.h"

#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <utility>

#include "engine/log_frame_decoder.h"
#include "engine/log_line_assembler.h"
#include "engine/streaming_response.h"

namespace berth::engine {

namespace {

namespace beast = boost::beast;
namespace http = beast::http;

// One stream: a StreamingResponse whose body is decoded and cut into lines.
template <class Stream>
class LogStream final : public LogSubscription {
 public:
  LogStream(bool multiplexed, Engine::LogHandler on_lines, Engine::LogStreamEnded on_end)
      : m_decoder(multiplexed), m_on_lines(std::move(on_lines)), m_on_end(std::move(on_end)) {}

  template <class Connect>
  Status open(Connect connect, const std::string& target, const std::string& host_header,
              std::chrono::milliseconds timeout) {
    auto opened =
        m_response.open(connect, target, host_header, timeout, "the log stream did not open");
    if (!opened) {
      return opened;
    }
    if (m_response.is_done()) {
      // An empty body (no output yet, not following) ends with the headers.
      m_ended_with_headers = true;
    } else {
      read_next();
    }
    m_response.start([this] {
      if (m_ended_with_headers) {
        end(Done{});
        return;
      }
      m_response.run();
    });
    return Done{};
  }

 private:
  void read_next() {
    m_response.read_some([this](beast::error_code code, std::size_t) { on_read(code); });
  }

  void on_read(beast::error_code code) {
    std::string& body = m_response.body();
    m_decoder.feed(body, [this](OutputStream stream, std::string_view payload) {
      m_lines.feed(stream, payload, m_batch);
    });
    body.clear();
    deliver();
    if (code == http::error::end_of_stream || (!code && m_response.is_done())) {
      return end(Done{});
    }
    if (code) {
      return end(Error{ErrorCode::transport, 0, "lost the log stream: " + code.message()});
    }
    read_next();
  }

  void deliver() {
    if (!m_batch.empty() && !m_response.stopping() && m_on_lines) {
      m_on_lines(m_batch.lines());
    }
    m_batch.clear();
  }

  void end(const Status& status) {
    m_lines.finish(m_batch);
    deliver();
    if (!m_response.stopping() && m_on_end) {
      m_on_end(status);
    }
  }

  LogFrameDecoder m_decoder;
  LogLineAssembler m_lines;
  LogBatch m_batch;
  Engine::LogHandler m_on_lines;
  Engine::LogStreamEnded m_on_end;
  bool m_ended_with_headers = false;
  // Last: destroyed first, so its thread is joined while the above exist.
  StreamingResponse<Stream> m_response;
};

}  // namespace

Result<std::unique_ptr<LogSubscription>> open_log_stream(const Endpoint& endpoint,
                                                         const std::string& target,
                                                         bool multiplexed,
                                                         Engine::LogHandler on_lines,
                                                         Engine::LogStreamEnded on_end,
                                                         std::chrono::milliseconds setup_timeout) {
  return open_on_endpoint<Result<std::unique_ptr<LogSubscription>>>(
      endpoint,
      [&]<class Stream>(std::type_identity<Stream>, auto connect, const std::string& host_header)
          -> Result<std::unique_ptr<LogSubscription>> {
        auto stream = std::make_unique<LogStream<Stream>>(multiplexed, std::move(on_lines),
                                                          std::move(on_end));
        auto opened = stream->open(connect, target, host_header, setup_timeout);
        if (!opened) {
          return opened.error();
        }
        return std::unique_ptr<LogSubscription>(std::move(stream));
      });
}

}  // namespace berth::engine
