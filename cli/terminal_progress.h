#pragma once
// Progress on the terminal: one plain line per step on stderr (as compose
// prints its progress), so stdout stays for what a command is asked to show.

#include <cstdio>
#include <mutex>

#include "scheduler/progress.h"

namespace berth::cli {

class TerminalProgress : public scheduler::Progress {
 public:
  explicit TerminalProgress(std::FILE* out = stderr) : m_out(out) {}

  void step(const std::string& kind, const std::string& name, const std::string& status) override;
  void warning(const std::string& message) override;
  void error(const std::string& kind, const std::string& name, const std::string& message) override;

  int errors() const { return m_errors; }

 private:
  std::FILE* m_out;
  std::mutex m_mutex;
  int m_errors = 0;
};

}  // namespace berth::cli
