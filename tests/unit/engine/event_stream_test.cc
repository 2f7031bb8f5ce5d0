// open_event_stream() against a fake daemon that writes a chunked answer in
// pieces; no dockerd needed.

#include "engine/event_stream.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace berth::engine {
namespace {

using namespace std::chrono_literals;

std::string unique_socket_path() {
  static std::atomic<int> counter{0};
  return "/tmp/berth-events-unit-" + std::to_string(getpid()) + "-" + std::to_string(counter++) +
         ".sock";
}

// Accepts one connection, reads the request head, writes `pieces` one by one
// (a pause between them so that they arrive as separate reads), then holds
// the connection open until destroyed unless `close_after` is set.
class StreamingDaemon {
 public:
  // Listens on a unix socket, or with `tcp` on 127.0.0.1 at a free port.
  StreamingDaemon(std::vector<std::string> pieces, bool close_after, bool tcp = false)
      : m_path(unique_socket_path()), m_pieces(std::move(pieces)), m_close_after(close_after) {
    m_listener = tcp ? listen_tcp() : listen_unix();
    if (m_listener < 0 || listen(m_listener, 4) != 0) {
      ADD_FAILURE() << "cannot listen";
    }
    m_thread = std::thread([this] { serve(); });
  }

  ~StreamingDaemon() {
    m_stopping = true;
    m_thread.join();
    close(m_listener);
    unlink(m_path.c_str());
  }

  Endpoint endpoint() const {
    return parse_host(m_tcp_port.empty() ? "unix://" + m_path : "tcp://127.0.0.1:" + m_tcp_port)
        .value();
  }

  std::string request() const {
    std::lock_guard lock(m_mutex);
    return m_request;
  }

  // A chunk of the chunked transfer encoding.
  static std::string chunk(const std::string& data) {
    char size[16];
    std::snprintf(size, sizeof(size), "%zx", data.size());
    return std::string(size) + "\r\n" + data + "\r\n";
  }

  static constexpr const char* k_stream_head =
      "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";

 private:
  int listen_unix() {
    const int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    m_path.copy(address.sun_path, sizeof(address.sun_path) - 1);
    unlink(m_path.c_str());
    return bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0 ? fd : -1;
  }

  int listen_tcp() {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof(address);
    if (bind(fd, reinterpret_cast<sockaddr*>(&address), length) != 0 ||
        getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
      return -1;
    }
    m_tcp_port = std::to_string(ntohs(address.sin_port));
    return fd;
  }

  bool wait_readable(int fd) const {
    while (!m_stopping) {
      pollfd request{fd, POLLIN, 0};
      if (poll(&request, 1, 20) > 0) {
        return true;
      }
    }
    return false;
  }

  void serve() {
    if (!wait_readable(m_listener)) {
      return;
    }
    const int connection = accept(m_listener, nullptr, nullptr);
    std::string data;
    char buffer[4096];
    while (data.find("\r\n\r\n") == std::string::npos && wait_readable(connection)) {
      const auto got = read(connection, buffer, sizeof(buffer));
      if (got <= 0) {
        break;
      }
      data.append(buffer, static_cast<std::size_t>(got));
    }
    {
      std::lock_guard lock(m_mutex);
      m_request = data;
    }
    for (const auto& piece : m_pieces) {
      // send(), not write(): a client that hung up must not SIGPIPE the test.
      if (m_stopping || send(connection, piece.data(), piece.size(), MSG_NOSIGNAL) < 0) {
        break;
      }
      std::this_thread::sleep_for(30ms);
    }
    if (!m_close_after) {
      char byte;
      while (wait_readable(connection) && read(connection, &byte, 1) > 0) {
      }
    }
    close(connection);
  }

  std::string m_path;
  int m_listener = -1;
  std::vector<std::string> m_pieces;
  bool m_close_after;
  std::string m_tcp_port;  // empty: a unix socket
  mutable std::mutex m_mutex;
  std::string m_request;
  std::atomic<bool> m_stopping{false};
  std::thread m_thread;
};

// What the callbacks saw, safe to read from the test's thread.
struct Received {
  std::mutex mutex;
  std::condition_variable changed;
  std::vector<Event> events;
  std::vector<Error> ends;

