#include "compose/yaml_tree.h"

#include <yaml-cpp/binary.h>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <cstdio>
#include <cstring>
#include <map>
#include <optional>
#include <sstream>
#include <utility>
#include <vector>

namespace berth::compose {
namespace {

// Aliases are copied into the tree, so a small file could expand into a huge
// one ("billion laughs"); no real project file comes near this many nodes.
constexpr size_t k_max_nodes = 250'000;
// YAML's own "!!binary" tag, as yaml-cpp reports it.
constexpr const char* k_binary_tag = "tag:yaml.org,2002:binary";

const char* const k_merge_key = "<<";

// The first tab in the indentation of lines 1..last_line (1-based), if any.
std::optional<std::pair<int, int>> find_indenting_tab(const std::string& text, int last_line) {
  int line = 1;
  int column = 1;
  bool in_indentation = true;
  for (char c : text) {
    if (c == '\n') {
      if (line == last_line) {
        break;
      }
      ++line;
      column = 1;
      in_indentation = true;
      continue;
    }
    if (in_indentation && c == '\t') {
      return std::make_pair(line, column);
    }
    in_indentation = in_indentation && c == ' ';
    ++column;
  }
  return std::nullopt;
}

ConfigError syntax_error(const std::string& text, const std::string& file, const YAML::Mark& mark,
                         const std::string& message) {
  int last_line = mark.line >= 0 ? mark.line + 1 : -1;
  // yaml-cpp's message for a tab ("illegal map value", ...) does not say why.
  if (std::optional<std::pair<int, int>> tab = find_indenting_tab(text, last_line)) {
    return ConfigError(SourcePos{file, tab->first, tab->second, ""},
                       "tabs cannot be used for indentation");
  }
  SourcePos pos{file, mark.line >= 0 ? mark.line + 1 : 0, mark.column >= 0 ? mark.column + 1 : 0,
                ""};
  return ConfigError(pos, "invalid YAML: " + message);
}

// A key path shown in a message: deep paths ("x[0][0][0]...") are cut.
std::string shortened_path(const std::string& path) {
  constexpr size_t k_shown = 80;
  return path.size() <= k_shown ? path : path.substr(0, k_shown) + "...";
}

struct Utf8Error {
  int line = 0;
  int column = 0;
  std::string byte;  // "0xE9"
};

// The first byte sequence that is not UTF-8 (RFC 3629: no overlongs, no
// surrogates, nothing above U+10FFFF), with its 1-based line and column.
std::optional<Utf8Error> find_invalid_utf8(const std::string& text) {
  int line = 1;
  int column = 1;
  size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    size_t length = 0;
    unsigned char low = 0x80;
    unsigned char high = 0xBF;  // the valid range of the second byte
    if (lead < 0x80) {
      length = 1;
    } else if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      low = lead == 0xE0 ? 0xA0 : 0x80;
      high = lead == 0xED ? 0x9F : 0xBF;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      low = lead == 0xF0 ? 0x90 : 0x80;
      high = lead == 0xF4 ? 0x8F : 0xBF;
    }
    bool valid = length != 0 && i + length <= text.size();
    for (size_t k = 1; valid && k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      valid = k == 1 ? (next >= low && next <= high) : (next >= 0x80 && next <= 0xBF);
    }
    if (!valid) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "0x%02X", lead);
      return Utf8Error{line, column, hex};
    }
    if (lead == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
    i += length;
  }
  return std::nullopt;
}

// Records where documents start; ignores everything else.
class DocumentStarts : public YAML::EventHandler {
 public:
  std::vector<YAML::Mark> starts;
  void OnDocumentStart(const YAML::Mark& mark) override { starts.push_back(mark); }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}
};

