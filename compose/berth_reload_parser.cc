#include "compose/berth_reload_parser.h"

#include "compose/shell_words.h"
#include "compose/value_readers.h"

namespace berth::compose {
namespace {

const KnownKeys k_berth_reload_keys = {{"command", "file", "drain"}, {}};

// A string is split like a shell command line, as `command:` is; a sequence
// is taken as is.
std::vector<std::string> command_words(FieldReader& reader, const YamlNode& node,
                                       const std::string& path) {
  if (node.is_scalar()) {
    auto words = split_shell_words(node.text);
    if (!words) {
      reader.error(node, path, "unclosed quote in the command");
      return {};
    }
    return *words;
  }
  if (!node.is_sequence()) {
    reader.error(node, path, "expected a string or a sequence, got " + describe_kind(node.kind));
    return {};
  }
  return read_string_list(reader, node, path);
}

// The file is written into the container through the engine's archive API,
// which needs an absolute path to a file, not a directory.
std::optional<std::string> file_path(FieldReader& reader, const YamlNode& node,
                                     const std::string& path) {
  std::optional<std::string> text = reader.string(node, path);
  if (!text) {
    return std::nullopt;
  }
  if (!text->starts_with("/") || text->ends_with("/") || text->size() < 2) {
    reader.error(node, path, "must be an absolute path to a file, got " + in_quotes(*text));
    return std::nullopt;
  }
  return text;
}

}  // namespace

std::optional<BerthReload> parse_berth_reload(FieldReader& reader, const YamlEntry& entry,
                                              const std::string& path) {
  if (entry.value.is_null()) {
    return std::nullopt;
  }
  if (!reader.expect(entry.value, path, YamlNode::Kind::mapping)) {
    return std::nullopt;
  }
  const size_t errors_before = reader.diagnostics().size();
  BerthReload reload;
  reload.pos = reader.pos(entry.key, path);
  reader.check_keys(entry.value, path, k_berth_reload_keys, true);
  if (const YamlEntry* command = entry.value.find("command")) {
    const std::string at = child_path(path, "command");
    reload.command = command_words(reader, command->value, at);
    if (reload.command.empty() && reader.diagnostics().size() == errors_before) {
      reader.error(command->value, at, "must name a command");
    }
  } else {
    reader.error(entry.key, path, "a \"command\" is required");
  }
  if (const YamlEntry* file = entry.value.find("file")) {
    reload.file = file_path(reader, file->value, child_path(path, "file")).value_or(reload.file);
  }
  if (const YamlEntry* drain = entry.value.find("drain")) {
    reload.drain_ns =
        read_duration_ns(reader, drain->value, child_path(path, "drain")).value_or(reload.drain_ns);
  }
  if (reader.diagnostics().size() != errors_before) {
    return std::nullopt;
  }
  return reload;
}

}  // namespace berth::compose
