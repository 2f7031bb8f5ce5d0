#include "compose/variables_file.h"

#include "compose/config_error.h"
#include "compose/dotenv.h"
#include "compose/env_file.h"

namespace berth::compose {

std::vector<std::string> read_variables_file(const std::string& path) {
  std::string problem;
  auto text = read_text(path, problem);
  if (!text) {
    throw ConfigError(SourcePos{}, "env file \"" + path + "\" " + problem);
  }
  // Its ${...} see only the lines above them: the shell's are not the container's.
  DotenvResult parsed = parse_dotenv(*text, path, {});
  if (!parsed.diagnostics.empty()) {
    throw ConfigError(std::move(parsed.diagnostics));
  }
  std::vector<std::string> entries;
  for (const auto& variable : parsed.variables) {
    if (variable.value) {
      entries.push_back(variable.key + "=" + *variable.value);
    }
  }
  return entries;
}

}  // namespace berth::compose