// Where a second YAML document starts, if the text holds one. Only a text
// with a "---" or "..." line can; others are not parsed twice. Not
// YAML::LoadAll: on some malformed texts it never returns (yaml-cpp 0.7 keeps
// reporting a new document without reading on), so at most two are asked for.
std::optional<YAML::Mark> second_document(const std::string& text) {
  bool marker = false;
  size_t line = 0;  // the start of each line in turn
  while (!marker && line < text.size()) {
    marker = text.compare(line, 3, "---") == 0 || text.compare(line, 3, "...") == 0;
    const size_t end = text.find('\n', line);
    line = end == std::string::npos ? text.size() : end + 1;
  }
  if (!marker) {
    return std::nullopt;
  }
  std::istringstream stream(text);
  YAML::Parser parser(stream);
  DocumentStarts handler;
  if (parser.HandleNextDocument(handler) && parser.HandleNextDocument(handler) &&
      handler.starts.size() > 1) {
    return handler.starts[1];
  }
  return std::nullopt;
}

// Deeper than any real project file; shallow enough for the stack.
constexpr int k_max_depth = 200;

class TreeBuilder {
 public:
  TreeBuilder(const std::string& text, const std::string& file,
              std::vector<Diagnostic>& diagnostics)
      : m_text(text), m_file(file), m_diagnostics(diagnostics) {}

  // `fallback` gives the position of a null value, whose own mark points at the next token.
  YamlNode build(const YAML::Node& node, const std::string& path, const YamlNode& fallback) {
    if (++m_node_count > k_max_nodes) {
      throw ConfigError(SourcePos{m_file, node.Mark().line + 1, node.Mark().column + 1,
                                  shortened_path(path)},
                        "document too large after expanding aliases (more than " +
                            std::to_string(k_max_nodes) + " nodes)");
    }
    // An alias used inside its own anchor makes the document a cycle; deep
    // nesting would exhaust the stack. Either way: an error, not a crash.
    if (m_depth >= k_max_depth) {
      throw ConfigError(SourcePos{m_file, node.Mark().line + 1, node.Mark().column + 1,
                                  shortened_path(path)},
                        "nested more than " + std::to_string(k_max_depth) +
                            " levels deep (or an alias refers to its own anchor)");
    }
    struct DepthGuard {
      int& depth;
      explicit DepthGuard(int& d) : depth(++d) {}
      ~DepthGuard() { --depth; }
    } guard(m_depth);
    YamlNode result;
    result.line = node.Mark().line + 1;
    result.column = node.Mark().column + 1;
    result.file = m_file;
    if (is_local_tag(node.Tag())) {
      result.tag = node.Tag();
    }
    switch (node.Type()) {
      case YAML::NodeType::Scalar:
        build_scalar(node, path, result);
        break;
      case YAML::NodeType::Sequence:
        build_sequence(node, path, result);
        break;
      case YAML::NodeType::Map:
        build_mapping(node, path, result);
        break;
      default:
        if (!is_written_null(node.Mark().pos)) {
          result.line = fallback.line;
          result.column = fallback.column;
        }
        break;
    }
    if (result.is_reset()) {
      // What a "!reset" node holds is never used: it only removes.
      result.kind = YamlNode::Kind::null;
      result.text.clear();
      result.items.clear();
      result.entries.clear();
    }
    return result;
  }

 private:
  // "!reset", "!foo": a tag the file chose, not YAML's own "!!str" ("tag:yaml.org,2002:str"),
  // the "!" of a quoted scalar or the "?" of a plain one.
  static bool is_local_tag(const std::string& tag) { return tag.size() > 1 && tag[0] == '!'; }

  void build_scalar(const YAML::Node& node, const std::string& path, YamlNode& result) {
    result.kind = YamlNode::Kind::scalar;
    result.text = node.Scalar();
    const std::string& tag = node.Tag();
    size_t start = node.Mark().pos >= 0 ? static_cast<size_t>(node.Mark().pos) : m_text.size();
    if (!result.tag.empty()) {
      // yaml-cpp marks the tag; the value's own style decides what it is, as
      // if untagged: "!override 8080" stays a number and "!override null" null.
      start = value_start(start);
      result.quoted = start < m_text.size() && std::strchr("\"'|>", m_text[start]) != nullptr;
      if (!result.quoted && (result.text.empty() || is_written_null(static_cast<long>(start)))) {
        result.kind = YamlNode::Kind::null;
        result.text.clear();
        return;
      }
    } else {
      result.quoted = tag != "?";
    }
    if (tag == k_binary_tag) {
      decode_binary(path, result);
      return;
    }
    if (result.quoted && !quote_closed(start)) {
      // yaml-cpp ends a quoted scalar left open at the end of the file
      // silently, taking in every line after the quote.
      add_error(result, path,
                "unterminated quoted string: no closing quote before the end of the file");
    }
  }

