// The transport and DockerEngine against a fake daemon on a unix socket, and
// connect_docker's failures; no dockerd needed.

#include "engine/docker_engine.h"

#include <gtest/gtest.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <mutex>
#include <thread>

#include "engine/http_transport.h"

namespace berth::engine {
namespace {

using namespace std::chrono_literals;

std::string unique_socket_path() {
  static std::atomic<int> counter{0};
  return "/tmp/berth-engine-unit-" + std::to_string(getpid()) + "-" + std::to_string(counter++) +
         ".sock";
}

// Binds a unix socket at `path`; listens only when asked, so that an unlistened
// socket file gives "connection refused".
int bind_unix_socket(const std::string& path, bool listening) {
  const int fd = socket(AF_UNIX, SOCK_STREAM, 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  path.copy(address.sun_path, sizeof(address.sun_path) - 1);
  unlink(path.c_str());
  if (bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0 ||
      (listening && listen(fd, 8) != 0)) {
    ADD_FAILURE() << "cannot bind " << path;
  }
  return fd;
}

// Answers the i-th connection with responses[i] and records each request. An
// empty response means "never answer": the connection is held until the
// client gives up.
class FakeDaemon {
 public:
  explicit FakeDaemon(std::vector<std::string> responses)
      : m_path(unique_socket_path()),
        m_listener(bind_unix_socket(m_path, true)),
        m_responses(std::move(responses)),
        m_thread([this] { serve(); }) {}

  ~FakeDaemon() {
    m_stopping = true;
    m_thread.join();
    close(m_listener);
    unlink(m_path.c_str());
  }

  std::string host() const { return "unix://" + m_path; }

  std::vector<std::string> requests() const {
    std::lock_guard lock(m_mutex);
    return m_requests;
  }

  static std::string json_response(int status, const std::string& body) {
    return "HTTP/1.1 " + std::to_string(status) +
           " Whatever\r\nContent-Type: application/json\r\nContent-Length: " +
           std::to_string(body.size()) + "\r\n\r\n" + body;
  }

 private:
  // Waits for `fd` to become readable, giving up when the daemon stops.
  bool wait_readable(int fd) const {
    for (int waited = 0; !m_stopping && waited < 5000; waited += 50) {
      pollfd request{fd, POLLIN, 0};
      if (poll(&request, 1, 50) > 0) {
        return true;
      }
    }
    return false;
  }

  std::string read_request(int connection) const {
    std::string data;
    char buffer[4096];
    std::size_t wanted = std::string::npos;
    while (data.size() < wanted && wait_readable(connection)) {
      const auto got = read(connection, buffer, sizeof(buffer));
      if (got <= 0) {
        break;
      }
      data.append(buffer, static_cast<std::size_t>(got));
      const auto head_end = data.find("\r\n\r\n");
      if (head_end != std::string::npos) {
        std::string head = data.substr(0, head_end);
        std::transform(head.begin(), head.end(), head.begin(), ::tolower);
        const auto length = head.find("content-length: ");
        wanted =
            head_end + 4 + (length == std::string::npos ? 0 : std::stoul(head.substr(length + 16)));
      }
    }
    return data;
  }

  void serve() {
    for (const auto& response : m_responses) {
      if (!wait_readable(m_listener)) {
        return;
      }
      const int connection = accept(m_listener, nullptr, nullptr);
      const std::string request = read_request(connection);
      {
        std::lock_guard lock(m_mutex);
        m_requests.push_back(request);
      }
      if (response.empty()) {
        char byte;
        while (wait_readable(connection) && read(connection, &byte, 1) > 0) {
        }
      } else if (write(connection, response.data(), response.size()) < 0) {
        ADD_FAILURE() << "cannot answer";
      }
      close(connection);
    }
  }

  std::string m_path;
  int m_listener;
  std::vector<std::string> m_responses;
  mutable std::mutex m_mutex;
  std::vector<std::string> m_requests;
  std::atomic<bool> m_stopping{false};
  std::thread m_thread;  // last: starts once everything above is ready
};

// What connect_docker() reads the API version from (the header, as the docker CLI).
const std::string k_ping_answer =
    "HTTP/1.1 200 OK\r\nApi-Version: 1.41\r\nContent-Length: 2\r\n\r\nOK";

Endpoint endpoint_of(const FakeDaemon& daemon) {
  return parse_host(daemon.host()).value();
}

TEST(ParseHost, UnixSocket) {
  const auto endpoint = parse_host("unix:///var/run/docker.sock");
  ASSERT_TRUE(endpoint.ok());
  EXPECT_EQ(endpoint->kind, Endpoint::Kind::unix_socket);
  EXPECT_EQ(endpoint->path, "/var/run/docker.sock");
  EXPECT_EQ(endpoint->text, "unix:///var/run/docker.sock");
}

TEST(ParseHost, Tcp) {
  const auto endpoint = parse_host("tcp://127.0.0.1:2376/");
  ASSERT_TRUE(endpoint.ok());
  EXPECT_EQ(endpoint->kind, Endpoint::Kind::tcp);
  EXPECT_EQ(endpoint->host, "127.0.0.1");
  EXPECT_EQ(endpoint->port, "2376");
  EXPECT_EQ(parse_host("tcp://docker")->port, "2375");
  const auto ipv6 = parse_host("tcp://[::1]:2375");
  ASSERT_TRUE(ipv6.ok());
  EXPECT_EQ(ipv6->host, "::1");
  EXPECT_EQ(ipv6->port, "2375");
}

TEST(ParseHost, RejectsOtherForms) {
  for (const char* host : {"ssh://me@box", "npipe:////./pipe/docker_engine", "/var/run/docker.sock",
                           "unix://relative.sock", "unix://", "tcp://", "tcp://:2375",
                           "tcp://host:port", "tcp://[::1"}) {
    const auto endpoint = parse_host(host);
    ASSERT_FALSE(endpoint.ok()) << host;
    EXPECT_EQ(endpoint.error().code, ErrorCode::bad_request) << host;
    EXPECT_NE(endpoint.error().message.find(host), std::string::npos) << host;
  }
}

TEST(DefaultEngineHost, FollowsDockerHost) {
  const char* saved = std::getenv("DOCKER_HOST");
  const std::string previous = saved != nullptr ? saved : "";
  setenv("DOCKER_HOST", "tcp://10.0.0.1:2375", 1);
  EXPECT_EQ(default_engine_host(), "tcp://10.0.0.1:2375");
  setenv("DOCKER_HOST", "", 1);
  EXPECT_EQ(default_engine_host(), "unix:///var/run/docker.sock");
  unsetenv("DOCKER_HOST");
  EXPECT_EQ(default_engine_host(), "unix:///var/run/docker.sock");
  if (saved != nullptr) {
    setenv("DOCKER_HOST", previous.c_str(), 1);
  }
}

TEST(NegotiateApiVersion, TakesTheLowerAndRejectsOldEngines) {
  EXPECT_EQ(negotiate_api_version("h", "1.41").value(), "1.41");
  EXPECT_EQ(negotiate_api_version("h", "1.43").value(), "1.41");
  EXPECT_EQ(negotiate_api_version("h", "2.0").value(), "1.41");
  const auto old = negotiate_api_version("unix:///s", "1.40");
  ASSERT_FALSE(old.ok());
  EXPECT_EQ(old.error().message,
            "the Docker engine at unix:///s speaks API 1.40, berth needs 1.41 or newer");
  EXPECT_FALSE(negotiate_api_version("h", "").ok());
  EXPECT_FALSE(negotiate_api_version("h", "1.x").ok());
}

TEST(ConnectDocker, MissingSocketFailsFastNamingThePath) {
  const std::string host = "unix:///tmp/berth-engine-unit-missing/docker.sock";
  const auto started = std::chrono::steady_clock::now();
  const auto engine = connect_docker(host);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 1s);
  ASSERT_FALSE(engine.ok());
  EXPECT_EQ(engine.error().code, ErrorCode::transport);
  EXPECT_EQ(engine.error().message,
            "cannot connect to the Docker engine at " + host +
                ": No such file or directory (is dockerd running? start it with `sudo dockerd` "
                "or run scripts/setup)");
}

TEST(ConnectDocker, RefusingSocketFailsFast) {
  const std::string path = unique_socket_path();
  const int fd = bind_unix_socket(path, false);
  const auto started = std::chrono::steady_clock::now();
  const auto engine = connect_docker("unix://" + path);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 1s);
  close(fd);
  unlink(path.c_str());
  ASSERT_FALSE(engine.ok());
  EXPECT_EQ(engine.error().code, ErrorCode::transport);
  EXPECT_NE(engine.error().message.find("unix://" + path + ": Connection refused"),
            std::string::npos);
}

TEST(ConnectDocker, RejectsUnknownScheme) {
  const auto engine = connect_docker("ssh://me@box");
  ASSERT_FALSE(engine.ok());
  EXPECT_EQ(engine.error().code, ErrorCode::bad_request);
}

// The API version comes from /_ping's header, as the docker CLI reads it.
TEST(ConnectDocker, RejectsOldEngine) {
  FakeDaemon daemon({"HTTP/1.1 200 OK\r\nApi-Version: 1.40\r\nContent-Length: 2\r\n\r\nOK"});
  const auto engine = connect_docker(daemon.host());
  ASSERT_FALSE(engine.ok());
  EXPECT_EQ(engine.error().message, "the Docker engine at " + daemon.host() +
                                        " speaks API 1.40, berth needs 1.41 or newer");
  ASSERT_EQ(daemon.requests().size(), 1u);
  EXPECT_EQ(daemon.requests()[0].rfind("GET /_ping HTTP/1.1\r\n", 0), 0u);
}

// Something in between that drops the header (a proxy): /version then says.
TEST(ConnectDocker, AsksVersionWhenPingHasNoApiVersion) {
  FakeDaemon daemon({"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nOK",
                     FakeDaemon::json_response(200, R"({"ApiVersion":"1.40"})")});
  const auto engine = connect_docker(daemon.host());
  ASSERT_FALSE(engine.ok());
  EXPECT_EQ(engine.error().message, "the Docker engine at " + daemon.host() +
                                        " speaks API 1.40, berth needs 1.41 or newer");
  ASSERT_EQ(daemon.requests().size(), 2u);
  EXPECT_EQ(daemon.requests()[1].rfind("GET /version HTTP/1.1\r\n", 0), 0u);
}

TEST(HttpRequest, SendsJsonBodyAndReadsChunkedAnswer) {
  FakeDaemon daemon(
      {"HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n"
       "5\r\n{\"Id\"\r\n7\r\n:\"abc\"}\r\n0\r\n\r\n"});
  const auto response = http_request(endpoint_of(daemon), "POST", "/v1.41/x?y=1", R"({"a":1})");
  ASSERT_TRUE(response.ok()) << response.error().message;
  EXPECT_EQ(response->status, 201);
  EXPECT_EQ(response->body, R"({"Id":"abc"})");
  const std::string request = daemon.requests().at(0);
  EXPECT_EQ(request.rfind("POST /v1.41/x?y=1 HTTP/1.1\r\n", 0), 0u);
  EXPECT_NE(request.find("Content-Type: application/json\r\n"), std::string::npos);
  EXPECT_EQ(request.substr(request.size() - 7), R"({"a":1})");
}

TEST(HttpRequest, SilentEngineTimesOut) {
  FakeDaemon daemon({""});
  const auto started = std::chrono::steady_clock::now();
  const auto response = http_request(endpoint_of(daemon), "GET", "/_ping", {}, 200ms);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 2s);
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, ErrorCode::timeout);
}