  Engine::EventHandler on_event() {
    return [this](const Event& event) {
      std::lock_guard lock(mutex);
      events.push_back(event);
      changed.notify_all();
    };
  }
  Engine::EventStreamEnded on_end() {
    return [this](const Error& error) {
      std::lock_guard lock(mutex);
      ends.push_back(error);
      changed.notify_all();
    };
  }
  bool wait_for_end() {
    std::unique_lock lock(mutex);
    return changed.wait_for(lock, 5s, [this] { return !ends.empty(); });
  }
};

std::string event_json(const std::string& action, const std::string& id) {
  return R"({"Type":"container","Action":")" + action + R"(","Actor":{"ID":")" + id +
         R"(","Attributes":{"name":"n"}},"timeNano":42})";
}

TEST(EventStream, DeliversObjectsCutAnywhereThenEnds) {
  const std::string first = event_json("start", "a") + "\n";
  const std::string second = event_json("die", "b") + "\n";
  const std::string third = event_json("destroy", "c") + "\n";
  StreamingDaemon daemon(
      {StreamingDaemon::k_stream_head, StreamingDaemon::chunk(first.substr(0, 17)),
       StreamingDaemon::chunk(first.substr(17) + second.substr(0, 5)),
       StreamingDaemon::chunk(second.substr(5) + third), "0\r\n\r\n"},
      /*close_after=*/true);
  Received received;
  auto stream = open_event_stream(daemon.endpoint(), "/v1.41/events?since=1", received.on_event(),
                                  received.on_end());
  ASSERT_TRUE(stream.ok()) << stream.error().message;
  ASSERT_TRUE(received.wait_for_end());
  std::lock_guard lock(received.mutex);
  ASSERT_EQ(received.events.size(), 3u);
  EXPECT_EQ(received.events[0].action, "start");
  EXPECT_EQ(received.events[0].id, "a");
  EXPECT_EQ(received.events[0].attributes.at("name"), "n");
  EXPECT_EQ(received.events[0].time_nano, 42);
  EXPECT_EQ(received.events[1].action, "die");
  EXPECT_EQ(received.events[2].id, "c");
  ASSERT_EQ(received.ends.size(), 1u);
  EXPECT_EQ(received.ends[0].code, ErrorCode::transport);
  EXPECT_EQ(daemon.request().rfind("GET /v1.41/events?since=1 HTTP/1.1\r\n", 0), 0u)
      << daemon.request();
}

TEST(EventStream, OverTcp) {
  StreamingDaemon daemon({StreamingDaemon::k_stream_head,
                          StreamingDaemon::chunk(event_json("start", "a") + "\n"), "0\r\n\r\n"},
                         /*close_after=*/true, /*tcp=*/true);
  Received received;
  auto stream =
      open_event_stream(daemon.endpoint(), "/events", received.on_event(), received.on_end());
  ASSERT_TRUE(stream.ok()) << stream.error().message;
  ASSERT_TRUE(received.wait_for_end());
  std::lock_guard lock(received.mutex);
  ASSERT_EQ(received.events.size(), 1u);
  EXPECT_EQ(received.events[0].id, "a");
  EXPECT_NE(daemon.request().find("Host: 127.0.0.1\r\n"), std::string::npos) << daemon.request();
}

TEST(EventStream, BrokenConnectionEndsOnce) {
  StreamingDaemon daemon({StreamingDaemon::k_stream_head,
                          StreamingDaemon::chunk(event_json("start", "a") + "\n{\"Type\"")},
                         /*close_after=*/true);
  Received received;
  auto stream =
      open_event_stream(daemon.endpoint(), "/events", received.on_event(), received.on_end());
  ASSERT_TRUE(stream.ok()) << stream.error().message;
  ASSERT_TRUE(received.wait_for_end());
  std::this_thread::sleep_for(50ms);
  std::lock_guard lock(received.mutex);
  EXPECT_EQ(received.events.size(), 1u);
  EXPECT_EQ(received.ends.size(), 1u);
}

