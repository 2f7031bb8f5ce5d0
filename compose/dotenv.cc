#include "compose/dotenv.h"

#include <utility>

#include "compose/field_reader.h"

namespace berth::compose {
namespace {

// python-dotenv's regular expressions use \s; these are its ASCII members.
bool is_blank(char c) {
  return c == ' ' || c == '\t' || c == '\v' || c == '\f';
}

bool is_space(char c) {
  return is_blank(c) || c == '\n' || c == '\r';
}

// Python reads the file in text mode: "\r\n" and "\r" arrive as "\n"; a UTF-8
// byte order mark is dropped ("utf-8-sig").
std::string normalise_newlines(const std::string& text) {
  size_t start = text.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0;
  std::string out;
  out.reserve(text.size());
  for (size_t i = start; i < text.size(); ++i) {
    if (text[i] == '\r') {
      out += '\n';
      i += (i + 1 < text.size() && text[i + 1] == '\n') ? 1 : 0;
    } else {
      out += text[i];
    }
  }
  return out;
}

// Replaces the backslash escapes in `escapes` ("\\'" for single quotes);
// other backslashes stay.
std::string decode_escapes(const std::string& text, const std::string& escapes) {
  static const std::map<char, char> k_meaning = {{'a', '\a'}, {'b', '\b'}, {'f', '\f'}, {'n', '\n'},
                                                 {'r', '\r'}, {'t', '\t'}, {'v', '\v'}};
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size() && escapes.find(text[i + 1]) != std::string::npos) {
      auto meaning = k_meaning.find(text[i + 1]);
      out += meaning != k_meaning.end() ? meaning->second : text[i + 1];
      ++i;
    } else {
      out += text[i];
    }
  }
  return out;
}

// "${NAME}" and "${NAME:-default}", where NAME is anything but "}" and ":",
// the one form of interpolation python-dotenv knows.
std::string resolve_variables(const std::string& value,
                              const std::map<std::string, std::string>& earlier,
                              const std::map<std::string, std::string>& environment) {
  std::string out;
  size_t i = 0;
  while (i < value.size()) {
    size_t name_end = value.find_first_of("}:", i + 2);
    if (value.compare(i, 2, "${") != 0 || name_end == std::string::npos) {
      out += value[i++];
      continue;
    }
    size_t close = name_end;
    if (value[name_end] == ':') {
      close = value.compare(name_end, 2, ":-") == 0 ? value.find('}', name_end) : std::string::npos;
    }
    if (close == std::string::npos) {
      out += value[i++];
      continue;
    }
    std::string name = value.substr(i + 2, name_end - i - 2);
    std::string fallback = close > name_end ? value.substr(name_end + 2, close - name_end - 2) : "";
    if (auto found = earlier.find(name); found != earlier.end()) {
      out += found->second;
    } else if (auto shell = environment.find(name); shell != environment.end()) {
      out += shell->second;
    } else {
      out += fallback;
    }
    i = close + 1;
  }
  return out;
}

// One statement at a time, the way python-dotenv's parse_binding() reads.
class DotenvParser {
 public:
  DotenvParser(std::string text, const std::string& file) : m_text(std::move(text)), m_file(file) {}

  // Reads the next statement; false at the end of the text.
  bool next(std::optional<EnvVariable>& variable, std::vector<Diagnostic>& diagnostics) {
    variable.reset();
    while (m_pos < m_text.size() && is_space(m_text[m_pos])) {
      advance(1);
    }
    if (m_pos >= m_text.size()) {
      return false;
    }
    m_start_line = m_line;
    m_start = m_pos;
    m_error.clear();
    std::optional<EnvVariable> parsed = statement();
    if (m_error.empty()) {
      variable = std::move(parsed);
    } else {
      diagnostics.push_back(Diagnostic{SourcePos{m_file, m_start_line, 0, ""}, m_error});
      skip_rest_of_line();
    }
    return true;
  }

 private:
  std::optional<EnvVariable> statement() {
    skip_export();
    std::optional<std::string> key = read_key();
    skip_blanks();
    std::optional<std::string> value;
    if (m_error.empty() && peek() == '=') {
      advance(1);
      skip_blanks();
      value = read_value(key.value_or(""));
    }
    skip_comment();
    skip_blanks();
    if (m_error.empty() && m_pos < m_text.size() && peek() != '\n') {
      fail_line();
    }
    if (m_error.empty() && m_pos < m_text.size()) {
      advance(1);
    }
    if (!key) {
      return std::nullopt;  // a comment line
    }
    return EnvVariable{*key, value};
  }

  void skip_export() {
    size_t after = m_pos + 6;
    if (m_text.compare(m_pos, 6, "export") == 0 && after < m_text.size() &&
        is_blank(m_text[after])) {
      advance(6);
      skip_blanks();
    }
  }

