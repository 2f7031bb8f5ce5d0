// run_probe() against real sockets on 127.0.0.1: an httplib server, Asio
// acceptors, a port nobody listens on and a listener whose queue is full.

#include "health/probe.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <string>
#include <thread>

namespace berth::health {
namespace {

namespace asio = boost::asio;
using asio::ip::tcp;
using std::chrono::milliseconds;
using std::chrono::steady_clock;

constexpr int64_t k_ms_ns = 1'000'000;
const char* const k_loopback = "127.0.0.1";

HttpTcpProbeSpec http_spec(int port, const std::string& path, int status = 200) {
  HttpTcpProbeSpec spec;
  spec.kind = HttpTcpProbeSpec::Kind::http;
  spec.port = port;
  spec.path = path;
  spec.status = status;
  spec.timeout_ns = 300 * k_ms_ns;
  return spec;
}

HttpTcpProbeSpec tcp_spec(int port) {
  HttpTcpProbeSpec spec;
  spec.kind = HttpTcpProbeSpec::Kind::tcp;
  spec.port = port;
  spec.timeout_ns = 300 * k_ms_ns;
  return spec;
}

// An HTTP server on a free loopback port, serving from its own thread.
class HttpServer {
 public:
  HttpServer() {
    m_server.Get("/health", [](const httplib::Request&, httplib::Response& response) {
      response.set_content("ok", "text/plain");
    });
    m_server.Get("/down", [](const httplib::Request&, httplib::Response& response) {
      response.status = 503;
    });
    m_server.Get("/slow", [](const httplib::Request&, httplib::Response& response) {
      std::this_thread::sleep_for(milliseconds(1000));
      response.set_content("late", "text/plain");
    });
    m_port = m_server.bind_to_any_port(k_loopback);
    m_thread = std::thread([this] { m_server.listen_after_bind(); });
    // stop() does nothing to a server not yet running, so the destructor waits for it.
    while (!m_server.is_running()) {
      std::this_thread::sleep_for(milliseconds(1));
    }
  }
  ~HttpServer() {
    m_server.stop();
    m_thread.join();
  }

  int port() const { return m_port; }
  std::string url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(m_port) + path;
  }

 private:
  httplib::Server m_server;
  int m_port = 0;
  std::thread m_thread;
};

// A loopback port that was free a moment ago and has no listener.
int unused_port() {
  asio::io_context io;
  tcp::acceptor acceptor(io, tcp::endpoint(asio::ip::make_address_v4(k_loopback), 0));
  return acceptor.local_endpoint().port();
}

// A listener that never accepts, with a backlog of 0: once a connection or
// two wait in its queue, the kernel drops new SYNs and connecting times out.
class FullListener {
 public:
  FullListener() : m_acceptor(m_io) {
    m_acceptor.open(tcp::v4());
    m_acceptor.bind(tcp::endpoint(asio::ip::make_address_v4(k_loopback), 0));
    m_acceptor.listen(0);
    // Fill the queue with probes that connect and close, until one times out.
    for (int i = 0; i < 8; ++i) {
      if (!run_probe(tcp_spec(port()), k_loopback).ok) {
        return;
      }
    }
    ADD_FAILURE() << "the listen queue never filled up";
  }

  int port() const { return m_acceptor.local_endpoint().port(); }