TEST(HttpRequest, ConnectionClosedWithoutAnswerIsTransport) {
  FakeDaemon daemon({"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort"});
  const auto response = http_request(endpoint_of(daemon), "GET", "/_ping");
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, ErrorCode::transport);
}

TEST(DockerEngineCalls, UseVersionedEncodedPathsAndMapErrors) {
  FakeDaemon daemon({
      k_ping_answer,
      FakeDaemon::json_response(404, R"({"message":"No such container: a b"})"),
      "HTTP/1.1 304 Not Modified\r\n\r\n",
      "HTTP/1.1 204 No Content\r\n\r\n",
      FakeDaemon::json_response(200, "[]"),
      FakeDaemon::json_response(409, R"({"message":"name in use"})"),
      FakeDaemon::json_response(500, "boom"),
  });
  const auto engine = connect_docker(daemon.host());
  ASSERT_TRUE(engine.ok()) << engine.error().message;
  const auto missing = (*engine)->inspect_container("a b");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::not_found);
  EXPECT_EQ(missing.error().http_status, 404);
  EXPECT_EQ(missing.error().message, "No such container: a b");
  EXPECT_TRUE((*engine)->start_container("web").ok());
  EXPECT_TRUE((*engine)->stop_container("web", 5).ok());
  EXPECT_TRUE((*engine)->list_containers({"k=v"}, true).ok());
  ContainerCreate spec;
  spec.name = "proj_web_1";
  spec.image = "busybox";
  EXPECT_EQ((*engine)->create_container(spec).error().code, ErrorCode::conflict);
  const auto broken = (*engine)->remove_volume("data");
  EXPECT_EQ(broken.error().code, ErrorCode::server);
  EXPECT_EQ(broken.error().message, "boom");

  const auto requests = daemon.requests();
  ASSERT_EQ(requests.size(), 7u);
  const auto line = [&](std::size_t i) { return requests[i].substr(0, requests[i].find("\r\n")); };
  EXPECT_EQ(line(1), "GET /v1.41/containers/a%20b/json HTTP/1.1");
  EXPECT_EQ(line(2), "POST /v1.41/containers/web/start HTTP/1.1");
  EXPECT_EQ(line(3), "POST /v1.41/containers/web/stop?t=5 HTTP/1.1");
  EXPECT_EQ(line(4), "GET /v1.41/containers/json?all=1&filters=" +
                         std::string("%7B%22label%22%3A%5B%22k%3Dv%22%5D%7D") + " HTTP/1.1");
  EXPECT_EQ(line(5), "POST /v1.41/containers/create?name=proj_web_1 HTTP/1.1");
  EXPECT_EQ(line(6), "DELETE /v1.41/volumes/data HTTP/1.1");
}

