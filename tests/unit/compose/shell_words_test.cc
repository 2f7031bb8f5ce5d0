#include "compose/shell_words.h"

#include <gtest/gtest.h>

namespace berth::compose {
namespace {

using Words = std::vector<std::string>;

TEST(SplitShellWords, WhitespaceSeparates) {
  EXPECT_EQ(split_shell_words("echo hello  world"), (Words{"echo", "hello", "world"}));
  EXPECT_EQ(split_shell_words("  a\tb\nc  "), (Words{"a", "b", "c"}));
}

TEST(SplitShellWords, EmptyTextHasNoWords) {
  EXPECT_EQ(split_shell_words(""), Words{});
  EXPECT_EQ(split_shell_words("   "), Words{});
}

TEST(SplitShellWords, SingleQuotesAreLiteral) {
  EXPECT_EQ(split_shell_words("sh -c 'echo $HOME \\n \"x\"'"),
            (Words{"sh", "-c", "echo $HOME \\n \"x\""}));
}

TEST(SplitShellWords, DoubleQuotesGroupAndEscapeOnlySomeCharacters) {
  EXPECT_EQ(split_shell_words("a \"b c\" d"), (Words{"a", "b c", "d"}));
  EXPECT_EQ(split_shell_words("\"q\\\"q\" \"s\\\\s\" \"d\\$d\" \"t\\`t\""),
            (Words{"q\"q", "s\\s", "d$d", "t`t"}));
  // Any other backslash stays, as in a shell.
  EXPECT_EQ(split_shell_words("\"a\\nb\""), (Words{"a\\nb"}));
  // A backslash-newline inside double quotes disappears.
  EXPECT_EQ(split_shell_words("\"a\\\nb\""), (Words{"ab"}));
}

TEST(SplitShellWords, BackslashOutsideQuotesEscapesTheNextCharacter) {
  EXPECT_EQ(split_shell_words("a\\ b c"), (Words{"a b", "c"}));
  EXPECT_EQ(split_shell_words("\\'x\\\""), (Words{"'x\""}));
  EXPECT_EQ(split_shell_words("trailing\\"), (Words{"trailing\\"}));
}

TEST(SplitShellWords, QuotedPartsJoinAdjacentText) {
  EXPECT_EQ(split_shell_words("ab'c d'e\"f g\""), (Words{"abc def g"}));
}

TEST(SplitShellWords, EmptyQuotesMakeEmptyWords) {
  EXPECT_EQ(split_shell_words("a '' \"\""), (Words{"a", "", ""}));
}

TEST(SplitShellWords, UnclosedQuoteIsAnError) {
  EXPECT_EQ(split_shell_words("it's"), std::nullopt);
  EXPECT_EQ(split_shell_words("echo \"abc"), std::nullopt);
  EXPECT_EQ(split_shell_words("echo \"abc\\\""), std::nullopt);
}

}  // namespace
}  // namespace berth::compose
