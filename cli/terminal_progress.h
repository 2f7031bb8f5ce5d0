#pragma once
// Progress on the terminal, on stderr (as compose prints its progress) so
// stdout stays for what a command is asked to show. On a terminal each object
// keeps one line, updated in place as its steps go by; otherwise every step
// is a plain line of its own, for logs and pipes.

#include <cstdio>
#include <map>
#include <mutex>
#include <string>

#include "scheduler/progress.h"

namespace berth::cli {

// --progress: auto is tty on a terminal, else plain; json is one JSON object
// per line (cli/progress_lines.h); quiet shows warnings and errors only.
enum class ProgressMode { automatic, plain, tty, json, quiet };

// How every TerminalProgress made without a mode of its own shows progress,
// and whether plans are printed instead of carried out (--dry-run); set once
// from the global options, before any thread starts.
void configure_progress(ProgressMode mode, bool dry_run);

class TerminalProgress : public scheduler::Progress {
 public:
  // The configured mode, on `out`.
  explicit TerminalProgress(std::FILE* out = stderr);
  // `in_place`: update lines in place (tty) or not (plain).
  TerminalProgress(std::FILE* out, bool in_place);

  void step(const std::string& kind, const std::string& name, const std::string& status) override;
  void warning(const std::string& message) override;
  void error(const std::string& kind, const std::string& name, const std::string& message) override;
  // A hook's line, "name  | line" as `logs` prints it, between the steps.
  void output(const std::string& container, const std::string& line) override;
  // --dry-run: the plan on stdout, one line per operation; json: each
  // operation planned and finished as a line of its own.
  void planned(const scheduler::Plan& plan) override;
  void finished(const scheduler::Operation& op,
                const scheduler::OperationOutcome& outcome) override;

  // A line of other output (a build's, a pull's) between the steps. On a
  // terminal the steps above it are not rewritten afterwards: they may have
  // scrolled away, so a later step of theirs starts a line of its own.
  void note(const std::string& text);

  int errors() const { return m_errors; }

 private:
  void print_line(const std::string& text);              // a new line at the bottom
  void rewrite_line(size_t index, const std::string& text);  // an earlier line, in place

  std::FILE* m_out;
  bool m_in_place;
  ProgressMode m_mode;  // plain, tty, json or quiet: never automatic
  bool m_dry_run;
  std::mutex m_mutex;
  int m_errors = 0;
  size_t m_lines = 0;                       // lines printed so far
  std::map<std::string, size_t> m_line_of;  // "kind name" -> its line
};

}  // namespace berth::cli
