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

// "file:line:column: key.path: message"; parts that are unknown are left out.
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
