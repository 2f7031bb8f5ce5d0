#include "engine/credential_helper.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string_view>
#include <thread>
#include <vector>

#include "engine/json_readers.h"

extern char** environ;

namespace berth::engine {
namespace {

using Clock = std::chrono::steady_clock;

constexpr std::string_view k_not_found_answer = "credentials not found in native keychain";
constexpr std::size_t k_output_max = 1 << 20;

// Closes the descriptor when it goes out of scope.
class Descriptor {
 public:
  Descriptor() = default;
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  ~Descriptor() { reset(); }
  int get() const { return m_fd; }
  void adopt(int fd) {
    reset();
    m_fd = fd;
  }
  void reset() {
    if (m_fd >= 0) {
      ::close(m_fd);
      m_fd = -1;
    }
  }

 private:
  int m_fd = -1;
};

struct Pipe {
  Descriptor read;
  Descriptor write;
};

bool open_pipe(Pipe& pipe) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) {
    return false;
  }
  pipe.read.adopt(fds[0]);
  pipe.write.adopt(fds[1]);
  return true;
}

std::string trim(std::string_view text) {
  constexpr std::string_view k_space = " \t\r\n";
  const std::size_t first = text.find_first_not_of(k_space);
  if (first == std::string_view::npos) {
    return {};
  }
  return std::string(text.substr(first, text.find_last_not_of(k_space) - first + 1));
}

// The executable `program` in one of PATH's directories, like execvp finds it.
std::optional<std::string> find_on_path(const std::string& program) {
  const char* variable = std::getenv("PATH");
  const std::string_view path = variable != nullptr ? variable : "/usr/local/bin:/usr/bin:/bin";
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find(':', start);
    if (end == std::string_view::npos) {
      end = path.size();
    }
    const std::string_view directory = path.substr(start, end - start);
    const std::string candidate =
        (directory.empty() ? "." : std::string(directory)) + "/" + program;
    struct stat info {};
    if (::stat(candidate.c_str(), &info) == 0 && S_ISREG(info.st_mode) &&
        ::access(candidate.c_str(), X_OK) == 0) {
      return candidate;
    }
    start = end + 1;
  }
  return std::nullopt;
}

struct ChildOutput {
  int wait_status = 0;
  bool timed_out = false;
  std::string standard_output;
  std::string standard_error;
};

// Reads both pipes until they close or the deadline passes.
void drain(Pipe& out, Pipe& err, ChildOutput& output, Clock::time_point deadline) {
  std::array<Descriptor*, 2> sources{&out.read, &err.read};
  std::array<std::string*, 2> sinks{&output.standard_output, &output.standard_error};
  while (sources[0]->get() >= 0 || sources[1]->get() >= 0) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) {
      return;
    }
    std::array<pollfd, 2> polled{};
    for (std::size_t i = 0; i < 2; ++i) {
      polled[i] = pollfd{sources[i]->get(), POLLIN, 0};
    }
    const int ready = ::poll(polled.data(), polled.size(), static_cast<int>(left.count()));
    if (ready < 0 && errno != EINTR) {
      return;
    }
    for (std::size_t i = 0; i < 2 && ready > 0; ++i) {
      if (polled[i].fd < 0 || polled[i].revents == 0) {
        continue;
      }
      char buffer[4096];
      const ssize_t count = ::read(polled[i].fd, buffer, sizeof(buffer));
      if (count > 0) {
        if (sinks[i]->size() < k_output_max) {
          sinks[i]->append(buffer, static_cast<std::size_t>(count));
        }
      } else if (count == 0 || errno != EINTR) {
        sources[i]->reset();
      }
    }
  }
}