TEST(DockerEngineCalls, LostEngineIsTransportErrorNamingTheCall) {
  auto daemon = std::make_unique<FakeDaemon>(std::vector<std::string>{k_ping_answer});
  const std::string host = daemon->host();
  const auto engine = connect_docker(host);
  ASSERT_TRUE(engine.ok());
  daemon.reset();  // the socket file is gone now
  const auto result = (*engine)->ping();
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::transport);
  EXPECT_EQ(result.error().message, "GET /v1.41/_ping on " + host + ": No such file or directory");
}

TEST(DockerEngineCalls, ConnectAndDisconnectNetwork) {
  FakeDaemon daemon({
      k_ping_answer,
      "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n",
      FakeDaemon::json_response(404, R"({"message":"network x y not found"})"),
  });
  const auto engine = connect_docker(daemon.host());
  ASSERT_TRUE(engine.ok()) << engine.error().message;
  EXPECT_TRUE((*engine)->connect_network("proj_back", "web", {"", {"web"}, {}}).ok());
  const auto missing = (*engine)->disconnect_network("x y", "web", true);
  EXPECT_EQ(missing.error().code, ErrorCode::not_found);

  const auto requests = daemon.requests();
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_EQ(requests[1].rfind("POST /v1.41/networks/proj_back/connect HTTP/1.1\r\n", 0), 0u);
  EXPECT_NE(requests[1].find(R"({"Container":"web","EndpointConfig":{"Aliases":["web"],)"),
            std::string::npos);
  EXPECT_EQ(requests[2].rfind("POST /v1.41/networks/x%20y/disconnect HTTP/1.1\r\n", 0), 0u);
  EXPECT_NE(requests[2].find(R"({"Container":"web","Force":true})"), std::string::npos);
}

}  // namespace
}  // namespace berth::engine