 private:
  asio::io_context m_io;
  tcp::acceptor m_acceptor;
};

TEST(HttpProbe, ExpectedStatusIsHealthy) {
  HttpServer server;
  ProbeResult result = run_probe(http_spec(server.port(), "/health"), k_loopback);
  EXPECT_TRUE(result.ok);
  EXPECT_EQ(result.output, "HTTP 200 from " + server.url("/health"));
}

TEST(HttpProbe, ServerErrorIsUnhealthy) {
  HttpServer server;
  ProbeResult result = run_probe(http_spec(server.port(), "/down"), k_loopback);
  EXPECT_FALSE(result.ok);
  EXPECT_EQ(result.output, "HTTP 503 from " + server.url("/down"));
}

TEST(HttpProbe, OnlyTheConfiguredStatusCounts) {
  HttpServer server;
  EXPECT_FALSE(run_probe(http_spec(server.port(), "/health", 204), k_loopback).ok);
  ProbeResult down = run_probe(http_spec(server.port(), "/down", 503), k_loopback);
  EXPECT_TRUE(down.ok);
  EXPECT_EQ(down.output, "HTTP 503 from " + server.url("/down"));
  ProbeResult missing = run_probe(http_spec(server.port(), "/missing"), k_loopback);
  EXPECT_FALSE(missing.ok);
  EXPECT_EQ(missing.output, "HTTP 404 from " + server.url("/missing"));
}

TEST(HttpProbe, RefusedConnection) {
  int port = unused_port();
  ProbeResult result = run_probe(http_spec(port, "/health"), k_loopback);
  EXPECT_FALSE(result.ok);
  EXPECT_EQ(result.output,
            "http://127.0.0.1:" + std::to_string(port) + "/health: connection refused");
}

TEST(HttpProbe, SlowResponseTimesOut) {
  HttpServer server;
  steady_clock::time_point start = steady_clock::now();
  ProbeResult result = run_probe(http_spec(server.port(), "/slow"), k_loopback);
  EXPECT_LT(steady_clock::now() - start, milliseconds(900));
  EXPECT_FALSE(result.ok);
  EXPECT_EQ(result.output, server.url("/slow") + ": timed out after 300ms waiting for a response");
}

TEST(HttpProbe, ConnectionThatCannotBeEstablishedTimesOut) {
  FullListener listener;
  steady_clock::time_point start = steady_clock::now();
  ProbeResult result = run_probe(http_spec(listener.port(), "/health"), k_loopback);
  EXPECT_LT(steady_clock::now() - start, milliseconds(900));
  EXPECT_FALSE(result.ok);
  EXPECT_EQ(result.output, "http://127.0.0.1:" + std::to_string(listener.port()) +
                               "/health: connection timed out after 300ms");
}

TEST(HttpProbe, ConnectionClosedWithoutAResponse) {
  asio::io_context io;
  tcp::acceptor acceptor(io, tcp::endpoint(asio::ip::make_address_v4(k_loopback), 0));
  int port = acceptor.local_endpoint().port();
  std::thread closer([&acceptor] {
    tcp::socket socket = acceptor.accept();
    socket.close();
  });
  ProbeResult result = run_probe(http_spec(port, "/health"), k_loopback);
  closer.join();
  EXPECT_FALSE(result.ok);
  EXPECT_EQ(result.output, "http://127.0.0.1:" + std::to_string(port) +
                               "/health: connection closed without a response");
}

TEST(TcpProbe, ListeningPortIsHealthy) {
  asio::io_context io;
  tcp::acceptor acceptor(io, tcp::endpoint(asio::ip::make_address_v4(k_loopback), 0));
  int port = acceptor.local_endpoint().port();
  ProbeResult result = run_probe(tcp_spec(port), k_loopback);
  EXPECT_TRUE(result.ok);
  EXPECT_EQ(result.output, "tcp 127.0.0.1:" + std::to_string(port) + ": connected");
}

TEST(TcpProbe, RefusedConnection) {
  int port = unused_port();
  ProbeResult result = run_probe(tcp_spec(port), k_loopback);
  EXPECT_FALSE(result.ok);
  EXPECT_EQ(result.output, "tcp 127.0.0.1:" + std::to_string(port) + ": connection refused");
}

TEST(TcpProbe, ConnectionThatCannotBeEstablishedTimesOut) {
  FullListener listener;
  steady_clock::time_point start = steady_clock::now();
  ProbeResult result = run_probe(tcp_spec(listener.port()), k_loopback);
  EXPECT_LT(steady_clock::now() - start, milliseconds(900));
  EXPECT_FALSE(result.ok);
  EXPECT_EQ(result.output,
            "tcp 127.0.0.1:" + std::to_string(listener.port()) + ": timed out after 300ms");
}

TEST(TcpProbe, AddressThatIsNotIpv4) {
  ProbeResult result = run_probe(tcp_spec(80), "db.internal");
  EXPECT_FALSE(result.ok);
  EXPECT_EQ(result.output, "tcp db.internal:80: not an IPv4 address");
}

}  // namespace
}  // namespace berth::health
