// run and exec on the real engine: exit codes, streams, links, options, and
// both with a TTY driven through a pseudo-terminal.

#include <gtest/gtest.h>
#include <poll.h>
#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "harness.h"

namespace berth::testing {
namespace {

const char* k_project = R"(services:
  web:
    image: berth-test/busybox:latest
    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 2147483647 & wait"]
    links: [db]
    ports: ["8080"]
  db:
    image: berth-test/busybox:latest
    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 2147483647 & wait"]
    expose: ["5984"]
)";

bool has_container(const TestProject& project, const std::string& name) {
  for (const auto& container : project.containers()) {
    if (container.name == name) {
      return true;
    }
  }
  return false;
}

std::vector<engine::ContainerSummary> one_offs(const TestProject& project) {
  std::vector<engine::ContainerSummary> found;
  for (const auto& container : project.containers()) {
    auto label = container.labels.find("com.docker.compose.oneoff");
    if (label != container.labels.end() && label->second == "True") {
      found.push_back(container);
    }
  }
  return found;
}

TEST(Run, PassesTheExitCodeAndBothStreams) {
  TestProject project("runexit", k_project);
  auto run =
      project.berth("run -T --rm --no-deps web sh -c 'echo out; echo err >&2; exit 3' </dev/null");
  EXPECT_EQ(run.exit_code, 3) << run.err;
  EXPECT_EQ(run.out, "out\n");
  EXPECT_NE(run.err.find("err\n"), std::string::npos) << run.err;
}

TEST(Run, StartsDependenciesFirstAndSeesLinks) {
  TestProject project("runlinks", k_project);
  auto run = project.berth(
      "run -T --rm web sh -c 'echo addr=$DB_PORT_5984_TCP_ADDR; ping -c1 -W2 db >/dev/null && "
      "echo reached' </dev/null");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(has_container(project, project.name() + "-db-1"));
  EXPECT_EQ(run.out.find("addr=\n"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("addr=1"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("reached"), std::string::npos) << run.out;
  EXPECT_TRUE(one_offs(project).empty()) << "--rm leaves no container";
}

TEST(Run, NoDepsStartsNothingElse) {
  TestProject project("runnodeps", k_project);
  auto run = project.berth("run -T --rm --no-deps web true </dev/null");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(project.containers().empty());
}

// A restore: the data container is created but never started, and the tool
// that fills its volume runs with --no-deps.
TEST(Run, VolumesFromACreatedContainerMountsItsVolumes) {
  TestProject project("runvolfrom", R"(services:
  data:
    image: berth-test/busybox:latest
    command: ["sleep", "60"]
    volumes: ["/data"]
  filler:
    image: berth-test/busybox:latest
    volumes_from: [data]
)");
  auto created = project.berth("up --no-start data");
  ASSERT_EQ(created.exit_code, 0) << created.err;
  auto fill = project.berth("run -T --rm --no-deps filler sh -c 'echo kept > /data/file' </dev/null");
  ASSERT_EQ(fill.exit_code, 0) << fill.err;
  auto read = project.berth("run -T --rm --no-deps filler cat /data/file </dev/null");
  ASSERT_EQ(read.exit_code, 0) << read.err;
  EXPECT_EQ(read.out, "kept\n");
}

TEST(Run, VolumesFromAServiceWithoutAContainerIsAnError) {
  TestProject project("runvolnone", R"(services:
  data:
    image: berth-test/busybox:latest
    volumes: ["/data"]
  filler:
    image: berth-test/busybox:latest
    volumes_from: [data]
)");
  auto run = project.berth("run -T --rm --no-deps filler true </dev/null");
  EXPECT_NE(run.exit_code, 0);
  EXPECT_NE(run.err.find("service filler: volumes_from data: the service has no container"),
            std::string::npos)
      << run.err;
}

TEST(Run, DetachedPrintsTheNameAndLeavesItRunningLabelledOneOff) {
  TestProject project("rundetach", k_project);
  auto run = project.berth("run -d --no-deps web sleep 60");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::string prefix = project.name() + "-web-run-";
  ASSERT_EQ(run.out.rfind(prefix, 0), 0u) << run.out;
  EXPECT_EQ(run.out.size(), prefix.size() + 12 + 1) << run.out;
  auto found = one_offs(project);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].state, "running");
  EXPECT_EQ(found[0].labels.count("com.docker.compose.container-number"), 0u);
  EXPECT_TRUE(found[0].ports.empty() || found[0].ports[0].public_port == 0)
      << "without --service-ports nothing is published";
}

TEST(Run, AppliesEnvUserWorkdirAndEntrypoint) {
  TestProject project("runopts", k_project);
  auto run = project.berth(
      "run -T --rm --no-deps -e A=1 -e B=two -u 1234 -w /tmp --entrypoint 'sh -c' web "
      "'echo $A $B $(id -u) $(pwd)' </dev/null");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "1 two 1234 /tmp\n");
}

TEST(Run, ServicePortsPublishes) {
  TestProject project("runports", k_project);
  auto run = project.berth("run -d --no-deps --service-ports web sleep 60");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  auto found = one_offs(project);
  ASSERT_EQ(found.size(), 1u);
  bool published = false;
  for (const auto& port : found[0].ports) {
    published = published || (port.private_port == 8080 && port.public_port != 0);
  }
  EXPECT_TRUE(published);
}

