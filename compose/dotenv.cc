#include "compose/dotenv.h"

#include <algorithm>
#include <unordered_map>
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
  if (text.find('\r') == std::string::npos) {
    return text.substr(start);  // the common case, in one copy
  }
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

// The next position at or after `from` of a character in `set`; a search
// covers each stretch of the value once, however many "${" start in it.
class NextOf {
 public:
  NextOf(const std::string& text, const char* set) : m_text(text), m_set(set) {}
  size_t from(size_t from) {
    if (!m_searched || from > m_found) {
      m_found = m_text.find_first_of(m_set, from);
      m_searched = true;
    }
    return m_found;
  }

 private:
  const std::string& m_text;
  const char* m_set;
  bool m_searched = false;
  size_t m_found = 0;  // npos when none is left
};

// "${NAME}" and "${NAME:-default}", where NAME is anything but "}" and ":",
// the one form of interpolation python-dotenv knows.
std::string resolve_variables(const std::string& value,
                              const std::map<std::string, std::string>& earlier,
                              const std::map<std::string, std::string>& environment) {
  std::string out;
  NextOf name_ends(value, "}:");
  NextOf braces(value, "}");
  size_t i = 0;
  while (i < value.size()) {
    if (value.compare(i, 2, "${") != 0) {
      size_t dollar = value.find('$', i + 1);
      dollar = dollar == std::string::npos ? value.size() : dollar;
      out.append(value, i, dollar - i);
      i = dollar;
      continue;
    }
    size_t name_end = name_ends.from(i + 2);
    size_t close = name_end;
    if (name_end != std::string::npos && value[name_end] == ':') {
      close = value.compare(name_end, 2, ":-") == 0 ? braces.from(name_end) : std::string::npos;
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
    m_error.clear();
    m_key.clear();
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
    m_key = key.value_or("");
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
    size_t end = m_pos;
    while (end < m_text.size() && m_text[end] != '=' && m_text[end] != '#' &&
           !is_space(m_text[end])) {
      ++end;
    }
    advance(end - m_pos);  // no newline in it: m_line stays
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

  // The line itself is not shown: a bad line may hold a secret. Its number
  // (in the diagnostic) and its key, when one was read, say where it is.
  void fail_line() {
    if (!m_error.empty()) {
      return;
    }
    m_error = "expected KEY=value";
    // A key is short and printable; a long one, or one a quote stretched
    // over lines, is cut, so the message stays one short line.
    constexpr size_t k_key_shown = 40;
    size_t shown = 0;
    while (shown < m_key.size() && shown < k_key_shown &&
           static_cast<unsigned char>(m_key[shown]) >= 0x20) {
      ++shown;
    }
    if (shown > 0) {
      m_error +=
          " (key " + in_quotes(m_key.substr(0, shown) + (shown < m_key.size() ? "..." : "")) + ")";
    }
  }

  char peek() const { return m_pos < m_text.size() ? m_text[m_pos] : '\0'; }

  void advance(size_t count) {
    const size_t end = std::min(m_pos + count, m_text.size());
    m_line += static_cast<int>(std::count(m_text.begin() + static_cast<std::ptrdiff_t>(m_pos),
                                          m_text.begin() + static_cast<std::ptrdiff_t>(end), '\n'));
    m_pos = end;
  }

  std::string m_text;
  const std::string& m_file;
  size_t m_pos = 0;
  int m_line = 1;
  int m_start_line = 1;
  std::string m_error;  // why the current statement is not valid
  std::string m_key;    // of the current statement, once read
};

}  // namespace

DotenvResult parse_dotenv(const std::string& text, const std::string& file,
                          const std::map<std::string, std::string>& environment) {
  DotenvResult result;
  DotenvParser parser(normalise_newlines(text), file);
  std::map<std::string, std::string> earlier;  // resolved values so far; "KEY" alone is ""
  std::unordered_map<std::string, size_t> places;  // key -> its index in result.variables
  std::optional<EnvVariable> variable;
  while (parser.next(variable, result.diagnostics)) {
    if (!variable) {
      continue;
    }
    if (variable->value) {
      variable->value = resolve_variables(*variable->value, earlier, environment);
    }
    earlier[variable->key] = variable->value.value_or("");
    // A key written again keeps its first place: found through an index, so
    // that a file of a million lines stays linear.
    auto [at, added] = places.emplace(variable->key, result.variables.size());
    if (added) {
      result.variables.push_back(std::move(*variable));
    } else {
      result.variables[at->second].value = std::move(variable->value);
    }
  }
  return result;
}

}  // namespace berth::compose
