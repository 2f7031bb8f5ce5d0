#pragma once
// ConfigError: a project file that cannot be used. Carries one or more
// diagnostics, each printed as one line "file:line:column: key.path: message".

#include <stdexcept>
#include <string>
#include <vector>

#include "compose/model.h"

namespace berth::compose {

struct Diagnostic {
  SourcePos pos;
  std::string message;
};

// `text` when it has at most `limit` bytes, else its first bytes (whole UTF-8
// characters) and "…": a value quoted in an error may be megabytes long.
std::string excerpt(const std::string& text, size_t limit = 100);

// "file:line:column: key.path: message"; parts that are unknown are left out;
// a long key path is cut to an excerpt.
std::string format_diagnostic(const Diagnostic& diagnostic);

class ConfigError : public std::runtime_error {
 public:
  explicit ConfigError(std::vector<Diagnostic> diagnostics);
  ConfigError(SourcePos pos, std::string message);

  const std::vector<Diagnostic>& diagnostics() const { return m_diagnostics; }

 private:
  std::vector<Diagnostic> m_diagnostics;
};

}  // namespace berth::compose
