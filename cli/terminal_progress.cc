#include "cli/terminal_progress.h"

#include <unistd.h>

#include <cstdlib>
#include <cstring>

#include "cli/error_line.h"
#include "cli/progress_lines.h"
#include "scheduler/logs/log_prefix.h"

namespace berth::cli {

namespace {

bool is_terminal(std::FILE* out) {
  const char* term = std::getenv("TERM");
  return isatty(fileno(out)) && term != nullptr && std::strcmp(term, "dumb") != 0;
}

ProgressMode g_mode = ProgressMode::automatic;
bool g_dry_run = false;

ProgressMode resolved(ProgressMode mode, std::FILE* out) {
  if (mode != ProgressMode::automatic) {
    return mode;
  }
  return is_terminal(out) ? ProgressMode::tty : ProgressMode::plain;
}

}  // namespace

void configure_progress(ProgressMode mode, bool dry_run) {
  g_mode = mode;
  g_dry_run = dry_run;
}

TerminalProgress::TerminalProgress(std::FILE* out)
    : m_out(out),
      m_in_place(resolved(g_mode, out) == ProgressMode::tty),
      m_mode(resolved(g_mode, out)),
      m_dry_run(g_dry_run) {}

TerminalProgress::TerminalProgress(std::FILE* out, bool in_place)
    : m_out(out),
      m_in_place(in_place),
      m_mode(in_place ? ProgressMode::tty : ProgressMode::plain),
      m_dry_run(g_dry_run) {}

void TerminalProgress::planned(const scheduler::Plan& plan) {
  std::lock_guard lock(m_mutex);
  if (m_mode == ProgressMode::json) {
    for (const auto& op : plan.operations()) {
      print_line(json_planned(op));
    }
  }
  if (!m_dry_run) {
    return;
  }
  // What the user asked to see: on stdout, whatever the progress mode.
  if (plan.empty()) {
    std::printf("dry run: nothing to do\n");
  }
  for (const auto& op : plan.operations()) {
    std::printf("dry run: %s\n", dry_run_line(op).c_str());
  }
  std::fflush(stdout);
}

void TerminalProgress::finished(const scheduler::Operation& op,
                                const scheduler::OperationOutcome& outcome) {
  if (m_mode == ProgressMode::json) {
    std::lock_guard lock(m_mutex);
    print_line(json_finished(op, outcome));
  }
}

void TerminalProgress::print_line(const std::string& text) {
  std::fprintf(m_out, "%s\n", text.c_str());
  std::fflush(m_out);
  ++m_lines;
}

void TerminalProgress::rewrite_line(size_t index, const std::string& text) {
  const size_t up = m_lines - index;
  // Up to the line, clear it, write, and back down to where new lines go.
  std::fprintf(m_out, "\033[%zuA\r\033[2K%s\033[%zuB\r", up, text.c_str(), up);
  std::fflush(m_out);
}

void TerminalProgress::step(const std::string& kind, const std::string& name,
                            const std::string& status) {
  std::lock_guard lock(m_mutex);
  if (m_mode == ProgressMode::json) {
    print_line(json_step(kind, name, status));
    return;
  }
  if (m_mode == ProgressMode::quiet) {
    return;
  }
  const std::string text = escape_controls(" " + kind + " " + name + "  " + status);
  if (!m_in_place) {
    print_line(text);
    return;
  }
  const std::string key = kind + " " + name;
  auto found = m_line_of.find(key);
  if (found == m_line_of.end()) {
    m_line_of[key] = m_lines;
    print_line(text);
  } else {
    rewrite_line(found->second, text);
  }
}

void TerminalProgress::note(const std::string& text) {
  std::lock_guard lock(m_mutex);
  if (m_mode == ProgressMode::json || m_mode == ProgressMode::quiet) {
    return;  // a build's or pull's own lines: not progress events
  }
  print_line(text);
  m_line_of.clear();
}

void TerminalProgress::output(const std::string& container, const std::string& line) {
  note(scheduler::log_prefix(container, container.size() + 1, "") + line);
}

void TerminalProgress::warning(const std::string& message) {
  std::lock_guard lock(m_mutex);
  if (m_mode == ProgressMode::json) {
    print_line(json_warning(message));
    return;
  }
  print_line(escape_controls("warning: " + message));
}

void TerminalProgress::error(const std::string& kind, const std::string& name,
                             const std::string& message) {
  std::lock_guard lock(m_mutex);
  ++m_errors;
  if (m_mode == ProgressMode::json) {
    print_line(json_error(kind, name, message));
    return;
  }
  // Name the object unless the message already does.
  if (name.empty() || message.find("\"" + name + "\"") != std::string::npos) {
    print_line(escape_controls("error: " + message));
  } else {
    print_line(escape_controls("error: " + kind + " " + name + ": " + message));
  }
}

}  // namespace berth::cli
