#pragma once
// Internal to compose: the env-file format of `.env`, `--env-file` and a
// service's `env_file:`, read as docker-compose 1.29.2 reads it (through
// python-dotenv 0.21): one "KEY=value" per line, optionally after "export ",
// with "#" comments, blank lines, and values unquoted, 'single quoted' or
// "double quoted" (the quoted ones may span lines). Pure: no file access.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "compose/config_error.h"

namespace berth::compose {

struct EnvVariable {
  std::string key;
  std::optional<std::string> value;  // nullopt: written as "KEY" alone, without "="
};

struct DotenvResult {
  // In order of first appearance; a key written twice keeps its first place
  // and takes its last value, like the dict compose builds.
  std::vector<EnvVariable> variables;
  std::vector<Diagnostic> diagnostics;  // "file:line: ..." for lines that are not KEY=value
};

// Parses `text`, the contents of `file` (the name used in messages).
//
// Values:
// - unquoted: the rest of the line, cut before the first "#" that follows
//   whitespace ("a #b" is "a", "a#b" stays), then trimmed on the right;
// - 'single quoted': literal but for \\ and \';
// - "double quoted": with the escapes \\ \' \" \a \b \f \n \r \t \v.
// Then, in every value (quoted ones too), "${NAME}" and "${NAME:-default}" are
// replaced from the variables written earlier in the file, else from
// `environment`; unset gives the default or "" (a set but empty variable
// stays empty even with ":-"). "$NAME" and other forms stay as written.
DotenvResult parse_dotenv(const std::string& text, const std::string& file,
                          const std::map<std::string, std::string>& environment);

}  // namespace berth::compose
