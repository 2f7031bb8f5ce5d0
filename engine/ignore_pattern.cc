#include "engine/ignore_pattern.h"

#include <algorithm>
#include <cstddef>
#include <optional>
#include <utility>

namespace berth::engine {
namespace {

// Code points of bytes that are not UTF-8: above Unicode, so no literal or
// range ever equals them, while `?`, `*` and negated classes match them as
// Go's regexp matches the U+FFFD it decodes them to.
constexpr char32_t k_invalid_base = 0x110000;

bool is_invalid(char32_t c) { return c >= k_invalid_base; }

// UTF-8 to code points; each byte of a malformed sequence becomes one
// k_invalid_base + byte, as Go decodes it to one RuneError. `starts`, when
// given, gets the byte offset of each code point.
std::u32string decode(std::string_view text, std::vector<std::size_t>* starts = nullptr) {
  std::u32string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    std::size_t length = 0;
    char32_t c = 0;
    char32_t minimum = 0;
    if (lead < 0x80) {
      length = 1, c = lead;
    } else if ((lead & 0xE0) == 0xC0) {
      length = 2, c = lead & 0x1F, minimum = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
      length = 3, c = lead & 0x0F, minimum = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
      length = 4, c = lead & 0x07, minimum = 0x10000;
    }
    bool valid = length != 0 && i + length <= text.size();
    for (std::size_t k = 1; valid && k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      valid = (next & 0xC0) == 0x80;
      c = (c << 6) | (next & 0x3F);
    }
    valid = valid && c >= minimum && c <= 0x10FFFF && !(c >= 0xD800 && c <= 0xDFFF);
    if (starts != nullptr) {
      starts->push_back(i);
    }
    if (valid) {
      out.push_back(c);
      i += length;
    } else {
      out.push_back(k_invalid_base + lead);
      ++i;
    }
  }
  return out;
}

// Go's getEsc: one class character at `i`, `\`-escaped or not, which must be
// followed by more of the class.
std::optional<char32_t> class_char(const std::u32string& p, std::size_t& i) {
  if (i >= p.size() || p[i] == U'-' || p[i] == U']') {
    return std::nullopt;
  }
  if (p[i] == U'\\' && ++i >= p.size()) {
    return std::nullopt;
  }
  const char32_t c = p[i++];
  if (is_invalid(c) || i >= p.size()) {
    return std::nullopt;
  }
  return c;
}

// The class whose '[' is just before `i`, parsed as Go's filepath.Match does;
// `i` ends after its ']'. nullopt when malformed or a range is reversed.
std::optional<std::pair<bool, std::vector<std::pair<char32_t, char32_t>>>> parse_class(
    const std::u32string& p, std::size_t& i) {
  bool negated = false;
  if (i < p.size() && p[i] == U'^') {
    negated = true;
    ++i;
  }
  std::vector<std::pair<char32_t, char32_t>> ranges;
  while (true) {
    if (i < p.size() && p[i] == U']' && !ranges.empty()) {
      ++i;
      return std::make_pair(negated, std::move(ranges));
    }
    const auto low = class_char(p, i);
    if (!low) {
      return std::nullopt;
    }
    char32_t high = *low;
    if (p[i] == U'-') {
      ++i;
      const auto end = class_char(p, i);
      if (!end || *end < *low) {
        return std::nullopt;
      }
      high = *end;
    }
    ranges.emplace_back(*low, high);
  }
}

// Whether filepath.Match accepts the pattern (and docker's regexp compiles).
bool valid_syntax(const std::u32string& p) {
  std::size_t i = 0;
  while (i < p.size()) {
    const char32_t c = p[i++];
    if (c == U'\\') {
      if (i >= p.size()) {
        return false;
      }
      ++i;
    } else if (c == U'[') {
      if (!parse_class(p, i)) {
        return false;
      }
    }
  }
  return true;
}

bool in_class(char32_t c, bool negated, const std::vector<std::pair<char32_t, char32_t>>& ranges) {
  bool found = false;
  for (const auto& [low, high] : ranges) {
    found = found || (low <= c && c <= high);
  }
  return found != negated;
}

}  // namespace

