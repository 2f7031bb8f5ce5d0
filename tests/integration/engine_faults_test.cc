// The engine failing berth without going away: a socket nobody listens on, a
// server that accepts and never answers (or hangs up at once), and a host port
// the engine cannot bind. Each is one line per failure, naming what failed,
// within a bounded time. (dockerd restarted under berth: engine_restart_test.)

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <future>
#include <sstream>
#include <thread>

#include "harness.h"

namespace berth::testing {
namespace {

const char* k_one_service = R"(services:
  web:
    image: berth-test/busybox:latest
    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 2147483647 & wait"]
)";

// `berth -p PROJECT ARGS` in the project's directory, against `host`.
CommandResult berth_at(const std::string& host, const TestProject& project,
                       const std::string& args) {
  return run_shell("DOCKER_HOST=" + shell_quote(host) + " " + shell_quote(BERTH_BINARY) + " -p " +
                       project.name() + " " + args,
                   project.dir());
}

// A unix socket at `path`, bound and listening; closed on destruction.
class UnixListener {
 public:
  explicit UnixListener(const std::string& path) : m_fd(socket(AF_UNIX, SOCK_STREAM, 0)) {
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    path.copy(address.sun_path, sizeof(address.sun_path) - 1);
    if (m_fd < 0 || bind(m_fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0 ||
        listen(m_fd, 16) != 0) {
      throw std::runtime_error("cannot listen on " + path);
    }
  }
  ~UnixListener() { close(); }
  UnixListener(const UnixListener&) = delete;
  UnixListener& operator=(const UnixListener&) = delete;

  int fd() const { return m_fd; }
  void close() {
    if (m_fd >= 0) {
      ::close(m_fd);
      m_fd = -1;
    }
  }

 private:
  int m_fd;
};

// Accepts every connection on `listener` and then either holds it, never
// writing a byte, or closes it at once; until destroyed.
class FaultyServer {
 public:
  // answer_500: reads the request, answers HTTP 500 with a message holding
  // ESC and BEL (an engine a hostile party controls), and closes.
  enum class Mode { mute, hang_up, answer_500 };
  FaultyServer(const std::string& path, Mode mode)
      : m_listener(path), m_thread([this, mode] { serve(mode); }) {}
  ~FaultyServer() {
    m_stop = true;
    m_thread.join();
    for (int fd : m_held) {
      close(fd);
    }
  }

 private:
  void serve(Mode mode) {
    while (!m_stop) {
      pollfd waiting{m_listener.fd(), POLLIN, 0};
      if (poll(&waiting, 1, 100) <= 0) {
        continue;
      }
      const int connection = accept(m_listener.fd(), nullptr, nullptr);
      if (connection < 0) {
        continue;
      }
      if (mode == Mode::mute) {
        m_held.push_back(connection);
      } else if (mode == Mode::answer_500) {
        answer_500(connection);
      } else {
        close(connection);
      }
    }
  }

  static void answer_500(int connection) {
    char request[4096];
    pollfd readable{connection, POLLIN, 0};
    if (poll(&readable, 1, 1000) > 0) {
      [[maybe_unused]] auto ignored = read(connection, request, sizeof(request));
    }
    const std::string body = "{\"message\":\"disk \\u001b[31mfull\\u0007 on /var\"}";
    const std::string answer = "HTTP/1.1 500 Internal Server Error\r\nContent-Type: "
                               "application/json\r\nContent-Length: " +
                               std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" +
                               body;
    [[maybe_unused]] auto written = write(connection, answer.data(), answer.size());
    close(connection);
  }

