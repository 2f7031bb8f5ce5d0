#include "compose/interpolation.h"

#include <algorithm>
#include <utility>

#include "compose/field_reader.h"

namespace berth::compose {
namespace {

// compose v2 takes 1000 levels; deeper than any real file needs, and the
// limit keeps the recursion below (about 1 KiB of stack a level in the
// ASan build) well inside the 8 MiB main stack on hostile input.
constexpr int k_max_nesting = 2000;

bool is_name_start(char c) {
  return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool is_name_char(char c) {
  return is_name_start(c) || (c >= '0' && c <= '9');
}

// A recursive descent over one string. Every part is parsed and evaluated even
// where its value is not needed (the default of a set variable), as compose v2
// does, so a syntax error or a missing required variable is reported wherever
// it is; only the parts that are used (`evaluate`) report unset variables.
class Interpolator {
 public:
  Interpolator(const std::string& text, const std::map<std::string, std::string>& variables,
               DollarRule rule)
      : m_text(text), m_variables(variables), m_rule(rule) {}

  InterpolationResult run() {
    InterpolationResult result;
    result.text = sequence(true, 0);
    result.error = std::move(m_error);
    result.unset = std::move(m_unset);
    return result;
  }

 private:
  // The text up to its end or, inside braces (depth > 0), up to the "}" that
  // closes them, which is left for the caller.
  std::string sequence(bool evaluate, int depth) {
    std::string out;
    while (m_pos < m_text.size() && m_error.empty()) {
      char c = m_text[m_pos];
      if (c == '}' && depth > 0) {
        return out;
      }
      if (c == '$') {
        out += dollar(evaluate, depth);
      } else {
        out += c;
        ++m_pos;
      }
    }
    if (depth > 0) {
      fail_format();  // braces never closed
    }
    return out;
  }

  // At a "$": "$$", "$NAME" or "${...}". Anything else after a "$" is an error
  // as in docker-compose 1.29.2 ("$1", a "$" at the end), or the "$" itself as
  // compose v2 reads it ("$(date)", a bcrypt hash's "$2a$14$...").
  std::string dollar(bool evaluate, int depth) {
    ++m_pos;
    if (m_pos < m_text.size() && m_text[m_pos] == '$') {
      ++m_pos;
      return "$";
    }
    if (m_pos < m_text.size() && m_text[m_pos] == '{') {
      ++m_pos;
      return braced(evaluate, depth + 1);
    }
    std::string name = read_name();
    if (name.empty() && m_rule == DollarRule::lone_dollar_is_literal) {
      return "$";
    }
    if (name.empty()) {
      fail_format();
      return "";
    }
    return value_of(name, evaluate);
  }

  // After "${": "NAME}" or "NAME" OP ARGUMENT "}", OP one of :- - :? ? :+ +.
  std::string braced(bool evaluate, int depth) {
    if (depth > k_max_nesting) {
      if (m_error.empty()) {
        m_error = "interpolation nested more than " + std::to_string(k_max_nesting) +
                  " levels deep in " + in_quotes(m_text);
      }
      return "";
    }
    std::string name = read_name();
    if (name.empty() || m_pos >= m_text.size()) {
      fail_format();
      return "";
    }
    if (m_text[m_pos] == '}') {
      ++m_pos;
      return value_of(name, evaluate);
    }
    // With ":", an empty value counts as unset.
    bool colon = m_text[m_pos] == ':';
    m_pos += colon ? 1 : 0;
    char op = m_pos < m_text.size() ? m_text[m_pos] : '\0';
    if (op != '-' && op != '?' && op != '+') {
      fail_format();
      return "";
    }
    ++m_pos;
    auto found = m_variables.find(name);
    bool set = found != m_variables.end() && (!colon || !found->second.empty());
    bool use_argument = op == '+' ? set : !set;
    std::string argument = sequence(evaluate && use_argument, depth);
    if (!m_error.empty()) {
      return "";
    }
    ++m_pos;  // the closing "}"
    // Like compose v2, a required variable inside an unused default still
    // counts: "${HOME:-${U:?boom}}" is an error even with HOME set.
    if (op == '?' && use_argument) {
      m_error = "required variable " + in_quotes(name) + " is missing" +
                (argument.empty() ? "" : ": " + argument);
      return "";
    }
    if (op == '+') {
      return use_argument ? argument : "";
    }
    return use_argument ? argument : found->second;
  }

  std::string read_name() {
    size_t start = m_pos;
    if (m_pos < m_text.size() && is_name_start(m_text[m_pos])) {
      while (m_pos < m_text.size() && is_name_char(m_text[m_pos])) {
        ++m_pos;
      }
    }
    return m_text.substr(start, m_pos - start);
  }

  std::string value_of(const std::string& name, bool evaluate) {
    auto found = m_variables.find(name);
    if (found != m_variables.end()) {
      return found->second;
    }
    if (evaluate && std::find(m_unset.begin(), m_unset.end(), name) == m_unset.end()) {
      m_unset.push_back(name);
    }
    return "";
  }

  void fail_format() {
    if (m_error.empty()) {
      m_error = "invalid interpolation format in " + in_quotes(m_text) +
                " (write \"$$\" for a literal \"$\")";
    }
  }

  const std::string& m_text;
  const std::map<std::string, std::string>& m_variables;
  DollarRule m_rule;
  size_t m_pos = 0;
  std::string m_error;
  std::vector<std::string> m_unset;
};

class TreeInterpolator {
 public:
  TreeInterpolator(const std::string& file, const std::map<std::string, std::string>& variables,
                   std::vector<Diagnostic>& diagnostics, std::vector<std::string>& warnings,
                   DollarRule rule)
      : m_file(file),
        m_variables(variables),
        m_diagnostics(diagnostics),
        m_warnings(warnings),
        m_rule(rule) {}

  void node(YamlNode& node, const std::string& path) {
    if (node.is_scalar()) {
      scalar(node, path);
    }
    for (size_t i = 0; i < node.items.size(); ++i) {
      this->node(node.items[i], item_path(path, i));
    }
    for (YamlEntry& entry : node.entries) {
      this->node(entry.value, child_path(path, entry.key.text));
    }
  }

 private:
  void scalar(YamlNode& node, const std::string& path) {
    if (node.text.find('$') == std::string::npos) {
      return;
    }
    InterpolationResult result = interpolate(node.text, m_variables, m_rule);
    if (!result.error.empty()) {
      m_diagnostics.push_back(
          Diagnostic{SourcePos{m_file, node.line, node.column, path}, std::move(result.error)});
      return;
    }
    node.text = std::move(result.text);
    for (const std::string& name : result.unset) {
      std::string warning = unset_variable_warning(name);
      if (std::find(m_warnings.begin(), m_warnings.end(), warning) == m_warnings.end()) {
        m_warnings.push_back(std::move(warning));
      }
    }
  }

  const std::string& m_file;
  const std::map<std::string, std::string>& m_variables;
  std::vector<Diagnostic>& m_diagnostics;
  std::vector<std::string>& m_warnings;
  DollarRule m_rule;
};

}  // namespace

InterpolationResult interpolate(const std::string& text,
                                const std::map<std::string, std::string>& variables,
                                DollarRule rule) {
  return Interpolator(text, variables, rule).run();
}

void interpolate_tree(YamlNode& root, const std::string& file,
                      const std::map<std::string, std::string>& variables,
                      std::vector<Diagnostic>& diagnostics, std::vector<std::string>& warnings,
                      DollarRule rule) {
  TreeInterpolator interpolator(file, variables, diagnostics, warnings, rule);
  if (!root.is_mapping()) {
    interpolator.node(root, "");
    return;
  }
  for (YamlEntry& entry : root.entries) {
    if (!is_extension_key(entry.key.text)) {
      interpolator.node(entry.value, entry.key.text);
    }
  }
}

void interpolate_file(YamlNode& root, const std::string& file,
                      const std::map<std::string, std::string>& variables,
                      std::vector<std::string>& warnings, DollarRule rule) {
  std::vector<Diagnostic> diagnostics;
  interpolate_tree(root, file, variables, diagnostics, warnings, rule);
  if (!diagnostics.empty()) {
    throw ConfigError(std::move(diagnostics));
  }
}

std::string unset_variable_warning(const std::string& name) {
  return "The " + in_quotes(name) + " variable is not set. Defaulting to a blank string.";
}

}  // namespace berth::compose