  // "!!binary": the bytes the base64 text stands for, as compose v2 reads
  // them (`image: !!binary YnVzeWJveA==` is "busybox"), a string.
  void decode_binary(const std::string& path, YamlNode& result) {
    std::string text;
    for (char c : result.text) {
      if (std::strchr(" \t\r\n", c) == nullptr) {
        text += c;
      }
    }
    const std::vector<unsigned char> bytes = YAML::DecodeBase64(text);
    result.quoted = true;
    if (bytes.empty() && !text.empty()) {
      add_error(result, path, "a !!binary value is not valid base64");
      return;
    }
    result.text.assign(bytes.begin(), bytes.end());
  }

  // Where the value after the tag at `pos` starts: past the tag, blanks,
  // line breaks and comments.
  size_t value_start(size_t pos) const {
    while (pos < m_text.size() && std::strchr(" \t\r\n", m_text[pos]) == nullptr) {
      ++pos;
    }
    while (pos < m_text.size()) {
      if (m_text[pos] == '#') {
        pos = m_text.find('\n', pos);
        pos = pos == std::string::npos ? m_text.size() : pos;
      } else if (std::strchr(" \t\r\n", m_text[pos]) != nullptr) {
        ++pos;
      } else {
        break;
      }
    }
    return pos;
  }

  // Whether the quoted scalar starting at `pos` has its closing quote. Inside
  // "...", a backslash escapes the next character; inside '...', '' is a quote.
  bool quote_closed(size_t pos) const {
    if (pos >= m_text.size()) {
      return true;
    }
    const char quote = m_text[pos];
    if (quote != '"' && quote != '\'') {
      return true;  // a block scalar, or "!!str" before a plain one
    }
    for (size_t i = pos + 1; i < m_text.size(); ++i) {
      if (quote == '"' && m_text[i] == '\\') {
        ++i;
      } else if (m_text[i] == quote) {
        if (quote == '\'' && i + 1 < m_text.size() && m_text[i + 1] == '\'') {
          ++i;
          continue;
        }
        return true;
      }
    }
    return false;
  }

  // Whether a null is written at `pos` ("~", "null"): an empty value's
  // mark points at whatever token comes next.
  bool is_written_null(long pos) const {
    if (pos < 0 || static_cast<size_t>(pos) >= m_text.size()) {
      return false;
    }
    for (const char* spelling : {"~", "null", "Null", "NULL"}) {
      size_t length = std::strlen(spelling);
      if (m_text.compare(pos, length, spelling) == 0) {
        size_t after = pos + length;
        return after == m_text.size() || std::strchr(" \t\r\n,:]}#", m_text[after]) != nullptr;
      }
    }
    return false;
  }

  void build_sequence(const YAML::Node& node, const std::string& path, YamlNode& result) {
    result.kind = YamlNode::Kind::sequence;
    for (size_t i = 0; i < node.size(); ++i) {
      result.items.push_back(build(node[i], item_path(path, i), result));
    }
  }

  void build_mapping(const YAML::Node& node, const std::string& path, YamlNode& result) {
    result.kind = YamlNode::Kind::mapping;
    std::map<std::string, int> first_lines;
    std::vector<YamlNode> merge_sources;
    for (auto it = node.begin(); it != node.end(); ++it) {
      YamlNode key = build(it->first, path, result);
      if (!key.is_scalar()) {
        add_error(key, path, "expected a string key, got " + describe_kind(key.kind));
        continue;
      }
      if (key.text == k_merge_key && !key.quoted) {
        merge_sources.push_back(build(it->second, path, key));
        continue;
      }
      auto [first, inserted] = first_lines.emplace(key.text, key.line);
      if (!inserted) {
        add_error(key, path,
                  "duplicate key \"" + key.text + "\" (first on line " +
                      std::to_string(first->second) + ")");
        continue;
      }
      YamlNode value = build(it->second, child_path(path, key.text), key);
      result.entries.push_back(YamlEntry{std::move(key), std::move(value)});
    }
    merge(merge_sources, path, first_lines, result);
  }