  UnixListener m_listener;
  std::atomic<bool> m_stop{false};
  std::vector<int> m_held;  // the serving thread's only, until it is joined
  std::thread m_thread;
};

// Exactly one line on stderr, naming `socket`.
void expect_one_line_naming(const CommandResult& result, const std::string& socket) {
  EXPECT_EQ(result.exit_code, 1) << result.err;
  EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1) << result.err;
  EXPECT_NE(result.err.find(socket), std::string::npos) << result.err;
}

TEST(EngineFaults, SocketNobodyListensOnIsOneLineWithinASecond) {
  TestProject project("deadsocket", k_one_service);
  const std::string path = (std::filesystem::path(project.dir()) / "dead.sock").string();
  UnixListener(path).close();  // the file stays, nobody listens: connect is refused
  ASSERT_TRUE(std::filesystem::is_socket(path));
  const std::string host = "unix://" + path;
  for (const char* command : {"ps", "up -d"}) {
    SCOPED_TRACE(command);
    auto result = berth_at(host, project, command);
    expect_one_line_naming(result, host);
    EXPECT_NE(result.err.find("refused"), std::string::npos) << result.err;
    EXPECT_LT(result.seconds, 1.0);
  }
  EXPECT_TRUE(project.containers().empty());
  EXPECT_TRUE(project.networks().empty());
}

TEST(EngineFaults, ServerThatNeverAnswersIsOneLineWithinItsBound) {
  TestProject project("mute", k_one_service);
  const std::string path = (std::filesystem::path(project.dir()) / "mute.sock").string();
  FaultyServer server(path, FaultyServer::Mode::mute);
  const std::string host = "unix://" + path;
  // Both at once: each waits out the engine's first answer (15 s) alone.
  auto ps = std::async(std::launch::async, [&] { return berth_at(host, project, "ps"); });
  auto up = std::async(std::launch::async, [&] { return berth_at(host, project, "up -d"); });
  for (auto* pending : {&ps, &up}) {
    const auto result = pending->get();
    expect_one_line_naming(result, host);
    EXPECT_NE(result.err.find("no answer from the engine within 15 s"), std::string::npos)
        << result.err;
    EXPECT_LT(result.seconds, 20.0);
  }
  EXPECT_TRUE(project.containers().empty());
}

TEST(EngineFaults, ServerThatHangsUpAtOnceIsOneLineWithinASecond) {
  TestProject project("hangup", k_one_service);
  const std::string path = (std::filesystem::path(project.dir()) / "hangup.sock").string();
  FaultyServer server(path, FaultyServer::Mode::hang_up);
  const std::string host = "unix://" + path;
  for (const char* command : {"ps", "up -d"}) {
    SCOPED_TRACE(command);
    auto result = berth_at(host, project, command);
    expect_one_line_naming(result, host);
    EXPECT_LT(result.seconds, 1.0);
  }
}

TEST(EngineFaults, ServerErrorIsReportedWithItsStatusAndMessageEscaped) {
  TestProject project("answer500", k_one_service);
  const std::string path = (std::filesystem::path(project.dir()) / "e500.sock").string();
  FaultyServer server(path, FaultyServer::Mode::answer_500);
  const std::string host = "unix://" + path;
  for (const char* command : {"ps", "up -d"}) {
    SCOPED_TRACE(command);
    auto result = berth_at(host, project, command);
    expect_one_line_naming(result, host);
    EXPECT_EQ(result.err, "error: the Docker engine at " + host +
                              " answered GET /version with HTTP 500: disk \\x1b[31mfull\\x07 "
                              "on /var\n");
    EXPECT_LT(result.seconds, 1.0);
  }
  EXPECT_TRUE(project.containers().empty());
}

TEST(EngineFaults, CtrlCEndsTheWaitForAnEngineThatNeverAnswers) {
  TestProject project("muteint", k_one_service);
  const std::string path = (std::filesystem::path(project.dir()) / "muteint.sock").string();
  FaultyServer server(path, FaultyServer::Mode::mute);
  const std::string host = "unix://" + path;
  // SIGINT after a second (timeout(1) sends it; a shell's "&" would start
  // berth with SIGINT ignored): up -d ends at once with 130.
  auto result = run_shell("DOCKER_HOST=" + shell_quote(host) +
                              " timeout --preserve-status -s INT 1 " +
                              shell_quote(BERTH_BINARY) + " -p " + project.name() + " up -d",
                          project.dir());
  EXPECT_EQ(result.exit_code, 130) << result.err;
  EXPECT_EQ(result.err, "");
  EXPECT_LT(result.seconds, 3.0);
  EXPECT_TRUE(project.containers().empty());
}

// Forwards every connection made to `path` to dockerd's socket until cut():
// then, as a stopping dockerd does, it closes them all and the socket is gone.
class CuttableProxy {
 public:
  explicit CuttableProxy(const std::string& path)
      : m_path(path), m_listener(path), m_thread([this] { serve(); }) {}
  ~CuttableProxy() { cut(); }
  void cut() {
    m_cut = true;
    if (m_thread.joinable()) {
      m_thread.join();
    }
  }

