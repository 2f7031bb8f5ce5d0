#include "compose/field_reader.h"

#include <algorithm>
#include <utility>

namespace berth::compose {
namespace {

// Typos further than this from every known key get no suggestion.
constexpr size_t k_max_suggestion_distance = 2;

bool is_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

std::optional<std::string> closest_key(const std::string& key, const KnownKeys& known) {
  std::optional<std::string> best;
  size_t best_distance = k_max_suggestion_distance + 1;
  for (const std::vector<std::string>* keys : {&known.supported, &known.unsupported}) {
    for (const std::string& candidate : *keys) {
      size_t distance = edit_distance(key, candidate);
      // A short key is within 2 edits of many others; only suggest real near-misses.
      if (distance < best_distance && distance < candidate.size()) {
        best = candidate;
        best_distance = distance;
      }
    }
  }
  return best;
}

bool contains(const std::vector<std::string>& keys, const std::string& key) {
  return std::find(keys.begin(), keys.end(), key) != keys.end();
}

}  // namespace

SourcePos FieldReader::pos(const YamlNode& node, const std::string& path) const {
  // Nodes merged in from another file (-f, extends) name their own file.
  return SourcePos{node.file.empty() ? m_file : node.file, node.line, node.column, path};
}

void FieldReader::error(const YamlNode& node, const std::string& path, std::string message) {
  error(pos(node, path), std::move(message));
}

void FieldReader::error(SourcePos pos, std::string message) {
  m_diagnostics.push_back(Diagnostic{std::move(pos), std::move(message)});
}

void FieldReader::warning(const YamlNode& node, const std::string& path,
                          const std::string& message) {
  m_warnings.push_back(format_diagnostic(Diagnostic{pos(node, path), message}));
}

void FieldReader::add(std::vector<Diagnostic> diagnostics) {
  for (Diagnostic& diagnostic : diagnostics) {
    m_diagnostics.push_back(std::move(diagnostic));
  }
}

bool FieldReader::expect(const YamlNode& node, const std::string& path, YamlNode::Kind kind) {
  if (node.kind == kind) {
    return true;
  }
  error(node, path, "expected " + describe_kind(kind) + ", got " + describe_kind(node.kind));
  return false;
}

std::optional<std::string> FieldReader::string(const YamlNode& node, const std::string& path) {
  if (!expect(node, path, YamlNode::Kind::scalar)) {
    return std::nullopt;
  }
  return node.text;
}

std::optional<bool> FieldReader::boolean(const YamlNode& node, const std::string& path) {
  // YAML 1.1 spellings too, since compose files are read as YAML 1.1.
  static const std::vector<std::string> k_true = {"true", "True", "TRUE", "yes", "Yes",
                                                  "YES",  "on",   "On",   "ON"};
  static const std::vector<std::string> k_false = {"false", "False", "FALSE", "no", "No",
                                                   "NO",    "off",   "Off",   "OFF"};
  if (node.is_scalar() && !node.quoted) {
    if (contains(k_true, node.text)) {
      return true;
    }
    if (contains(k_false, node.text)) {
      return false;
    }
  }
  std::string got = node.is_scalar() ? in_quotes(node.text) : describe_kind(node.kind);
  error(node, path, "expected true or false, got " + got);
  return std::nullopt;
}

std::vector<FieldReader::KeyValue> FieldReader::key_values(const YamlNode& node,
                                                           const std::string& path) {
  std::vector<KeyValue> result;
  if (node.is_mapping()) {
    for (const YamlEntry& entry : node.entries) {
      std::string entry_path = child_path(path, entry.key.text);
      if (entry.value.is_null()) {
        result.push_back(KeyValue{entry.key.text, std::nullopt});
      } else if (std::optional<std::string> value = string(entry.value, entry_path)) {
        result.push_back(KeyValue{entry.key.text, *value});
      }
    }
    return result;
  }
  if (!node.is_sequence()) {
    error(node, path, "expected a mapping or a sequence, got " + describe_kind(node.kind));
    return result;
  }
  for (size_t i = 0; i < node.items.size(); ++i) {
    std::optional<std::string> text = string(node.items[i], item_path(path, i));
    if (!text) {
      continue;
    }
    size_t equals = text->find('=');
    if (text->empty() || equals == 0) {
      error(node.items[i], item_path(path, i),
            "expected \"KEY=value\" or \"KEY\", got " + in_quotes(*text));
    } else if (equals == std::string::npos) {
      result.push_back(KeyValue{*text, std::nullopt});
    } else {
      result.push_back(KeyValue{text->substr(0, equals), text->substr(equals + 1)});
    }
  }
  return result;
}

void FieldReader::check_keys(const YamlNode& mapping, const std::string& path,
                             const KnownKeys& known, bool allow_extensions) {
  for (const YamlEntry& entry : mapping.entries) {
    const std::string& key = entry.key.text;
    if (contains(known.supported, key) || (allow_extensions && is_extension_key(key))) {
      continue;
    }
    if (contains(known.unsupported, key)) {
      error(entry.key, path, "key " + in_quotes(key) + " is not supported yet");
      continue;
    }
    std::string message = "unknown key " + in_quotes(key);
    if (std::optional<std::string> suggestion = closest_key(key, known)) {
      message += " (did you mean " + in_quotes(*suggestion) + "?)";
    }
    error(entry.key, path, message);
  }
}

bool is_extension_key(const std::string& key) {
  return key.rfind("x-", 0) == 0;
}

size_t edit_distance(const std::string& a, const std::string& b) {
  // Optimal string alignment: Levenshtein plus swaps of adjacent characters.
  std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) {
    d[i][0] = i;
  }
  for (size_t j = 0; j <= b.size(); ++j) {
    d[0][j] = j;
  }
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

bool is_valid_service_name(const std::string& text) {
  if (text.empty() || !is_alnum(text.front())) {
    return false;
  }
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return is_alnum(c) || c == '_' || c == '.' || c == '-'; });
}

std::string in_quotes(const std::string& text) {
  return "\"" + excerpt(text) + "\"";
}

std::vector<std::string> split_on(const std::string& text, char separator) {
  std::vector<std::string> parts;
  size_t begin = 0;
  for (size_t at = text.find(separator); at != std::string::npos;
       at = text.find(separator, begin)) {
    parts.push_back(text.substr(begin, at - begin));
    begin = at + 1;
  }
  parts.push_back(text.substr(begin));
  return parts;
}

}  // namespace berth::compose
