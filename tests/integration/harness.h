#pragma once
// What integration tests share: running the berth binary as a user would, a
// throw-away project directory with a unique project name, and a cleanup that
// removes everything labelled with that project even when the test failed.

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "engine/engine.h"

namespace berth::testing {

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
  double seconds = 0;
};

// Runs `command` through /bin/sh in `directory`, capturing stdout and stderr.
CommandResult run_shell(const std::string& command, const std::string& directory = ".");

// The lines of `text` (a command's output), without their newlines.
std::vector<std::string> lines_of(const std::string& text);

// Quotes a word for /bin/sh.
std::string shell_quote(const std::string& word);

// A file's whole text ("" when it cannot be read), and the first line of a text.
std::string read_text(const std::filesystem::path& path);
std::string first_line(const std::string& text);

// "env -u COMPOSE_FILE ... K=V " for a project folder of the test data: the
// machine's own COMPOSE_* settings cleared, then the folder's `shell.env`
// lines (KEY=VALUE) set, for the tools run after it.
std::string fixture_environment(const std::filesystem::path& folder);

// The engine the tests check against (the default socket or DOCKER_HOST).
engine::Engine& test_engine();

// A new empty directory under the system's temporary directory.
std::filesystem::path make_temp_dir(const std::string& hint);

// Polls `probe` every 200 ms for up to `seconds` until it returns true.
template <typename Probe>
bool eventually(Probe probe, int seconds) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  while (!probe()) {
    if (std::chrono::steady_clock::now() > deadline) {
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  return true;
}

// A unique project name: "bt<test>-<pid>-<counter>", lower case.
std::string unique_project_name(const std::string& hint);

// A temporary project directory holding compose.yaml (and more files if the
// test writes them). Removes the project's containers, networks and volumes on
// destruction, by label, whatever state the test left them in.
class TestProject {
 public:
  TestProject(const std::string& hint, const std::string& compose_yaml);
  ~TestProject();
  TestProject(const TestProject&) = delete;
  TestProject& operator=(const TestProject&) = delete;

  const std::string& name() const { return m_name; }
  const std::string& dir() const { return m_dir; }
  void write_file(const std::string& relative, const std::string& content) const;

  // `berth -p NAME ARGS...` in the project directory.
  CommandResult berth(const std::string& args) const;

  std::vector<engine::ContainerSummary> containers() const;
  std::vector<engine::NetworkSummary> networks() const;
  std::vector<engine::VolumeSummary> volumes() const;

 private:
  std::string m_name;
  std::string m_dir;
};

// Removes every container, network and volume labelled with `project`.
void remove_project_objects(const std::string& project);

// `docker exec NAME env`, as a KEY -> VALUE map.
std::map<std::string, std::string> container_env(const std::string& container);

}  // namespace berth::testing