TEST(Run, ForwardsPipedStdinWithoutTty) {
  TestProject project("runstdin", k_project);
  auto run = project.berth("run -T --rm --no-deps web cat < compose.yaml");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, k_project);
  auto piped = run_shell("echo there | " + shell_quote(BERTH_BINARY) + " -p " + project.name() +
                             " run -T --rm --no-deps web cat",
                         project.dir());
  EXPECT_EQ(piped.exit_code, 0) << piped.err;
  EXPECT_EQ(piped.out, "there\n");
}

TEST(Exec, PassesExitCodeAndOptions) {
  TestProject project("execopts", k_project);
  ASSERT_EQ(project.berth("up -d").exit_code, 0);
  auto exec = project.berth(
      "exec -T -e X=5 -u 1234 -w /tmp web sh -c 'echo $X $(id -u) $(pwd); exit 4' </dev/null");
  EXPECT_EQ(exec.exit_code, 4) << exec.err;
  EXPECT_EQ(exec.out, "5 1234 /tmp\n");
}

TEST(Exec, IndexPicksTheContainer) {
  TestProject project("execindex", k_project);
  ASSERT_EQ(project.berth("up -d --scale web=2").exit_code, 0);
  auto second = project.berth("exec -T --index 2 web hostname </dev/null");
  ASSERT_EQ(second.exit_code, 0) << second.err;
  auto details = test_engine().inspect_container(project.name() + "-web-2");
  ASSERT_TRUE(details);
  EXPECT_EQ(second.out, details->id.substr(0, 12) + "\n");
  auto third = project.berth("exec -T --index 3 web true </dev/null");
  EXPECT_EQ(third.exit_code, 1);
}

TEST(Exec, NoRunningContainerIsAnError) {
  TestProject project("execnone", k_project);
  auto exec = project.berth("exec -T web true </dev/null");
  EXPECT_EQ(exec.exit_code, 1);
  EXPECT_NE(exec.err.find("service \"web\" has no running container"), std::string::npos)
      << exec.err;
  EXPECT_EQ(exec.err.find('\n'), exec.err.size() - 1) << "one line: " << exec.err;
}

// A berth command on a pseudo-terminal of `rows` x `columns`: each step waits
// for its text in the output, then types its input.
struct PtyResult {
  int exit_code = -1;
  std::string output;
};

PtyResult run_on_pty(const TestProject& project, const std::string& args, int rows, int columns,
                     const std::vector<std::pair<std::string, std::string>>& steps) {
  struct winsize size {};
  size.ws_row = static_cast<unsigned short>(rows);
  size.ws_col = static_cast<unsigned short>(columns);
  int master = -1;
  const pid_t child = forkpty(&master, nullptr, nullptr, &size);
  if (child == 0) {
    if (chdir(project.dir().c_str()) != 0) {
      _exit(126);
    }
    const std::string command = shell_quote(BERTH_BINARY) + " -p " + project.name() + " " + args;
    execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  PtyResult result;
  std::size_t step = 0;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  int status = 0;
  bool exited = false;
  while (std::chrono::steady_clock::now() < deadline) {
    struct pollfd fd = {master, POLLIN, 0};
    if (poll(&fd, 1, 100) > 0) {
      char buffer[4096];
      const ssize_t got = read(master, buffer, sizeof buffer);
      if (got > 0) {
        result.output.append(buffer, static_cast<std::size_t>(got));
      } else if (exited) {
        break;
      }
    } else if (exited) {
      break;
    }
    if (step < steps.size() && result.output.find(steps[step].first) != std::string::npos) {
      const auto& input = steps[step].second;
      EXPECT_EQ(write(master, input.data(), input.size()), static_cast<ssize_t>(input.size()));
      ++step;
    }
    if (!exited && waitpid(child, &status, WNOHANG) == child) {
      exited = true;
    }
  }
  if (!exited) {
    kill(child, SIGKILL);
    waitpid(child, &status, 0);
  }
  close(master);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

TEST(RunTty, InteractiveShellSeesTheWindowSizeAndExitCode) {
  TestProject project("runtty", k_project);
  auto run = run_on_pty(project, "run --rm --no-deps web sh", 33, 91,
                        {{"# ", "stty size; echo $((6 * 7)); exit 7\r"}});
  EXPECT_EQ(run.exit_code, 7) << run.output;
  EXPECT_NE(run.output.find("33 91"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("42"), std::string::npos) << run.output;
  EXPECT_TRUE(one_offs(project).empty());
}

TEST(ExecTty, InteractiveShellSeesTheWindowSizeAndExitCode) {
  TestProject project("exectty", k_project);
  ASSERT_EQ(project.berth("up -d").exit_code, 0);
  auto exec =
      run_on_pty(project, "exec web sh", 27, 101, {{"# ", "stty size; echo $((6 * 7)); exit 9\r"}});
  EXPECT_EQ(exec.exit_code, 9) << exec.output;
  EXPECT_NE(exec.output.find("27 101"), std::string::npos) << exec.output;
  EXPECT_NE(exec.output.find("42"), std::string::npos) << exec.output;
}

}  // namespace
}  // namespace berth::testing
