#include "engine/event_stream.h"

#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <utility>

#include "engine/event_json.h"
#include "engine/line_splitter.h"
#include "engine/streaming_response.h"

namespace berth::engine {

namespace {

namespace beast = boost::beast;
namespace http = beast::http;

// One subscription: a StreamingResponse whose body is cut into lines, one
// JSON event each.
template <class Stream>
class EventStream final : public EventSubscription {
 public:
  EventStream(Engine::EventHandler on_event, Engine::EventStreamEnded on_end)
      : m_on_event(std::move(on_event)), m_on_end(std::move(on_end)) {}

  // Connects (`connect(stream, handler)` starts it), sends the request and
  // reads the headers within `timeout`, on the caller's thread. On status 200
  // the reading continues on the subscription's thread, without deadline.
  template <class Connect>
  Status open(Connect connect, const std::string& target, const std::string& host_header,
              std::chrono::milliseconds timeout) {
    auto opened =
        m_response.open(connect, target, host_header, timeout, "the event stream did not open");
    if (!opened) {
      return opened;
    }
    read_next();
    m_response.start([this] { m_response.run(); });
    return Done{};
  }

 private:
  void read_next() {
    m_response.read_some([this](beast::error_code code, std::size_t) { on_read(code); });
  }

  void on_read(beast::error_code code) {
    std::string& body = m_response.body();
    const auto lines = m_lines.feed(body);
    body.clear();
    for (const auto& line : lines) {
      if (m_response.stopping()) {
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
    if (code == http::error::end_of_stream || (!code && m_response.is_done())) {
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
    if (!m_response.stopping() && m_on_end) {
      m_on_end(error);
    }
  }

  LineSplitter m_lines;
  Engine::EventHandler m_on_event;
  Engine::EventStreamEnded m_on_end;
  // Last: destroyed first, so its thread is joined while the above exist.
  StreamingResponse<Stream> m_response;
};

}  // namespace

Result<std::unique_ptr<EventSubscription>> open_event_stream(
    const Endpoint& endpoint, const std::string& target, Engine::EventHandler on_event,
    Engine::EventStreamEnded on_end, std::chrono::milliseconds setup_timeout) {
  return open_on_endpoint<Result<std::unique_ptr<EventSubscription>>>(
      endpoint,
      [&]<class Stream>(std::type_identity<Stream>, auto connect, const std::string& host_header)
          -> Result<std::unique_ptr<EventSubscription>> {
        auto stream =
            std::make_unique<EventStream<Stream>>(std::move(on_event), std::move(on_end));
        auto opened = stream->open(connect, target, host_header, setup_timeout);
        if (!opened) {
          return opened.error();
        }
        return std::unique_ptr<EventSubscription>(std::move(stream));
      });
}

}  // namespace berth::engine
