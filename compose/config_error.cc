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
    text += pos.key_path + ": ";
  }
  return text + diagnostic.message;
}

ConfigError::ConfigError(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(join_lines(diagnostics)), m_diagnostics(std::move(diagnostics)) {}

ConfigError::ConfigError(SourcePos pos, std::string message)
    : ConfigError(std::vector<Diagnostic>{Diagnostic{std::move(pos), std::move(message)}}) {}

}  // namespace berth::compose
