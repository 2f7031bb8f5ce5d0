#include "compose/config_error.h"

#include <utility>

namespace berth::compose {
namespace {

std::string join_lines(const std::vector<Diagnostic>& diagnostics) {
  std::string text;
  for (const Diagnostic& diagnostic : diagnostics) {
    if (!text.empty()) {
      text += '\n';
    }
    text += format_diagnostic(diagnostic);
  }
  return text;
}

}  // namespace

std::string excerpt(const std::string& text, size_t limit) {
  if (text.size() <= limit) {
    return text;
  }
  size_t end = limit;
  // Back to the start of a UTF-8 character (continuation bytes are 10xxxxxx).
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) {
    --end;
  }
  return text.substr(0, end) + "\u2026";
}

std::string format_diagnostic(const Diagnostic& diagnostic) {
  const SourcePos& pos = diagnostic.pos;
  std::string location = pos.file;
  if (pos.line > 0) {
    location += (location.empty() ? "" : ":") + std::to_string(pos.line);
    if (pos.column > 0) {
      location += ":" + std::to_string(pos.column);
    }
  }
  std::string text;
  if (!location.empty()) {
    text += location + ": ";
  }
  if (!pos.key_path.empty()) {
    text += excerpt(pos.key_path, 200) + ": ";
  }
  return text + diagnostic.message;
}

ConfigError::ConfigError(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(join_lines(diagnostics)), m_diagnostics(std::move(diagnostics)) {}

ConfigError::ConfigError(SourcePos pos, std::string message)
    : ConfigError(std::vector<Diagnostic>{Diagnostic{std::move(pos), std::move(message)}}) {}

}  // namespace berth::compose
