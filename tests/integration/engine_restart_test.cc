// dockerd stopped and started again while `up -d` runs: berth ends at once,
// one line per failure, and the next `up -d` converges. (The engine's
// connection lost during a health wait, without stopping dockerd:
// EngineFaults.EngineLostDuringAHealthWaitEndsUpAtOnce.) It stops the engine
// every other test uses: ctest runs EngineRestart.* alone (RUN_SERIAL, see
// tests/CMakeLists.txt), and it needs root and the default socket.

#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <fstream>
#include <sstream>

#include "background_berth.h"
#include "harness.h"

namespace berth::testing {
namespace {

using namespace std::chrono_literals;

constexpr const char* k_socket_host = "unix:///var/run/docker.sock";
constexpr const char* k_pid_file = "/var/run/docker.pid";

// a becomes healthy after 3 s, b waits for that and c follows b: `up` is
// still waiting for a when the engine goes. d and e depend on nothing.
const char* k_project = R"(services:
  a:
    image: berth-test/busybox:latest
    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 3; touch /ready; sleep 2147483647 & wait"]
    healthcheck:
      test: ["CMD", "test", "-f", "/ready"]
      interval: 1s
      retries: 30
  b:
    image: berth-test/busybox:latest
    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 2147483647 & wait"]
    depends_on:
      a: {condition: service_healthy}
  c:
    image: berth-test/busybox:latest
    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 2147483647 & wait"]
    depends_on: [b]
  d:
    image: berth-test/busybox:latest
    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 2147483647 & wait"]
  e:
    image: berth-test/busybox:latest
    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 2147483647 & wait"]
)";

pid_t dockerd_pid() {
  std::ifstream in(k_pid_file);
  pid_t pid = -1;
  in >> pid;
  return in ? pid : -1;
}

// Gone, or a zombie nobody reaped yet.
bool process_gone(pid_t pid) {
  if (kill(pid, 0) != 0 && errno == ESRCH) {
    return true;
  }
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
  const auto close = text.rfind(')');
  return close != std::string::npos && text.size() > close + 2 && text[close + 2] == 'Z';
}

CommandResult start_dockerd() {
  return run_shell(std::string(BERTH_SOURCE_DIR) + "/scripts/dockerd");
}

// Whatever the test did, the engine answers again when it ends.
struct EngineComesBack {
  ~EngineComesBack() { start_dockerd(); }
};

TEST(EngineRestart, DockerdRestartedDuringUpEndsItAndTheNextUpConverges) {
  if (engine::default_engine_host() != k_socket_host || geteuid() != 0) {
    GTEST_SKIP() << "restarts the dockerd of " << k_socket_host << ": needs it and root";
  }
  TestProject project("enginerestart", k_project);
  const auto p = project.name();
  BackgroundBerth up(p, project.dir(), "up -d");
  ASSERT_TRUE(up.wait_for_output(p + "-a-1  Waiting", 20s)) << up.output();

  EngineComesBack comes_back;  // before the TestProject's cleanup, which needs the engine
  const pid_t pid = dockerd_pid();
  ASSERT_GT(pid, 0) << "no dockerd pid in " << k_pid_file;
  ASSERT_EQ(kill(pid, SIGTERM), 0);
  // dockerd stops taking connections, stops the containers, then exits:
  // berth ends on what it sees first (a exiting, or the connections
  // refused or broken), it does not sit out a's health bound.
  const int code = up.wait(10s);
  ASSERT_TRUE(eventually([&] { return process_gone(pid); }, 90)) << "dockerd did not stop";
  auto started = start_dockerd();
  ASSERT_EQ(started.exit_code, 0) << started.err;

  ASSERT_NE(code, -1) << "berth still runs 10 s after the engine went:\n" << up.output();
  EXPECT_NE(code, 0) << up.output();
  std::vector<std::string> errors;
  for (const auto& line : lines_of(up.output())) {
    if (line.starts_with("error: ")) {
      errors.push_back(line);
    } else {
      // Progress lines and nothing else: no trace, no dump.
      EXPECT_TRUE(line.starts_with(" Container ") || line.starts_with(" Network ")) << line;
    }
  }
  ASSERT_FALSE(errors.empty()) << up.output();
  // Each names the container and service that failed; none comes twice.
  std::vector<std::string> containers;
  for (const auto& line : errors) {
    const auto colon = line.find(": ", 7);
    ASSERT_TRUE(line.starts_with("error: Container " + p + "-")) << line;
    EXPECT_NE(line.find("service \""), std::string::npos) << line;
    containers.push_back(line.substr(0, colon));
  }
  std::sort(containers.begin(), containers.end());
  EXPECT_EQ(std::adjacent_find(containers.begin(), containers.end()), containers.end())
      << up.output();
  // a's wait failed (dockerd stops the containers before it closes the
  // connections it has: a is seen exiting; were the connection lost first,
  // the line would name the socket) and its dependents were not started.
  const auto line_for = [&](const std::string& service) {
    const std::string prefix = "error: Container " + p + "-" + service + "-1: ";
    const auto found = std::find_if(errors.begin(), errors.end(), [&](const std::string& line) {
      return line.starts_with(prefix);
    });
    return found == errors.end() ? std::string() : *found;
  };
  EXPECT_NE(line_for("a"), "") << up.output();
  EXPECT_NE(line_for("b").find("not started"), std::string::npos) << up.output();
  EXPECT_NE(line_for("c").find("not started"), std::string::npos) << up.output();

  auto again = project.berth("up -d");
  ASSERT_EQ(again.exit_code, 0) << again.err;
  std::vector<std::string> names;
  for (const auto& container : project.containers()) {
    names.push_back(container.name);
    EXPECT_EQ(container.state, "running") << container.name;
  }
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names,
            (std::vector<std::string>{p + "-a-1", p + "-b-1", p + "-c-1", p + "-d-1", p + "-e-1"}))
      << "a duplicate or an orphan was left";
}

}  // namespace
}  // namespace berth::testing