  // Entries from "<<" come first, as in PyYAML; keys written explicitly win,
  // and among several merged mappings the first one wins.
  void merge(const std::vector<YamlNode>& sources, const std::string& path,
             std::map<std::string, int>& seen, YamlNode& result) {
    std::vector<YamlEntry> merged;
    for (const YamlNode& source : sources) {
      std::vector<const YamlNode*> mappings;
      if (source.is_sequence()) {
        for (const YamlNode& item : source.items) {
          mappings.push_back(&item);
        }
      } else {
        mappings.push_back(&source);
      }
      for (const YamlNode* mapping : mappings) {
        if (!mapping->is_mapping()) {
          add_error(*mapping, path, "\"<<\" expects a mapping or a sequence of mappings");
          continue;
        }
        for (const YamlEntry& entry : mapping->entries) {
          if (seen.emplace(entry.key.text, entry.key.line).second) {
            merged.push_back(entry);
          }
        }
      }
    }
    merged.insert(merged.end(), std::make_move_iterator(result.entries.begin()),
                  std::make_move_iterator(result.entries.end()));
    result.entries = std::move(merged);
  }

  void add_error(const YamlNode& node, const std::string& path, std::string message) {
    m_diagnostics.push_back(
        Diagnostic{SourcePos{m_file, node.line, node.column, path}, std::move(message)});
  }

  const std::string& m_text;
  const std::string& m_file;
  std::vector<Diagnostic>& m_diagnostics;
  size_t m_node_count = 0;
  int m_depth = 0;  // of the node being built
};

}  // namespace

const YamlEntry* YamlNode::find(const std::string& key) const {
  for (const YamlEntry& entry : entries) {
    if (entry.key.text == key) {
      return &entry;
    }
  }
  return nullptr;
}

std::string describe_kind(YamlNode::Kind kind) {
  switch (kind) {
    case YamlNode::Kind::null:
      return "null";
    case YamlNode::Kind::scalar:
      return "a string";
    case YamlNode::Kind::sequence:
      return "a sequence";
    case YamlNode::Kind::mapping:
      return "a mapping";
  }
  return "?";
}

std::string child_path(const std::string& path, const std::string& key) {
  return path.empty() ? key : path + "." + key;
}

std::string item_path(const std::string& path, size_t index) {
  return path + "[" + std::to_string(index) + "]";
}

YamlNode parse_yaml(const std::string& text, const std::string& file,
                    std::vector<Diagnostic>& diagnostics) {
  // YAML text is Unicode; invalid bytes would otherwise reach the engine's JSON.
  if (std::optional<Utf8Error> bad = find_invalid_utf8(text)) {
    throw ConfigError(SourcePos{file, bad->line, bad->column, ""},
                      "invalid UTF-8 (byte " + bad->byte + "); project files are UTF-8 text");
  }
  YAML::Node root;
  try {
    root = YAML::Load(text);
    // Load reads the first document only; a second would be dropped without a word.
    if (std::optional<YAML::Mark> second = second_document(text)) {
      throw syntax_error(text, file, *second,
                         "a project file holds one YAML document; this is a second one");
    }
  } catch (const YAML::DeepRecursion& error) {
    // yaml-cpp's own message for this is "bad file".
    throw ConfigError(SourcePos{file, error.mark.line + 1, error.mark.column + 1, ""},
                      "invalid YAML: nested more than " + std::to_string(error.depth()) +
                          " levels deep");
  } catch (const YAML::Exception& error) {
    throw syntax_error(text, file, error.mark, error.msg);
  }
  YamlNode top_fallback;
  top_fallback.line = 1;
  top_fallback.column = 1;
  TreeBuilder builder(text, file, diagnostics);
  return builder.build(root, "", top_fallback);
}

}  // namespace berth::compose