Result<IgnorePattern> IgnorePattern::compile(std::string cleaned) {
  const std::u32string p = decode(cleaned);
  if (!valid_syntax(p)) {
    return Error{ErrorCode::bad_request, 0, "syntax error in pattern \"" + cleaned + "\""};
  }
  IgnorePattern pattern;
  bool has_invalid_utf8 = false;
  // patternmatcher's compile(), step for step: `i` counts scanned characters.
  std::size_t k = 0;
  for (std::size_t i = 0; k < p.size(); ++i) {
    const char32_t c = p[k++];
    Token token;
    if (c == U'*' && k < p.size() && p[k] == U'*') {
      ++k;
      if (k < p.size() && p[k] == U'/') {
        ++k;  // "**/" is read as "**"
      }
      const bool at_end = k == p.size();
      const bool adds_piece = !(at_end && pattern.m_kind == Kind::exact);
      pattern.m_kind = adds_piece ? Kind::regexp : Kind::prefix;
      if (i == 0) {
        pattern.m_kind = Kind::suffix;
      }
      if (!adds_piece) {
        continue;
      }
      token.type = at_end ? Token::Type::rest : Token::Type::dirs;
    } else if (c == U'*' || c == U'?') {
      token.type = c == U'*' ? Token::Type::star : Token::Type::any;
      pattern.m_kind = Kind::regexp;
    } else if (c == U'\\') {
      token.ch = p[k++];  // valid_syntax saw that something follows
      has_invalid_utf8 = has_invalid_utf8 || is_invalid(token.ch);
      pattern.m_kind = Kind::regexp;
    } else if (c == U'[') {
      auto parsed = parse_class(p, k);
      token.type = Token::Type::char_class;
      token.negated = parsed->first;
      token.ranges = std::move(parsed->second);
      pattern.m_kind = Kind::regexp;
    } else if (c == U']') {
      token.ch = c;
      pattern.m_kind = Kind::regexp;
    } else if (c == U'^') {
      token.type = Token::Type::start_anchor;  // left unescaped by docker
    } else {
      token.ch = c;
      has_invalid_utf8 = has_invalid_utf8 || is_invalid(c);
    }
    pattern.m_tokens.push_back(std::move(token));
  }
  if (pattern.m_kind == Kind::regexp && has_invalid_utf8) {
    return Error{ErrorCode::bad_request, 0, "syntax error in pattern \"" + cleaned + "\""};
  }
  if (pattern.m_kind != Kind::regexp) {
    pattern.m_tokens.clear();
  }
  pattern.m_text = std::move(cleaned);
  return pattern;
}

bool IgnorePattern::matches(std::string_view path) const {
  switch (m_kind) {
    case Kind::exact:
      return path == m_text;
    case Kind::prefix:
      return path.starts_with(std::string_view(m_text).substr(0, m_text.size() - 2));
    case Kind::suffix: {
      const std::string_view suffix = std::string_view(m_text).substr(2);
      return path.ends_with(suffix) || (suffix.starts_with('/') && path == suffix.substr(1));
    }
    case Kind::regexp:
      return run_tokens(decode(path)).back();
  }
  return false;
}

bool IgnorePattern::matches_prefix(std::string_view path,
                                   const std::vector<std::size_t>& lengths) const {
  if (m_kind != Kind::regexp) {
    return std::any_of(lengths.begin(), lengths.end(),
                       [&](std::size_t length) { return matches(path.substr(0, length)); });
  }
  std::vector<std::size_t> starts;
  const std::u32string decoded = decode(path, &starts);
  // A prefix's code points are the first ones of the path's, since it ends
  // at a character boundary: the regexp matched them when it reached there.
  const std::vector<char> reached = run_tokens(decoded);
  return std::any_of(lengths.begin(), lengths.end(), [&](std::size_t length) {
    return reached[std::lower_bound(starts.begin(), starts.end(), length) - starts.begin()];
  });
}

// Runs the anchored regular expression over `path`, one token at a time, as
// the set of positions reached so far: O(tokens x path) whatever the pattern,
// like Go's regexp. (A `*` that tried every end from each position it was
// reached at made "*a*a*a...b" against "aaaa..." cubic; backtracking would
// be exponential.)
std::vector<char> IgnorePattern::run_tokens(const std::u32string& path) const {
  const std::size_t n = path.size();
  std::vector<char> reached(n + 1, 0);
  std::vector<char> next(n + 1, 0);
  reached[0] = 1;
  // A run (`*`, `.*`, `(.*/)?`) reaches q when a position j <= q was reached
  // and path[j, q) holds no `stop`: one sweep carries that forward.
  const auto sweep = [&](char32_t stop) {
    bool live = false;
    for (std::size_t q = 0; q <= n; ++q) {
      live = reached[q] || (live && path[q - 1] != stop);
      next[q] = live;
    }
  };
  for (const Token& token : m_tokens) {
    next[0] = 0;
    switch (token.type) {
      case Token::Type::literal:
        for (std::size_t j = 0; j < n; ++j) {
          next[j + 1] = reached[j] && path[j] == token.ch;
        }
        break;
      case Token::Type::any:
        for (std::size_t j = 0; j < n; ++j) {
          next[j + 1] = reached[j] && path[j] != U'/';
        }
        break;
      case Token::Type::char_class:
        for (std::size_t j = 0; j < n; ++j) {
          next[j + 1] = reached[j] && in_class(path[j], token.negated, token.ranges);
        }
        break;
      case Token::Type::start_anchor:
        std::fill(next.begin(), next.end(), 0);
        next[0] = reached[0];
        break;
      case Token::Type::star:  // [^/]*
        sweep(U'/');
        break;
      case Token::Type::rest:  // .*
        sweep(U'\n');
        break;
      case Token::Type::dirs:  // (.*/)?: q itself, or just past a '/' a `.*` reaches
        sweep(U'\n');
        for (std::size_t q = n; q > 0; --q) {
          next[q] = reached[q] || (next[q - 1] && path[q - 1] == U'/');
        }
        next[0] = reached[0];
        break;
    }
    std::swap(reached, next);
    if (std::find(reached.begin(), reached.end(), 1) == reached.end()) {
      break;  // nothing reached: the rest of the pattern cannot match
    }
  }
  return reached;
}

}  // namespace berth::engine
