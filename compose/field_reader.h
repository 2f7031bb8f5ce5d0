#pragma once
// Internal to compose: reads typed values out of the YAML tree and collects
// positioned diagnostics, so one pass reports every problem it can find.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "compose/config_error.h"
#include "compose/yaml_tree.h"

namespace berth::compose {

// A key that compose defines but berth does not implement yet: reported as
// such instead of as a typo.
struct KnownKeys {
  std::vector<std::string> supported;
  std::vector<std::string> unsupported;
};

class FieldReader {
 public:
  explicit FieldReader(std::string file) : m_file(std::move(file)) {}

  const std::string& file() const { return m_file; }
  SourcePos pos(const YamlNode& node, const std::string& path) const;

  void error(const YamlNode& node, const std::string& path, std::string message);
  void error(SourcePos pos, std::string message);
  void add(std::vector<Diagnostic> diagnostics);

  // Not an error, but worth telling: "file:line:column: key.path: message",
  // shown with the project's other warnings.
  void warning(const YamlNode& node, const std::string& path, const std::string& message);
  const std::vector<std::string>& warnings() const { return m_warnings; }

  bool has_errors() const { return !m_diagnostics.empty(); }
  const std::vector<Diagnostic>& diagnostics() const { return m_diagnostics; }

  // Each of these reports "expected ..., got ..." and returns false or
  // nullopt when the node is not of the expected kind.
  bool expect(const YamlNode& node, const std::string& path, YamlNode::Kind kind);
  std::optional<std::string> string(const YamlNode& node, const std::string& path);
  std::optional<bool> boolean(const YamlNode& node, const std::string& path);

  // A mapping of scalars, or a sequence of "key=value" / "key" strings, as
  // `environment:` and `labels:` take. A null value, or an entry without '=',
  // has no value. Bad entries are reported and left out.
  struct KeyValue {
    std::string key;
    std::optional<std::string> value;
  };
  std::vector<KeyValue> key_values(const YamlNode& node, const std::string& path);

  // Reports every key of `mapping` that is not known; "x-*" extension keys
  // are skipped when `allow_extensions`.
  void check_keys(const YamlNode& mapping, const std::string& path, const KnownKeys& known,
                  bool allow_extensions);

 private:
  std::string m_file;
  std::vector<Diagnostic> m_diagnostics;
  std::vector<std::string> m_warnings;
};

bool is_extension_key(const std::string& key);

// Edit distance (insertions, deletions, substitutions, adjacent swaps).
size_t edit_distance(const std::string& a, const std::string& b);

// `text` when it is a valid service (or container) name: [a-zA-Z0-9][a-zA-Z0-9_.-]*.
bool is_valid_service_name(const std::string& text);

// "a:b:c" -> {"a", "b", "c"}; always at least one part.
std::vector<std::string> split_on(const std::string& text, char separator);

// Quotes for messages: "x".
std::string in_quotes(const std::string& text);

}  // namespace berth::compose
