#include "compose/environment_checks.h"

namespace berth::compose {
namespace {

bool has_nul(const std::string& text) { return text.find('\0') != std::string::npos; }

const char* const k_nul_message =
    "an environment variable cannot hold a NUL character (no process can receive it)";

}  // namespace

void check_environment_entries(FieldReader& reader, const YamlNode& node,
                               const std::string& path) {
  if (node.is_mapping()) {
    for (const YamlEntry& entry : node.entries) {
      const std::string entry_path = child_path(path, entry.key.text);
      if (entry.key.text.find('=') != std::string::npos) {
        reader.error(entry.key, entry_path,
                     "a variable name cannot hold \"=\" (write the list form \"NAME=value\" "
                     "to give a value that holds one)");
      } else if (has_nul(entry.key.text) || (entry.value.is_scalar() && has_nul(entry.value.text))) {
        reader.error(entry.value.is_scalar() ? entry.value : entry.key, entry_path, k_nul_message);
      }
    }
    return;
  }
  for (size_t i = 0; i < node.items.size(); ++i) {
    if (node.items[i].is_scalar() && has_nul(node.items[i].text)) {
      reader.error(node.items[i], item_path(path, i), k_nul_message);
    }
  }
}

}  // namespace berth::compose
