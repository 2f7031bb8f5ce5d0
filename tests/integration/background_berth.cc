#include "background_berth.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <thread>

namespace berth::testing {

BackgroundBerth::BackgroundBerth(const std::string& project, const std::string& directory,
                                 const std::string& args) {
  char pattern[] = "/tmp/berth-background-XXXXXX";
  const int fd = mkstemp(pattern);
  m_output_file = pattern;
  const std::string command = std::string("exec ") + BERTH_BINARY + " -p " + project + " " + args;
  m_pid = fork();
  if (m_pid == 0) {
    if (chdir(directory.c_str()) != 0) {
      _exit(127);
    }
    dup2(fd, STDOUT_FILENO);
    dup2(fd, STDERR_FILENO);
    // Signals the test runner blocks must reach berth as usual.
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  close(fd);
}

BackgroundBerth::~BackgroundBerth() {
  if (m_exit_code < 0 && m_pid > 0) {
    kill(m_pid, SIGKILL);
    waitpid(m_pid, nullptr, 0);
  }
  unlink(m_output_file.c_str());
}

void BackgroundBerth::signal(int signal) const { kill(m_pid, signal); }

int BackgroundBerth::wait(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (m_exit_code < 0) {
    int status = 0;
    if (waitpid(m_pid, &status, WNOHANG) == m_pid) {
      m_exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      break;
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      return -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return m_exit_code;
}

std::string BackgroundBerth::output() const {
  std::ifstream in(m_output_file);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

bool BackgroundBerth::wait_for_output(const std::string& text,
                                      std::chrono::milliseconds timeout) const {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (output().find(text) == std::string::npos) {
    if (std::chrono::steady_clock::now() >= deadline) {
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return true;
}

}  // namespace berth::testing