// Waits for `pid` until the deadline, then kills it.
void reap(pid_t pid, ChildOutput& output, Clock::time_point deadline) {
  while (true) {
    const pid_t done = ::waitpid(pid, &output.wait_status, WNOHANG);
    if (done == pid || (done < 0 && errno != EINTR)) {
      return;
    }
    if (Clock::now() >= deadline) {
      output.timed_out = true;
      ::kill(pid, SIGKILL);
      while (::waitpid(pid, &output.wait_status, 0) < 0 && errno == EINTR) {
      }
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

// Runs `<executable> get` (argv[0] `program`) with `input` on stdin. The input is written into the
// pipe before the child starts (it is far below a pipe's capacity), so no
// SIGPIPE can come from a child that does not read it.
Result<ChildOutput> run_get(const std::string& executable, const std::string& program,
                            const std::string& input, std::chrono::milliseconds timeout) {
  const auto failed = [&](const std::string& why) {
    return Error{ErrorCode::transport, 0, "could not run " + program + ": " + why};
  };
  Pipe in;
  Pipe out;
  Pipe err;
  if (!open_pipe(in) || !open_pipe(out) || !open_pipe(err)) {
    return failed(std::strerror(errno));
  }
  ::fcntl(in.write.get(), F_SETFL, O_NONBLOCK);
  if (::write(in.write.get(), input.data(), input.size()) != static_cast<ssize_t>(input.size())) {
    return failed("the server address does not fit in a pipe");
  }
  in.write.reset();

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in.read.get(), STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, out.write.get(), STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err.write.get(), STDERR_FILENO);
  std::string argument0 = program;
  std::string argument1 = "get";
  char* argv[] = {argument0.data(), argument1.data(), nullptr};
  pid_t pid = 0;
  const int spawned = ::posix_spawn(&pid, executable.c_str(), &actions, nullptr, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) {
    return failed(std::strerror(spawned));
  }
  in.read.reset();
  out.write.reset();
  err.write.reset();

  ChildOutput output;
  const auto deadline = Clock::now() + timeout;
  drain(out, err, output, deadline);
  reap(pid, output, deadline);
  return output;
}

Result<std::optional<HelperCredentials>> interpret(const std::string& program,
                                                   const ChildOutput& output,
                                                   std::chrono::milliseconds timeout) {
  const std::string said = trim(output.standard_output);
  if (output.timed_out) {
    return Error{ErrorCode::timeout, 0,
                 program + " get did not answer within " + std::to_string(timeout.count()) + " ms"};
  }
  if (WIFSIGNALED(output.wait_status)) {
    return Error{
        ErrorCode::transport, 0,
        program + " get was killed by signal " + std::to_string(WTERMSIG(output.wait_status))};
  }
  const int status = WIFEXITED(output.wait_status) ? WEXITSTATUS(output.wait_status) : -1;
  if (status != 0) {
    if (said == k_not_found_answer) {
      return std::optional<HelperCredentials>();
    }
    const std::string why = !said.empty() ? said : trim(output.standard_error);
    return Error{ErrorCode::transport, 0,
                 program + " get failed with exit status " + std::to_string(status) +
                     (why.empty() ? std::string() : ": " + why)};
  }
  try {
    const auto answer = nlohmann::json::parse(said);
    if (!answer.is_object()) {
      throw std::runtime_error("not a JSON object");
    }
    HelperCredentials credentials{json_readers::string_at(answer, "Username"),
                                  json_readers::string_at(answer, "Secret")};
    if (credentials.username.empty() && credentials.secret.empty()) {
      return std::optional<HelperCredentials>();
    }
    return std::optional<HelperCredentials>(std::move(credentials));
  } catch (const std::exception& error) {
    return Error{ErrorCode::transport, 0,
                 program + " get answered something else than credentials: " + error.what()};
  }
}

}  // namespace

Result<std::optional<HelperCredentials>> ask_credential_helper(const std::string& helper,
                                                               const std::string& server_address,
                                                               std::chrono::milliseconds timeout) {
  const std::string program = "docker-credential-" + helper;
  if (helper.empty() || helper.find('/') != std::string::npos) {
    return Error{ErrorCode::transport, 0, "invalid credential helper name \"" + helper + "\""};
  }
  const auto found = find_on_path(program);
  if (!found) {
    return Error{ErrorCode::not_found, 0, program + " is not on PATH"};
  }
  auto output = run_get(*found, program, server_address, timeout);
  if (!output) {
    return output.error();
  }
  return interpret(program, *output, timeout);
}

}  // namespace berth::engine