 private:
  void serve() {
    std::vector<std::pair<int, int>> pairs;  // client, dockerd
    while (!m_cut) {
      std::vector<pollfd> fds{{m_listener.fd(), POLLIN, 0}};
      for (const auto& [client, upstream] : pairs) {
        fds.push_back({client, POLLIN, 0});
        fds.push_back({upstream, POLLIN, 0});
      }
      if (poll(fds.data(), fds.size(), 50) <= 0) {
        continue;
      }
      std::vector<std::pair<int, int>> open;
      for (std::size_t i = 0; i < pairs.size(); ++i) {
        if (forward(fds[1 + 2 * i], pairs[i].second) && forward(fds[2 + 2 * i], pairs[i].first)) {
          open.push_back(pairs[i]);
        } else {
          ::close(pairs[i].first);
          ::close(pairs[i].second);
        }
      }
      pairs.swap(open);
      if (fds[0].revents & POLLIN) {
        const int client = accept(m_listener.fd(), nullptr, nullptr);
        const int upstream = socket(AF_UNIX, SOCK_STREAM, 0);
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        std::string("/var/run/docker.sock").copy(address.sun_path, sizeof(address.sun_path) - 1);
        if (connect(upstream, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0) {
          pairs.emplace_back(client, upstream);
        } else {
          ::close(client);
          ::close(upstream);
        }
      }
    }
    m_listener.close();
    std::filesystem::remove(m_path);
    for (const auto& [client, upstream] : pairs) {
      ::close(client);
      ::close(upstream);
    }
  }

  // What `from` has to `to`; false once `from` ended or failed.
  static bool forward(const pollfd& from, int to) {
    if (!(from.revents & (POLLIN | POLLHUP | POLLERR))) {
      return true;
    }
    char buffer[65536];
    const ssize_t got = read(from.fd, buffer, sizeof(buffer));
    for (ssize_t sent = 0; got > 0 && sent < got;) {
      const ssize_t wrote = write(to, buffer + sent, static_cast<std::size_t>(got - sent));
      if (wrote <= 0) {
        return false;
      }
      sent += wrote;
    }
    return got > 0;
  }

  std::string m_path;
  UnixListener m_listener;
  std::atomic<bool> m_cut{false};
  std::thread m_thread;
};

TEST(EngineFaults, EngineLostDuringAHealthWaitEndsUpAtOnce) {
  // a is healthy only after a minute, its check's bound is ~16 minutes: up
  // is waiting when the engine goes, and must not wait on for it.
  TestProject project("lostwait", R"(services:
  a:
    image: berth-test/busybox:latest
    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 60; touch /ready; while :; do sleep 1; done"]
    healthcheck:
      test: ["CMD", "test", "-f", "/ready"]
      interval: 1s
      retries: 30
  b:
    image: berth-test/busybox:latest
    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 2147483647 & wait"]
    depends_on:
      a: {condition: service_healthy}
)");
  const auto p = project.name();
  const std::string path = (std::filesystem::path(project.dir()) / "engine.sock").string();
  const std::string host = "unix://" + path;
  CuttableProxy proxy(path);
  // `timeout`: a berth that hangs is killed; the test fails but ends.
  auto up = std::async(std::launch::async, [&] {
    return run_shell("DOCKER_HOST=" + shell_quote(host) + " timeout 60 " +
                         shell_quote(BERTH_BINARY) + " -p " + p + " up -d",
                     project.dir());
  });
  ASSERT_TRUE(eventually(
      [&] {
        auto a = test_engine().inspect_container(p + "-a-1");
        return a.ok() && a->running;
      },
      20));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // into the wait
  proxy.cut();
  ASSERT_EQ(up.wait_for(std::chrono::seconds(5)), std::future_status::ready)
      << "up still waits 5 s after the engine went";
  const auto result = up.get();
  EXPECT_EQ(result.exit_code, 1) << result.err;
  std::vector<std::string> errors;
  for (const auto& line : lines_of(result.err)) {
    if (line.starts_with("error: ")) {
      errors.push_back(line);
    }
  }
  ASSERT_EQ(errors.size(), 2u) << result.err;
  EXPECT_TRUE(errors[0].starts_with("error: Container " + p + "-a-1: service \"a\": "))
      << result.err;
  EXPECT_NE(errors[0].find(host), std::string::npos) << result.err;
  EXPECT_TRUE(errors[1].starts_with("error: Container " + p + "-b-1: service \"b\" not started"))
      << result.err;
}

// A TCP port on all IPv4 addresses, held (listening) until destroyed.
class HeldPort {
 public:
  HeldPort() : m_fd(socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_ANY);
    address.sin_port = 0;  // any free one
    socklen_t size = sizeof(address);
    if (m_fd < 0 || bind(m_fd, reinterpret_cast<sockaddr*>(&address), size) != 0 ||
        listen(m_fd, 4) != 0 || getsockname(m_fd, reinterpret_cast<sockaddr*>(&address), &size)) {
      throw std::runtime_error("cannot hold a port");
    }
    m_port = ntohs(address.sin_port);
  }
  ~HeldPort() { close(m_fd); }
  int port() const { return m_port; }

