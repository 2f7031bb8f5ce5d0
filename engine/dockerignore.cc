#include "engine/dockerignore.h"

#include <array>
#include <string_view>
#include <utility>

namespace berth::engine {
namespace {

// Go's unicode.IsSpace, which strings.TrimSpace trims: ASCII white space and
// these, UTF-8 encoded (NEL, NBSP, ..., IDEOGRAPHIC SPACE).
constexpr std::array<std::string_view, 19> k_wide_spaces = {
    "\u0085", "\u00A0", "\u1680", "\u2000", "\u2001", "\u2002", "\u2003",
    "\u2004", "\u2005", "\u2006", "\u2007", "\u2008", "\u2009", "\u200A",
    "\u2028", "\u2029", "\u202F", "\u205F", "\u3000"};

bool is_ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

// Length of the white space character that `text` starts (at_end: ends)
// with, or 0.
std::size_t space_length(std::string_view text, bool at_end) {
  if (text.empty()) {
    return 0;
  }
  if (is_ascii_space(at_end ? text.back() : text.front())) {
    return 1;
  }
  auto matches = [&](std::string_view space) {
    return at_end ? text.ends_with(space) : text.starts_with(space);
  };
  for (const auto space : k_wide_spaces) {
    if (matches(space)) {
      return space.size();
    }
  }
  return 0;
}

// Go's strings.TrimSpace.
std::string_view trim_space(std::string_view text) {
  while (const auto length = space_length(text, false)) {
    text.remove_prefix(length);
  }
  while (const auto length = space_length(text, true)) {
    text.remove_suffix(length);
  }
  return text;
}

// Go's filepath.Clean on '/'-separated paths: no empty, "." or resolvable
// ".." elements, no trailing '/'; "" becomes ".".
std::string clean_path(std::string_view path) {
  const bool rooted = path.starts_with('/');
  std::vector<std::string_view> elements;
  std::size_t fixed = 0;  // leading ".." elements that nothing can cancel
  while (!path.empty()) {
    const auto slash = path.find('/');
    const std::string_view element = path.substr(0, slash);
    path.remove_prefix(slash == std::string_view::npos ? path.size() : slash + 1);
    if (element.empty() || element == ".") {
      continue;
    }
    if (element != "..") {
      elements.push_back(element);
    } else if (elements.size() > fixed) {
      elements.pop_back();
    } else if (!rooted) {
      elements.push_back(element);
      ++fixed;
    }
  }
  std::string cleaned = rooted ? "/" : "";
  for (std::size_t i = 0; i < elements.size(); ++i) {
    cleaned += (i == 0 ? "" : "/");
    cleaned += elements[i];
  }
  return cleaned.empty() ? "." : cleaned;
}

// Go's filepath.Dir: all but the last element, cleaned.
std::string parent_of(const std::string& path) {
  const auto slash = path.rfind('/');
  return slash == std::string::npos ? "." : clean_path(std::string_view(path).substr(0, slash + 1));
}

// What ignorefile.ReadAll makes of one line that is not a comment.
std::string normalize_line(std::string_view line) {
  line = trim_space(line);
  const bool exception = line.starts_with('!');
  if (exception) {
    line = trim_space(line.substr(1));
  }
  std::string pattern;
  if (!line.empty()) {
    pattern = clean_path(line);
    if (pattern.size() > 1 && pattern.front() == '/') {
      pattern.erase(0, 1);
    }
  }
  return exception ? "!" + pattern : pattern;
}

}  // namespace

Result<DockerIgnore> DockerIgnore::parse(const std::string& text) {
  DockerIgnore ignore;
  std::string_view rest = text;
  if (rest.starts_with("\xEF\xBB\xBF")) {
    rest.remove_prefix(3);
  }
  int line_number = 0;
  while (!rest.empty()) {
    const auto newline = rest.find('\n');
    std::string_view line = rest.substr(0, newline);
    rest.remove_prefix(newline == std::string_view::npos ? rest.size() : newline + 1);
    if (line.ends_with('\r')) {
      line.remove_suffix(1);
    }
    ++line_number;
    if (line.starts_with('#')) {
      continue;
    }
    const std::string pattern = normalize_line(line);
    if (pattern.empty()) {
      continue;
    }
    if (auto added = ignore.add(pattern); !added) {
      return Error{
          ErrorCode::bad_request, 0,
          ".dockerignore line " + std::to_string(line_number) + ": " + added.error().message};
    }
  }
  return ignore;
}

Status DockerIgnore::add(const std::string& line) {
  std::string pattern = clean_path(trim_space(line));
  const bool exception = pattern.starts_with('!');
  if (exception) {
    if (pattern.size() == 1) {
      return Error{ErrorCode::bad_request, 0, "illegal exclusion pattern: \"!\""};
    }
    pattern.erase(0, 1);
  }
  auto compiled = IgnorePattern::compile(std::move(pattern));
  if (!compiled) {
    return compiled.error();
  }
  m_rules.push_back(Rule{std::move(compiled).value(), exception});
  m_has_exceptions = m_has_exceptions || exception;
  return Done{};
}

Status DockerIgnore::keep(const std::string& relative_path) {
  if (!excluded(relative_path)) {
    return Done{};
  }
  return add("!" + relative_path);
}

bool DockerIgnore::excluded(const std::string& relative_path) const {
  const std::string path = clean_path(relative_path);
  if (path == ".") {
    return false;
  }
  // What each pattern is tried on: the path, then "a", "a/b", ... up to its
  // parent (MatchesOrParentMatches). All are prefixes of the clean path.
  std::vector<std::size_t> lengths = {path.size()};
  const std::string parent = parent_of(path);
  if (parent != ".") {
    for (std::size_t end = parent.find('/');; end = parent.find('/', end + 1)) {
      lengths.push_back(end == std::string::npos ? parent.size() : end);
      if (end == std::string::npos) {
        break;
      }
    }
  }
  bool matched = false;
  for (const Rule& rule : m_rules) {
    // A pattern that could not change the verdict is not tried.
    if (rule.exception != matched) {
      continue;
    }
    if (rule.pattern.matches_prefix(path, lengths)) {
      matched = !rule.exception;
    }
  }
  return matched;
}

}  // namespace berth::engine
