#pragma once
// IgnorePattern: one cleaned .dockerignore pattern, matched the way docker's
// CLI matches it (github.com/moby/patternmatcher), quirks included, so a
// context berth sends holds exactly the files `docker build` would send.
//
// Syntax is Go's filepath.Match: `*` (any run of non-'/'), `?` (one non-'/'
// character), `[...]` classes (a leading `^` negates; `!` is an ordinary
// character there, as in Go), ranges, `\` escapes. Plus `**`, which crosses
// directories. patternmatcher turns a pattern into one of four match kinds,
// and so do we:
//   exact   no wildcard at all: the path equals the pattern.
//   prefix  literal text then a final `**` ("dir/**"): the path starts with
//           the text ("dir/"), so "dir" itself does not match.
//   suffix  a leading `**` then literal text ("**/foo", "**.go"): the path
//           ends with the text, or equals it without its leading '/'. Hence
//           "**foo" matches "barfoo".
//   regexp  anything else, matched as the regular expression docker builds:
//           `**/` (or a `**` inside) is "(.*/)?", a final `**` is ".*", and a
//           bare `^` outside a class stays an anchor, so it never matches
//           after the start.
// Like Go's regexp `.`, the `.*` of a `**` does not cross a newline.
// Deliberate differences, in patterns no one writes: `\` followed by a letter
// or digit is that character here (Go's regexp reads `\d` as a digit class
// and rejects `\q`); `*` and `?` inside a class are themselves (docker's
// translation garbles such classes); "[[:alpha:]]" is filepath.Match's class
// of '[', ':', 'a', ... then a ']', not a POSIX class. Patterns docker accepts
// but then fails on when matching (a reversed range "[z-a]", invalid UTF-8 in
// a wildcard pattern) are refused when compiled. Private to the engine module.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "engine/result.h"

namespace berth::engine {

class IgnorePattern {
 public:
  // `cleaned` is the pattern after filepath.Clean, without its '!'. Fails
  // with bad_request "syntax error in pattern" when Go's filepath.Match would
  // reject it or docker's regexp would not compile.
  static Result<IgnorePattern> compile(std::string cleaned);

  // Whether `path` ('/'-separated, relative, clean) matches this pattern
  // itself; parent directories are the caller's business.
  bool matches(std::string_view path) const;

  // Whether this pattern matches `path.substr(0, length)` for one of
  // `lengths`, each at a character boundary: the path and the parent
  // directories docker tries with it. A regexp pattern decides all of them
  // in one pass over `path`, so a deep path costs no more than a long one.
  bool matches_prefix(std::string_view path, const std::vector<std::size_t>& lengths) const;

  const std::string& text() const { return m_text; }

 private:
  enum class Kind { exact, prefix, suffix, regexp };

  // One piece of the regular expression docker builds.
  struct Token {
    enum class Type {
      literal,      // the character `ch`
      any,          // [^/]
      star,         // [^/]*
      char_class,   // `ranges`, negated or not
      dirs,         // (.*/)?   (a `**` followed by more pattern)
      rest,         // .*       (a final `**`)
      start_anchor  // ^        (matches only at the start)
    };
    Type type = Type::literal;
    char32_t ch = 0;
    bool negated = false;
    std::vector<std::pair<char32_t, char32_t>> ranges;
  };

  // reached[j]: whether the tokens match exactly path[0, j).
  std::vector<char> run_tokens(const std::u32string& path) const;

  std::string m_text;
  Kind m_kind = Kind::exact;
  std::vector<Token> m_tokens;  // only for Kind::regexp
};

}  // namespace berth::engine
