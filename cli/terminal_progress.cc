#include "cli/terminal_progress.h"

namespace berth::cli {

void TerminalProgress::step(const std::string& kind, const std::string& name,
                            const std::string& status) {
  std::lock_guard lock(m_mutex);
  std::fprintf(m_out, " %s %s  %s\n", kind.c_str(), name.c_str(), status.c_str());
  std::fflush(m_out);
}

void TerminalProgress::warning(const std::string& message) {
  std::lock_guard lock(m_mutex);
  std::fprintf(m_out, "warning: %s\n", message.c_str());
  std::fflush(m_out);
}

void TerminalProgress::error(const std::string& kind, const std::string& name,
                             const std::string& message) {
  std::lock_guard lock(m_mutex);
  ++m_errors;
  // Name the object unless the message already does.
  if (name.empty() || message.find("\"" + name + "\"") != std::string::npos) {
    std::fprintf(m_out, "error: %s\n", message.c_str());
  } else {
    std::fprintf(m_out, "error: %s %s: %s\n", kind.c_str(), name.c_str(), message.c_str());
  }
  std::fflush(m_out);
}

}  // namespace berth::cli
