#include "compose/shell_words.h"

#include <string_view>
#include <utility>

namespace berth::compose {
namespace {

bool is_blank(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// Characters a backslash escapes inside double quotes, as in a POSIX shell.
bool escapable_in_double_quotes(char c) {
  return c == '\\' || c == '"' || c == '$' || c == '`';
}

// Splits `text` into words; returns false when a quote is left open.
class WordSplitter {
 public:
  explicit WordSplitter(std::string_view text) : m_text(text) {}

  bool run() {
    while (m_index < m_text.size()) {
      char c = m_text[m_index++];
      if (is_blank(c)) {
        finish_word();
      } else if (c == '\'') {
        if (!read_single_quoted()) {
          return false;
        }
      } else if (c == '"') {
        if (!read_double_quoted()) {
          return false;
        }
      } else if (c == '\\' && m_index < m_text.size()) {
        append(m_text[m_index++]);
      } else {
        append(c);  // a trailing backslash stays literal, as in bash
      }
    }
    finish_word();
    return true;
  }

  std::vector<std::string> take_words() { return std::move(m_words); }

 private:
  void append(char c) {
    m_word += c;
    m_in_word = true;
  }

  void finish_word() {
    if (m_in_word) {
      m_words.push_back(std::move(m_word));
      m_word.clear();
      m_in_word = false;
    }
  }

  bool read_single_quoted() {
    m_in_word = true;  // '' is an empty word
    while (m_index < m_text.size()) {
      char c = m_text[m_index++];
      if (c == '\'') {
        return true;
      }
      m_word += c;
    }
    return false;
  }

  bool read_double_quoted() {
    m_in_word = true;
    while (m_index < m_text.size()) {
      char c = m_text[m_index++];
      if (c == '"') {
        return true;
      }
      if (c == '\\' && m_index < m_text.size()) {
        char next = m_text[m_index];
        if (next == '\n') {
          ++m_index;  // a line continuation disappears
          continue;
        }
        if (escapable_in_double_quotes(next)) {
          ++m_index;
          c = next;
        }
      }
      m_word += c;
    }
    return false;
  }

  std::string_view m_text;
  size_t m_index = 0;
  std::string m_word;
  bool m_in_word = false;
  std::vector<std::string> m_words;
};

}  // namespace

std::optional<std::vector<std::string>> split_shell_words(const std::string& text) {
  WordSplitter splitter(text);
  if (!splitter.run()) {
    return std::nullopt;
  }
  return splitter.take_words();
}

}  // namespace berth::compose