  // nullopt for a comment; an unquoted key is anything but "=", "#" and spaces.
  std::optional<std::string> read_key() {
    if (peek() == '#') {
      return std::nullopt;
    }
    size_t start = m_pos;
    if (peek() == '\'') {
      size_t close = m_text.find('\'', m_pos + 1);
      if (close == std::string::npos || close == m_pos + 1) {
        fail_line();
        return std::nullopt;
      }
      advance(close + 1 - m_pos);
      return m_text.substr(start + 1, close - start - 1);
    }
    while (m_pos < m_text.size() && peek() != '=' && peek() != '#' && !is_space(peek())) {
      advance(1);
    }
    if (m_pos == start) {
      fail_line();
      return std::nullopt;
    }
    return m_text.substr(start, m_pos - start);
  }

  std::string read_value(const std::string& key) {
    char quote = peek();
    if (quote == '\'' || quote == '"') {
      std::optional<std::string> body = quoted_body(quote);
      if (!body) {
        m_error = "the value of " + in_quotes(key) + " has no closing " + std::string(1, quote);
        return "";
      }
      return decode_escapes(*body, quote == '\'' ? "\\'" : "\\'\"abfnrtv");
    }
    size_t end = m_text.find('\n', m_pos);
    end = end == std::string::npos ? m_text.size() : end;
    std::string value = m_text.substr(m_pos, end - m_pos);
    advance(end - m_pos);
    return trim_unquoted(value);
  }

  // What the regex '((?:\\'|[^'])*)' matches: "\'" does not close, unless no
  // other quote does, when backtracking makes the last "\'" the closing one.
  std::optional<std::string> quoted_body(char quote) {
    size_t last_escape = std::string::npos;
    size_t i = m_pos + 1;
    for (; i < m_text.size() && m_text[i] != quote; ++i) {
      if (m_text[i] == '\\' && i + 1 < m_text.size() && m_text[i + 1] == quote) {
        last_escape = ++i;
      }
    }
    if (i >= m_text.size()) {
      if (last_escape == std::string::npos) {
        return std::nullopt;
      }
      i = last_escape;
    }
    std::string body = m_text.substr(m_pos + 1, i - m_pos - 1);
    advance(i + 1 - m_pos);
    return body;
  }

  // python-dotenv: re.sub(r"\s+#.*", "", value).rstrip()
  static std::string trim_unquoted(std::string value) {
    for (size_t i = 1; i < value.size(); ++i) {
      if (value[i] == '#' && is_blank(value[i - 1])) {
        value.erase(i - 1);
        break;
      }
    }
    while (!value.empty() && is_blank(value.back())) {
      value.pop_back();
    }
    return value;
  }

  void skip_comment() {
    size_t i = m_pos;
    while (i < m_text.size() && is_blank(m_text[i])) {
      ++i;
    }
    if (m_error.empty() && i < m_text.size() && m_text[i] == '#') {
      size_t end = m_text.find('\n', i);
      advance((end == std::string::npos ? m_text.size() : end) - m_pos);
    }
  }

  void skip_blanks() {
    while (m_pos < m_text.size() && is_blank(peek())) {
      advance(1);
    }
  }

  void skip_rest_of_line() {
    size_t end = m_text.find('\n', m_pos);
    advance((end == std::string::npos ? m_text.size() : end + 1) - m_pos);
  }

  void fail_line() {
    if (!m_error.empty()) {
      return;
    }
    size_t end = m_text.find('\n', m_start);
    std::string line = m_text.substr(m_start, end == std::string::npos ? end : end - m_start);
    m_error = "expected KEY=value, got " + in_quotes(line);
  }

  char peek() const { return m_pos < m_text.size() ? m_text[m_pos] : '\0'; }

  void advance(size_t count) {
    for (size_t i = 0; i < count && m_pos < m_text.size(); ++i) {
      m_line += m_text[m_pos++] == '\n' ? 1 : 0;
    }
  }

  std::string m_text;
  const std::string& m_file;
  size_t m_pos = 0;
  int m_line = 1;
  size_t m_start = 0;  // where the current statement began
  int m_start_line = 1;
  std::string m_error;  // why the current statement is not valid
};

}  // namespace

DotenvResult parse_dotenv(const std::string& text, const std::string& file,
                          const std::map<std::string, std::string>& environment) {
  DotenvResult result;
  DotenvParser parser(normalise_newlines(text), file);
  std::map<std::string, std::string> earlier;  // resolved values so far; "KEY" alone is ""
  std::optional<EnvVariable> variable;
  while (parser.next(variable, result.diagnostics)) {
    if (!variable) {
      continue;
    }
    if (variable->value) {
      variable->value = resolve_variables(*variable->value, earlier, environment);
    }
    earlier[variable->key] = variable->value.value_or("");
    bool replaced = false;
    for (EnvVariable& existing : result.variables) {
      if (existing.key == variable->key) {
        existing.value = variable->value;
        replaced = true;
      }
    }
    if (!replaced) {
      result.variables.push_back(std::move(*variable));
    }
  }
  return result;
}

}  // namespace berth::compose
