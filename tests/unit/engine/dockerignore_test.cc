// DockerIgnore: the cases of moby/patternmatcher's own tests (TestMatches,
// Go's filepath.Match cases, ignorefile.ReadAll), then the rules docker's
// documentation states: exceptions, `**`, directories, comments.

#include "engine/dockerignore.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

namespace berth::engine {
namespace {

// Whether `path` is excluded by the .dockerignore `text`; fails the test if
// the text does not parse.
bool excluded(const std::string& text, const std::string& path) {
  auto ignore = DockerIgnore::parse(text);
  EXPECT_TRUE(ignore.ok()) << text << ": " << (ignore ? "" : ignore.error().message);
  return ignore.ok() && ignore->excluded(path);
}

std::string parse_error(const std::string& text) {
  auto ignore = DockerIgnore::parse(text);
  EXPECT_FALSE(ignore.ok()) << text;
  if (ignore.ok()) {
    return "";
  }
  EXPECT_EQ(ignore.error().code, ErrorCode::bad_request);
  return ignore.error().message;
}

struct Case {
  std::string pattern;
  std::string path;
  bool excluded;
};

// patternmatcher_test.go, TestMatches.
TEST(DockerIgnore, PatternMatcherCases) {
  const std::vector<Case> cases = {
      {"**", "file", true},
      {"**", "file/", true},
      {"**/", "file", true},
      {"**/", "file/", true},
      {"**", "/", true},
      {"**/", "/", true},
      {"**", "dir/file", true},
      {"**/", "dir/file", true},
      {"**", "dir/file/", true},
      {"**/", "dir/file/", true},
      {"**/**", "dir/file", true},
      {"**/**", "dir/file/", true},
      {"dir/**", "dir/file", true},
      {"dir/**", "dir/file/", true},
      {"dir/**", "dir/dir2/file", true},
      {"dir/**", "dir/dir2/file/", true},
      {"**/dir", "dir", true},
      {"**/dir", "dir/file", true},
      {"**/dir2/*", "dir/dir2/file", true},
      {"**/dir2/*", "dir/dir2/file/", true},
      {"**/dir2/**", "dir/dir2/dir3/file", true},
      {"**/dir2/**", "dir/dir2/dir3/file/", true},
      {"**file", "file", true},
      {"**file", "dir/file", true},
      {"**/file", "dir/file", true},
      {"**file", "dir/dir/file", true},
      {"**/file", "dir/dir/file", true},
      {"**/file*", "dir/dir/file", true},
      {"**/file*", "dir/dir/file.txt", true},
      {"**/file*txt", "dir/dir/file.txt", true},
      {"**/file*.txt", "dir/dir/file.txt", true},
      {"**/file*.txt*", "dir/dir/file.txt", true},
      {"**/**/*.txt", "dir/dir/file.txt", true},
      {"**/**/*.txt2", "dir/dir/file.txt", false},
      {"**/*.txt", "file.txt", true},
      {"**/**/*.txt", "file.txt", true},
      {"a**/*.txt", "a/file.txt", true},
      {"a**/*.txt", "a/dir/file.txt", true},
      {"a**/*.txt", "a/dir/dir/file.txt", true},
      {"a/*.txt", "a/dir/file.txt", false},
      {"a/*.txt", "a/file.txt", true},
      {"a/*.txt**", "a/file.txt", true},
      {"a[b-d]e", "ae", false},
      {"a[b-d]e", "ace", true},
      {"a[b-d]e", "aae", false},
      {"a[^b-d]e", "aze", true},
      {".*", ".foo", true},
      {".*", "foo", false},
      {"abc.def", "abcdef", false},
      {"abc.def", "abc.def", true},
      {"abc.def", "abcZdef", false},
      {"abc?def", "abcZdef", true},
      {"abc?def", "abcdef", false},
      {R"(a\\)", R"(a\)", true},
      {"**/foo/bar", "foo/bar", true},
      {"**/foo/bar", "dir/foo/bar", true},
      {"**/foo/bar", "dir/dir2/foo/bar", true},
      {"abc/**", "abc", false},
      {"abc/**", "abc/def", true},
      {"abc/**", "abc/def/ghi", true},
      {"**/.foo", ".foo", true},
      {"**/.foo", "bar.foo", false},
      {"a(b)c/def", "a(b)c/def", true},
      {"a(b)c/def", "a(b)c/xyz", false},
      {"a.|)$(}+{bc", "a.|)$(}+{bc", true},
      {"dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl",
       "dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl", true},
      {"dist/*.whl", "dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl", true},
      {R"(a\*b)", "a*b", true},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(excluded(c.pattern, c.path), c.excluded) << c.pattern << " vs " << c.path;
  }
}

// patternmatcher_test.go's matchTests, taken from Go's filepath.Match tests.
TEST(DockerIgnore, GoFilepathMatchCases) {
  const std::vector<Case> cases = {
      {"abc", "abc", true},
      {"*", "abc", true},
      {"*c", "abc", true},
      {"a*", "a", true},
      {"a*", "abc", true},
      {"a*", "ab/c", true},  // through the parent "ab"
      {"a*/b", "abc/b", true},
      {"a*/b", "a/c/b", false},
      {"a*b*c*d*e*/f", "axbxcxdxe/f", true},
      {"a*b*c*d*e*/f", "axbxcxdxexxx/f", true},
      {"a*b*c*d*e*/f", "axbxcxdxe/xxx/f", false},
      {"a*b*c*d*e*/f", "axbxcxdxexxx/fff", false},
      {"a*b?c*x", "abxbbxdbxebxczzx", true},
      {"a*b?c*x", "abxbbxdbxebxczzy", false},
      {"ab[c]", "abc", true},
      {"ab[b-d]", "abc", true},
      {"ab[e-g]", "abc", false},
      {"ab[^c]", "abc", false},
      {"ab[^b-d]", "abc", false},
      {"ab[^e-g]", "abc", true},
      {R"(a\*b)", "ab", false},
      {"a?b", "a\u263Ab", true},
      {"a[^a]b", "a\u263Ab", true},
      {"a???b", "a\u263Ab", false},
      {"a[^a][^a][^a]b", "a\u263Ab", false},
      {"[a-\u03B6]*", "\u03B1", true},
      {"*[a-\u03B6]", "A", false},
      {"a?b", "a/b", false},
      {"a*b", "a/b", false},
      {R"([\]a])", "]", true},
      {R"([\-])", "-", true},
      {R"([x\-])", "x", true},
      {R"([x\-])", "-", true},
      {R"([x\-])", "z", false},
      {R"([\-x])", "x", true},
      {R"([\-x])", "-", true},
      {R"([\-x])", "a", false},
      {"*x", "xxx", true},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(excluded(c.pattern, c.path), c.excluded) << c.pattern << " vs " << c.path;
  }
}

TEST(DockerIgnore, MalformedPatternsAreRefused) {
  for (const std::string pattern : {"[]a]", "[-]", "[x-]", "[-x]", "\\", "[a-b-c]", "[", "[^",
                                    "[^bc", "a[", "[z-a]", "[Local-Only]/"}) {
    EXPECT_EQ(parse_error(pattern),
              ".dockerignore line 1: syntax error in pattern \"" +
                  std::string(pattern == "[Local-Only]/" ? "[Local-Only]" : pattern) + "\"");
  }
}

TEST(DockerIgnore, ErrorNamesTheLine) {
  EXPECT_EQ(parse_error("node_modules\n# comment\n\n*.go[\n"),
            ".dockerignore line 4: syntax error in pattern \"*.go[\"");
}

TEST(DockerIgnore, LoneExclamationMarkIsRefused) {
  EXPECT_EQ(parse_error("a\n!\n"), ".dockerignore line 2: illegal exclusion pattern: \"!\"");
  EXPECT_EQ(parse_error("  !   \n"), ".dockerignore line 1: illegal exclusion pattern: \"!\"");
}

// ignorefile_test.go's content: its trailing lone "!" is then refused.
TEST(DockerIgnore, ReadAllContent) {
  const std::string content =
      "test1\n/test2\n/a/file/here\n\nlastfile\n# this is a comment\n! /inverted/abs/path\n"
      "!\n! ";
  EXPECT_EQ(parse_error(content), ".dockerignore line 8: illegal exclusion pattern: \"!\"");

  const std::string valid = content.substr(0, content.find("\n!\n"));
  auto ignore = DockerIgnore::parse(valid + "\ninverted\n! /inverted/abs/path");
  ASSERT_TRUE(ignore.ok());
  EXPECT_TRUE(ignore->excluded("test1"));
  EXPECT_TRUE(ignore->excluded("test2"));  // "/test2" is "test2"
  EXPECT_TRUE(ignore->excluded("a/file/here"));
  EXPECT_TRUE(ignore->excluded("lastfile"));
  EXPECT_FALSE(ignore->excluded("# this is a comment"));
  EXPECT_TRUE(ignore->excluded("inverted/other"));
  EXPECT_FALSE(ignore->excluded("inverted/abs/path"));  // "! /x" is the exception "!x"
  EXPECT_TRUE(ignore->has_exceptions());
}

TEST(DockerIgnore, EmptyFileExcludesNothing) {
  auto ignore = DockerIgnore::parse("");
  ASSERT_TRUE(ignore.ok());
  EXPECT_FALSE(ignore->excluded("anything"));
  EXPECT_FALSE(ignore->has_exceptions());
}

TEST(DockerIgnore, CommentsOnlyWhereTheLineStartsWithHash) {
  const std::string text = "# *.go\n  #hash\nfoo#bar\n";
  EXPECT_FALSE(excluded(text, "main.go"));
  EXPECT_FALSE(excluded(text, "# *.go"));
  EXPECT_TRUE(excluded(text, "#hash"));  // indented: a pattern, trimmed
  EXPECT_TRUE(excluded(text, "foo#bar"));
}

TEST(DockerIgnore, LinesAreTrimmedAndBlankLinesSkipped) {
  const std::string text = "   \n\t*.log  \r\n\n  secret.txt\t\n\xC2\xA0notes\xC2\xA0\n";
  EXPECT_TRUE(excluded(text, "app.log"));
  EXPECT_TRUE(excluded(text, "secret.txt"));
  EXPECT_TRUE(excluded(text, "notes"));  // Go trims Unicode white space too
  EXPECT_FALSE(excluded(text, "app.txt"));
}

TEST(DockerIgnore, ByteOrderMarkIsDropped) {
  EXPECT_TRUE(excluded("\xEF\xBB\xBF*.log\n", "a.log"));
  EXPECT_TRUE(excluded("\xEF\xBB\xBF# comment\nb\n", "b"));
  EXPECT_FALSE(excluded("\xEF\xBB\xBF# comment\nb\n", "# comment"));
}

TEST(DockerIgnore, PatternsAreCleaned) {
  EXPECT_TRUE(excluded("a//b/../c/", "a/c"));
  EXPECT_TRUE(excluded("./foo", "foo"));
  EXPECT_TRUE(excluded("/foo", "foo"));
  EXPECT_TRUE(excluded("//foo/./bar", "foo/bar"));
  EXPECT_TRUE(excluded("docs/", "docs/README.md"));
  EXPECT_FALSE(excluded("../foo", "foo"));
}

TEST(DockerIgnore, DirectoryPatternExcludesEverythingUnderIt) {
  const std::string text = "node_modules\nbuild/output\n";
  EXPECT_TRUE(excluded(text, "node_modules"));
  EXPECT_TRUE(excluded(text, "node_modules/left-pad/index.js"));
  EXPECT_TRUE(excluded(text, "build/output/a/b/c"));
  EXPECT_FALSE(excluded(text, "build/other"));
  EXPECT_FALSE(excluded(text, "src/node_modules"));  // patterns are anchored at the top
  EXPECT_FALSE(excluded(text, "node_modules_old"));
}

// The examples of docker's .dockerignore documentation.
TEST(DockerIgnore, DocumentationExamples) {
  const std::string text = "# comment\n*/temp*\n*/*/temp*\ntemp?\n";
  EXPECT_TRUE(excluded(text, "somedir/temporary.txt"));
  EXPECT_TRUE(excluded(text, "somedir/temp"));
  EXPECT_TRUE(excluded(text, "somedir/subdir/temporary.txt"));
  EXPECT_TRUE(excluded(text, "tempa"));
  EXPECT_TRUE(excluded(text, "tempb"));
  EXPECT_FALSE(excluded(text, "temporary.txt"));
  EXPECT_FALSE(excluded(text, "a/b/c/temp"));
}

TEST(DockerIgnore, DoubleStarCrossesDirectories) {
  EXPECT_TRUE(excluded("**/*.go", "main.go"));
  EXPECT_TRUE(excluded("**/*.go", "cmd/tool/main.go"));
  EXPECT_FALSE(excluded("*.go", "cmd/main.go"));
  EXPECT_TRUE(excluded("a/**/b", "a/b"));
  EXPECT_TRUE(excluded("a/**/b", "a/x/y/b"));
  EXPECT_FALSE(excluded("a/**/b", "a/x/y/c"));
  EXPECT_TRUE(excluded("**/node_modules", "web/app/node_modules/x/y.js"));
}

// patternmatcher's quirks, which docker's contexts have.
TEST(DockerIgnore, DoubleStarQuirksMatchDocker) {
  EXPECT_TRUE(excluded("**foo", "barfoo"));  // suffix match, not (.*/)?foo
  EXPECT_TRUE(excluded("**.go", "a/b/c.go"));
  EXPECT_FALSE(excluded("**/foo*", "barfoo"));  // a regexp: (.*/)?foo[^/]*
  EXPECT_TRUE(excluded("a**b", "ab"));          // a(.*/)?b
  EXPECT_TRUE(excluded("a**b", "ax/b"));
  EXPECT_FALSE(excluded("a**b", "axb"));
  EXPECT_TRUE(excluded("x/**/y", "x/a/b/y"));
  EXPECT_FALSE(excluded("x/**/y", "x/a\nb/y"));  // Go's '.' stops at a newline
  EXPECT_TRUE(excluded("x/*/y", "x/a\nb/y"));    // [^/] does not
}

TEST(DockerIgnore, CaretIsLiteralUntilThePatternBecomesARegexp) {
  EXPECT_TRUE(excluded("a^b", "a^b"));
  EXPECT_FALSE(excluded("a^b*", "a^bc"));  // docker leaves '^' unescaped: an anchor
  EXPECT_TRUE(excluded("[^a]x", "bx"));
}

TEST(DockerIgnore, ExclamationMarkInAClassIsNotNegation) {
  EXPECT_TRUE(excluded("[!a]", "!"));
  EXPECT_TRUE(excluded("[!a]", "a"));
  EXPECT_FALSE(excluded("[!a]", "b"));
}

TEST(DockerIgnore, QuestionMarkIsOneCharacter) {
  EXPECT_TRUE(excluded("caf?", "caf\xC3\xA9"));
  EXPECT_FALSE(excluded("caf??", "caf\xC3\xA9"));
}

TEST(DockerIgnore, EscapedWildcardsAreLiteral) {
  EXPECT_TRUE(excluded(R"(\[draft\].md)", "[draft].md"));
  EXPECT_FALSE(excluded(R"(\[draft\].md)", "d.md"));
  EXPECT_TRUE(excluded(R"(what\?)", "what?"));
  EXPECT_FALSE(excluded(R"(what\?)", "whatx"));
}

TEST(DockerIgnore, ExceptionReincludes) {
  const std::string text = "*.md\n!README.md\n";
  EXPECT_TRUE(excluded(text, "CHANGES.md"));
  EXPECT_FALSE(excluded(text, "README.md"));
}

TEST(DockerIgnore, LastMatchingPatternWins) {
  // docker's documentation: the order of these lines decides.
  EXPECT_TRUE(excluded("*.md\n!README*.md\nREADME-secret.md\n", "README-secret.md"));
  EXPECT_FALSE(excluded("*.md\n!README*.md\nREADME-secret.md\n", "README.md"));
  EXPECT_FALSE(excluded("*.md\nREADME-secret.md\n!README*.md\n", "README-secret.md"));
  EXPECT_TRUE(excluded("foo\n!foo\nfoo\n", "foo"));
  EXPECT_FALSE(excluded("!foo\n", "foo"));
  EXPECT_TRUE(excluded("!fileutils.go\n*.go\n", "fileutils.go"));
  EXPECT_FALSE(excluded("*.go\n!fileutils.go\n", "fileutils.go"));
}

TEST(DockerIgnore, ExceptionInsideExcludedDirectory) {
  for (const std::string dir : {"docs", "docs/", "docs/*"}) {
    const std::string text = dir + "\n!docs/README.md\n";
    EXPECT_FALSE(excluded(text, "docs/README.md")) << dir;
    EXPECT_TRUE(excluded(text, "docs/other.md")) << dir;
  }
}

// patternmatcher_test.go's multiPatternTests.
TEST(DockerIgnore, MultiPatternCases) {
  EXPECT_FALSE(excluded("**\n!util/docker/web\n", "util/docker/web/foo"));
  EXPECT_TRUE(excluded("**\n!util/docker/web\nutil/docker/web/foo\n", "util/docker/web/foo"));
  EXPECT_FALSE(excluded("**\n!dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl\n",
                        "dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl"));
  EXPECT_FALSE(
      excluded("**\n!dist/*.whl\n", "dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl"));
}

TEST(DockerIgnore, ContextItselfIsNeverExcluded) {
  EXPECT_FALSE(excluded("*\n", "."));
  EXPECT_FALSE(excluded("**\n", ""));
  EXPECT_TRUE(excluded("*\n", "anything"));
}

TEST(DockerIgnore, HasExceptions) {
  auto plain = DockerIgnore::parse("a\nb\n");
  auto with = DockerIgnore::parse("a\n  ! a/keep\n");
  ASSERT_TRUE(plain.ok() && with.ok());
  EXPECT_FALSE(plain->has_exceptions());
  EXPECT_TRUE(with->has_exceptions());
}

TEST(DockerIgnore, KeepAddsAnExceptionOnlyWhenNeeded) {
  auto ignore = DockerIgnore::parse("*\n");
  ASSERT_TRUE(ignore.ok());
  ASSERT_TRUE(ignore.value().keep("Dockerfile").ok());
  EXPECT_FALSE(ignore->excluded("Dockerfile"));
  EXPECT_TRUE(ignore->excluded("other"));
  EXPECT_TRUE(ignore->has_exceptions());

  auto nothing = DockerIgnore::parse("*.log\n");
  ASSERT_TRUE(nothing.ok());
  ASSERT_TRUE(nothing.value().keep("Dockerfile").ok());
  EXPECT_FALSE(nothing->has_exceptions());  // not excluded: no exception added
}

TEST(DockerIgnore, KeepInsideAnExcludedDirectory) {
  auto ignore = DockerIgnore::parse("docker\n");
  ASSERT_TRUE(ignore.ok());
  ASSERT_TRUE(ignore.value().keep("docker/Dockerfile").ok());
  EXPECT_FALSE(ignore->excluded("docker/Dockerfile"));
  EXPECT_TRUE(ignore->excluded("docker"));
  EXPECT_TRUE(ignore->excluded("docker/secret"));
}

// Found by fuzz_dockerignore: each `*` tried every end from every start, so
// these took minutes. Matching is now linear in the pattern times the path,
// and one pass over a path decides its parent directories too.
TEST(DockerIgnore, ManyWildcardsStayFast) {
  std::string stars;
  for (int i = 0; i < 1000; ++i) {
    stars += "*a";
  }
  std::string dirs;
  for (int i = 0; i < 1500; ++i) {
    dirs += "**/";
  }
  std::string deep;
  for (int i = 0; i < 2000; ++i) {
    deep += "a/";
  }
  const auto start = std::chrono::steady_clock::now();
  EXPECT_FALSE(excluded(stars + "*b\n", std::string(4000, 'a')));
  EXPECT_TRUE(excluded(stars + "*b\n", std::string(4000, 'a') + "b"));
  EXPECT_FALSE(excluded(dirs + "b\n", deep + "c"));
  EXPECT_TRUE(excluded(dirs + "b\n", deep + "b/c"));
  EXPECT_FALSE(excluded("**/**/**/*a*a*a*\n", deep + "c"));
  EXPECT_TRUE(excluded("**/**/**/*a*a*a*\n", deep + "xaaay"));
  // Each took over 100 s before, under the sanitizers.
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(20));
}

TEST(DockerIgnore, ParentDirectoriesWithWildcardsAndMultibyteNames) {
  EXPECT_TRUE(excluded("a/*/c\n", "a/b/c/d/e"));
  EXPECT_FALSE(excluded("a/*/c\n", "a/b/x/c"));
  EXPECT_TRUE(excluded("caf?\n", "caf\u00e9/menu.txt"));  // `?` is one character, not a byte
  EXPECT_FALSE(excluded("caf?\n", "caf\u00e9s/menu.txt"));
  EXPECT_TRUE(excluded("?/*\n", "\u00e9/x/y"));
  EXPECT_TRUE(excluded("a?\n", "a\xC3/x"));  // a byte that is not UTF-8 is one character
  EXPECT_TRUE(excluded("[^x]?\n", "\xE2\x82/x"));
}

}  // namespace
}  // namespace berth::engine