 private:
  int m_fd;
  int m_port = 0;
};

TEST(EngineFaults, HostPortTakenNamesTheServiceAndThePortAndReportsTheOthers) {
  HeldPort held;
  const std::string port = std::to_string(held.port());
  const char* forever = R"(["sh", "-c", "trap 'exit 0' TERM; sleep 2147483647 & wait"])";
  TestProject project(
      "porttaken", std::string("services:\n") + "  web:\n    image: berth-test/busybox:latest\n" +
                       "    command: " + forever + "\n    ports: [\"" + port + ":80\"]\n" +
                       "  api:\n    image: berth-test/busybox:latest\n" +
                       "    command: " + forever + "\n    depends_on: [web]\n" +
                       "  db:\n    image: berth-test/busybox:latest\n" + "    command: " + forever +
                       "\n");
  const auto p = project.name();
  auto up = project.berth("up -d");
  EXPECT_EQ(up.exit_code, 1) << up.err;
  std::vector<std::string> errors;
  for (const auto& line : lines_of(up.err)) {
    if (line.starts_with("error: ")) {
      errors.push_back(line);
    } else {
      // Nothing but progress lines besides the errors: no trace, no dump.
      EXPECT_TRUE(line.starts_with(" Container ") || line.starts_with(" Network ")) << line;
    }
  }
  // One line per container that failed or was left out: web's names its
  // service and the port (the engine's reason), api's says why it did not start.
  ASSERT_EQ(errors.size(), 2u) << up.err;
  EXPECT_NE(errors[0].find(p + "-web-1: service \"web\""), std::string::npos) << up.err;
  EXPECT_NE(errors[0].find(":" + port), std::string::npos) << up.err;
  EXPECT_NE(errors[0].find("address already in use"), std::string::npos) << up.err;
  EXPECT_NE(errors[1].find(p + "-api-1: service \"api\""), std::string::npos) << up.err;
  EXPECT_NE(errors[1].find(p + "-web-1 failed"), std::string::npos) << up.err;
  // The independent service is reported, and up.
  EXPECT_NE(up.err.find(p + "-db-1  Started"), std::string::npos) << up.err;
  auto db = test_engine().inspect_container(p + "-db-1");
  ASSERT_TRUE(db.ok());
  EXPECT_TRUE(db->running);
  auto web = test_engine().inspect_container(p + "-web-1");
  ASSERT_TRUE(web.ok());
  EXPECT_FALSE(web->running);
}

TEST(EngineFaults, CreateTheEngineRefusesIsOneLineForItsContainer) {
  // The engine refuses the container (memory limit under its minimum): its
  // start, skipped, adds no second line for it; the dependent gets its own.
  TestProject project("refusedcreate", R"(services:
  small:
    image: berth-test/busybox:latest
    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 2147483647 & wait"]
    mem_limit: 1k
  after:
    image: berth-test/busybox:latest
    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 2147483647 & wait"]
    depends_on: [small]
)");
  const auto p = project.name();
  auto up = project.berth("up -d");
  EXPECT_EQ(up.exit_code, 1);
  std::vector<std::string> errors;
  for (const auto& line : lines_of(up.err)) {
    if (line.starts_with("error: ")) {
      errors.push_back(line);
    }
  }
  EXPECT_EQ(errors, (std::vector<std::string>{"error: Container " + p +
                                                  "-small-1: service \"small\": Minimum memory "
                                                  "limit allowed is 6MB",
                                              "error: Container " + p +
                                                  "-after-1: service \"after\" skipped: " + p +
                                                  "-small-1 failed"}))
      << up.err;
  EXPECT_TRUE(project.containers().empty());
}

}  // namespace
}  // namespace berth::testing