TEST(EventStream, NonOkStatusIsTheEnginesError) {
  const std::string body = R"({"message":"invalid filter 'labl'"})";
  StreamingDaemon daemon({"HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\n"
                          "Content-Length: " +
                          std::to_string(body.size()) + "\r\n\r\n" + body},
                         /*close_after=*/true);
  Received received;
  auto stream =
      open_event_stream(daemon.endpoint(), "/events", received.on_event(), received.on_end());
  ASSERT_FALSE(stream.ok());
  EXPECT_EQ(stream.error().code, ErrorCode::bad_request);
  EXPECT_EQ(stream.error().http_status, 400);
  EXPECT_EQ(stream.error().message, "invalid filter 'labl'");
}

TEST(EventStream, NoDaemonIsTransportError) {
  Received received;
  auto stream = open_event_stream(parse_host("unix://" + unique_socket_path()).value(), "/events",
                                  received.on_event(), received.on_end());
  ASSERT_FALSE(stream.ok());
  EXPECT_EQ(stream.error().code, ErrorCode::transport);
}

TEST(EventStream, HeadersThatNeverComeTimeOut) {
  StreamingDaemon daemon({}, /*close_after=*/false);
  Received received;
  const auto started = std::chrono::steady_clock::now();
  auto stream = open_event_stream(daemon.endpoint(), "/events", received.on_event(),
                                  received.on_end(), 200ms);
  ASSERT_FALSE(stream.ok());
  EXPECT_EQ(stream.error().code, ErrorCode::timeout);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 2s);
}

TEST(EventStream, DestroyingAQuietStreamIsPromptAndSilent) {
  StreamingDaemon daemon({StreamingDaemon::k_stream_head}, /*close_after=*/false);
  Received received;
  auto stream =
      open_event_stream(daemon.endpoint(), "/events", received.on_event(), received.on_end());
  ASSERT_TRUE(stream.ok()) << stream.error().message;
  std::this_thread::sleep_for(100ms);
  const auto started = std::chrono::steady_clock::now();
  stream.value().reset();
  EXPECT_LT(std::chrono::steady_clock::now() - started, 500ms);
  std::lock_guard lock(received.mutex);
  EXPECT_TRUE(received.events.empty());
  EXPECT_TRUE(received.ends.empty()) << "no on_end on destruction";
}

TEST(EventStream, DestroyingWhileEventsFlowWaitsForTheCallbackThenStops) {
  std::vector<std::string> pieces = {StreamingDaemon::k_stream_head};
  for (int i = 0; i < 100; ++i) {
    pieces.push_back(StreamingDaemon::chunk(event_json("pause", std::to_string(i)) + "\n" +
                                            event_json("unpause", std::to_string(i)) + "\n"));
  }
  StreamingDaemon daemon(pieces, /*close_after=*/false);
  std::atomic<int> delivered{0};
  std::atomic<bool> destroyed{false};
  std::atomic<int> late{0};
  auto stream = open_event_stream(
      daemon.endpoint(), "/events",
      [&](const Event&) {
        late += destroyed ? 1 : 0;
        ++delivered;
        std::this_thread::sleep_for(20ms);
      },
      [&](const Error&) { ++late; });
  ASSERT_TRUE(stream.ok()) << stream.error().message;
  while (delivered < 5) {
    std::this_thread::sleep_for(5ms);
  }
  const auto started = std::chrono::steady_clock::now();
  stream.value().reset();
  destroyed = true;
  EXPECT_LT(std::chrono::steady_clock::now() - started, 500ms);
  std::this_thread::sleep_for(100ms);
  EXPECT_EQ(late, 0);
}

}  // namespace
}  // namespace berth::engine
