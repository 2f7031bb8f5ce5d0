// Fuzzes several project files together: the input is split at the first
// "\n#8<\n" into a base file and an override file, written to a scratch
// folder and loaded as `-f base -f override` would be, so merging, extends
// across files, .env reading and interpolation all run. Any input must end in
// a Project or a ConfigError.

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>

#include "compose/config_error.h"
#include "compose/config_output.h"
#include "compose/loader.h"

namespace {

const std::string& scratch_dir() {
  static const std::string dir = [] {
    std::string pattern = "/tmp/berth-fuzz-XXXXXX";
    if (mkdtemp(pattern.data()) == nullptr) {
      std::abort();
    }
    return pattern;
  }();
  return dir;
}

void write(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const auto cut = text.find("\n#8<\n");
  const std::string base = text.substr(0, cut);
  const std::string override = cut == std::string::npos ? "" : text.substr(cut + 5);
  const std::string dir = scratch_dir();
  write(dir + "/compose.yaml", base);
  write(dir + "/override.yaml", override);
  berth::compose::LoadOptions options;
  options.files = {dir + "/compose.yaml", dir + "/override.yaml"};
  options.environment = {{"HOME", "/home/fuzz"}, {"TAG", "1.0"}};
  try {
    auto project = berth::compose::load_project(options);
    (void)berth::compose::project_to_yaml(project);
  } catch (const berth::compose::ConfigError&) {
    // Rejected with a message: the expected outcome for most inputs.
  }
  return 0;
}
