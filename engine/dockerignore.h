#pragma once
// DockerIgnore: the rules of a build context's .dockerignore, read and
// applied as docker's CLI applies them (moby/patternmatcher: ignorefile.ReadAll
// then PatternMatcher.MatchesOrParentMatches), so that berth sends the engine
// the files `docker build` would send, no more (secrets, node_modules) and no
// fewer.
//   - A UTF-8 BOM is dropped. A line starting with '#' is a comment; this is
//     checked before trimming, so "  #x" is the pattern "#x".
//   - Lines are trimmed of white space; blank ones are skipped.
//   - A leading '!' (white space may follow it) makes an exception.
//   - Patterns are cleaned like Go's filepath.Clean ("a//b/../c/" is "a/c")
//     and lose a leading '/', so "/foo" and "foo" are the same pattern.
//   - A pattern matches a path when it matches the path itself or one of the
//     path's parent directories: "node_modules" excludes everything under it.
//   - The last pattern that matches decides: excluded unless it is an
//     exception.
// Matching itself is IgnorePattern's (`*`, `?`, `[...]`, `\`, `**`).
// Private to the engine module.

#include <string>
#include <vector>

#include "engine/ignore_pattern.h"
#include "engine/result.h"

namespace berth::engine {

class DockerIgnore {
 public:
  // Reads the text of a .dockerignore. A bad pattern fails with bad_request
  // naming the line: `.dockerignore line 3: syntax error in pattern "a["`.
  static Result<DockerIgnore> parse(const std::string& text);

  // Whether `relative_path` ('/'-separated, relative to the context) is left
  // out of the context. The context itself (".") never is.
  bool excluded(const std::string& relative_path) const;

  // Whether any pattern is an exception. When one is, an excluded directory
  // must still be walked: an exception may bring back something inside it.
  bool has_exceptions() const { return m_has_exceptions; }

  // Appends the exception "!<relative_path>" when the path is excluded, as
  // docker's CLI does for the Dockerfile and the .dockerignore, which always
  // reach the engine. Fails like parse() if the path is not a valid pattern.
  Status keep(const std::string& relative_path);

 private:
  struct Rule {
    IgnorePattern pattern;
    bool exception = false;
  };

  // Adds one line as ReadAll left it, the way PatternMatcher's New reads it.
  Status add(const std::string& line);

  std::vector<Rule> m_rules;
  bool m_has_exceptions = false;
};

}  // namespace berth::engine
