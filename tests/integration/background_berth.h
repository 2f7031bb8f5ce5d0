#pragma once
// BackgroundBerth: a berth command left running (attached up, supervise) while
// the test acts on it: it can be signalled, its output read as it grows, and
// waited for. The destructor kills it if it still runs.

#include <chrono>
#include <string>

namespace berth::testing {

class BackgroundBerth {
 public:
  // Runs `berth -p PROJECT ARGS` in `directory`, output (both streams) to a file.
  BackgroundBerth(const std::string& project, const std::string& directory,
                  const std::string& args);
  ~BackgroundBerth();
  BackgroundBerth(const BackgroundBerth&) = delete;
  BackgroundBerth& operator=(const BackgroundBerth&) = delete;

  void signal(int signal) const;
  // The exit code once it exits within `timeout`; -1 if it did not (still running).
  int wait(std::chrono::milliseconds timeout);
  std::string output() const;
  // True once `text` appears in the output within `timeout`.
  bool wait_for_output(const std::string& text, std::chrono::milliseconds timeout) const;

 private:
  int m_pid = -1;
  int m_exit_code = -1;
  std::string m_output_file;
};

}  // namespace berth::testing
