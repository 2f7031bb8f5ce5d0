// Fuzzes loading a project file: YAML parsing, the tree walk, interpolation,
// validation and the model. Any input must end in a Project or a ConfigError:
// no crash, leak, hang or other exception.

#include <cstddef>
#include <cstdint>
#include <string>

#include "compose/config_error.h"
#include "compose/config_output.h"
#include "compose/loader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  berth::compose::LoadOptions options;
  options.environment = {{"HOME", "/home/fuzz"}, {"TAG", "1.0"}, {"EMPTY", ""}};
  try {
    auto project = berth::compose::load_project_text(text, "compose.yaml", "/fuzz", options);
    // The output side must cope with whatever the loader accepted.
    (void)berth::compose::project_to_json(project);
  } catch (const berth::compose::ConfigError&) {
    // Rejected with a message: the expected outcome for most inputs.
  }
  return 0;
}
