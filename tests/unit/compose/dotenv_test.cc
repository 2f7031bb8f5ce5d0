// parse_dotenv(): the env-file format. Every expectation here was checked
// against python-dotenv 0.21.0's dotenv_values(), the parser docker-compose
// 1.29.2 uses (and, for the marked ones, against `docker-compose config`).

#include "compose/dotenv.h"

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <map>
#include <string>

namespace berth::compose {
namespace {

// "KEY=value" per variable, "KEY" for one without a value, joined by "|";
// then each diagnostic as "!message" with its position.
std::string parse(const std::string& text, const std::map<std::string, std::string>& env = {}) {
  DotenvResult result = parse_dotenv(text, "a.env", env);
  std::string out;
  for (const EnvVariable& variable : result.variables) {
    out += (out.empty() ? "" : "|") + variable.key + (variable.value ? "=" + *variable.value : "");
  }
  for (const Diagnostic& diagnostic : result.diagnostics) {
    out += "!" + format_diagnostic(diagnostic);
  }
  return out;
}

TEST(Dotenv, KeyValueLines) {
  EXPECT_EQ(parse("A=1\nB=two words\n"), "A=1|B=two words");
  EXPECT_EQ(parse("A=1"), "A=1");  // no final newline
  EXPECT_EQ(parse(""), "");
}

TEST(Dotenv, CommentsAndBlankLines) {
  EXPECT_EQ(parse("# comment\n\n   \nA=1\n  # indented comment\n#B=2\n"), "A=1");
}

TEST(Dotenv, WhitespaceAroundKeysAndValues) {
  // 1.29.2: "  W =  w w  " -> W: "w w".
  EXPECT_EQ(parse("  W =  w w  \n\tX\t=\tx\n"), "W=w w|X=x");
}

TEST(Dotenv, ExportPrefix) {
  // 1.29.2: "export EX=ex" -> EX, "  export  SPACED = v1" -> SPACED, "export=exp" -> export.
  EXPECT_EQ(parse("export EX=ex\n  export  SPACED = v1   # c\nexport=exp\nexport K\n"),
            "EX=ex|SPACED=v1|export=exp|K");
}

TEST(Dotenv, UnquotedValuesLoseCommentsAfterWhitespaceOnly) {
  // 1.29.2: "C=c # comment" -> "c", "D=d#nc" -> "d#nc".
  EXPECT_EQ(parse("C=c # comment\nD=d#nc\nE=e\t#tab\nF=a #b #c\n"), "C=c|D=d#nc|E=e|F=a");
  // The whitespace right after "=" belongs to the "=", so this "#" starts the value.
  EXPECT_EQ(parse("G= #x\n"), "G=#x");
}

TEST(Dotenv, EmptyValues) {
  EXPECT_EQ(parse("A=\nB=   \nC=''\nD=\"\"\n"), "A=|B=|C=|D=");
}

TEST(Dotenv, DoubleQuotedValuesHaveEscapes) {
  // 1.29.2: Q="q\nline" # c -> "q", newline, "line".
  EXPECT_EQ(parse("Q=\"q\\nline\" # c\n"), "Q=q\nline");
  EXPECT_EQ(parse("A=\"tab\\there \\\"quoted\\\" \\\\ \\'\"\n"), "A=tab\there \"quoted\" \\ '");
  EXPECT_EQ(parse("A=\"x\\qy\"\n"), "A=x\\qy");  // unknown escapes stay
  EXPECT_EQ(parse("A=\"  spaced # not a comment  \"\n"), "A=  spaced # not a comment  ");
}

TEST(Dotenv, SingleQuotedValuesAreLiteral) {
  // 1.29.2: S='s\n${Sh}' -> "s\n" literally, then ${Sh} resolved.
  EXPECT_EQ(parse("S='s\\n$X'\n"), "S=s\\n$X");
  EXPECT_EQ(parse("S='it\\'s'\n"), "S=it's");
}

TEST(Dotenv, QuotedValuesMaySpanLines) {
  // 1.29.2: X="multi\nline" over two lines.
  EXPECT_EQ(parse("X=\"multi\nline\"\nY=after\n"), "X=multi\nline|Y=after");
}

TEST(Dotenv, BackslashQuoteClosesWhenNothingElseDoes) {
  // The regex backtracks: 'a\' is "a\" and "a\\" (double) is "a\".
  EXPECT_EQ(parse("K='a\\'\n"), "K=a\\");
  EXPECT_EQ(parse("K=\"a\\\\\"\n"), "K=a\\");
}

TEST(Dotenv, KeyAloneHasNoValue) {
  // 1.29.2: "K" alone in an env_file is null unless the shell has K.
  EXPECT_EQ(parse("K\nL #comment\nM#x=1\n"), "K|L|M");
}

TEST(Dotenv, QuotedKeys) {
  EXPECT_EQ(parse("'a b'=1\n"), "a b=1");
}

TEST(Dotenv, LaterValuesWinButKeepTheFirstPlace) {
  EXPECT_EQ(parse("A=1\nB=2\nA=3\n"), "A=3|B=2");
  EXPECT_EQ(parse("A=1\nA\n"), "A");
}

TEST(Dotenv, WindowsLineEndingsAndByteOrderMark) {
  EXPECT_EQ(parse("\xEF\xBB\xBF"
                  "A=1\r\nB=\"x\"\r\nC=3\r"),
            "A=1|B=x|C=3");
}

TEST(Dotenv, BracedVariablesAreResolved) {
  // 1.29.2, env_file "I=${Sh}-${NOPE:-nd}-${A1}" with Sh=shell -> "shell-nd-a";
  // "U=$Sh" stays as written; "${A:=x}" stays; "${}" is empty.
  std::map<std::string, std::string> env = {{"Sh", "shell"}, {"E", ""}};
  EXPECT_EQ(parse("A1=a\nI=${Sh}-${NOPE:-nd}-${A1}\nU=$Sh\nM=${A:=x}\nN=${}\n", env),
            "A1=a|I=shell-nd-a|U=$Sh|M=${A:=x}|N=");
  // A set but empty variable stays empty, even with ":-".
  EXPECT_EQ(parse("X=${E:-d}\n", env), "X=");
  // Quoted values too.
  EXPECT_EQ(parse("S='${Sh}'\nD=\"${Sh}\"\n", env), "S=shell|D=shell");
}

TEST(Dotenv, EarlierKeysOfTheFileBeatTheEnvironment) {
  // 1.29.2: "A1=later" then "J=${A1}" -> "later"; a key alone counts as "".
  std::map<std::string, std::string> env = {{"A1", "shell"}, {"K", "shell"}};
  EXPECT_EQ(parse("I=${A1}\nA1=later\nJ=${A1}\nK\nL=${K}\n", env), "I=shell|A1=later|J=later|K|L=");
}

TEST(Dotenv, LinesThatAreNotKeyValueAreErrors) {
  // python-dotenv only warns ("could not parse statement starting at line N")
  // and skips the line; berth refuses the file instead.
  // The line itself is never shown (it may hold a secret): its number and key only.
  EXPECT_EQ(parse("A=1\n\nBAD LINE\nB=2\n"),
            "A=1|B=2!a.env:3: expected KEY=value (key \"BAD\")");
  EXPECT_EQ(parse("=x\nY=1\n"), "Y=1!a.env:1: expected KEY=value");
  EXPECT_EQ(parse("K=\"a\" b\n"), "!a.env:1: expected KEY=value (key \"K\")");
  EXPECT_EQ(parse("''=1\n"), "!a.env:1: expected KEY=value");
  EXPECT_EQ(parse("PASSWORD=\"s3cr3t\" trailing\n"),
            "!a.env:1: expected KEY=value (key \"PASSWORD\")");
  EXPECT_EQ(parse(std::string(100, 'K') + " x\n"),
            "!a.env:1: expected KEY=value (key \"" + std::string(40, 'K') + "...\")");
  // A quoted key may span lines: it is cut at the first control character.
  EXPECT_EQ(parse("'ab\ncd' x\n"), "!a.env:1: expected KEY=value (key \"ab...\")");
}

TEST(Dotenv, UnclosedQuotesAreErrors) {
  EXPECT_EQ(parse("A=1\nX=\"abc\nY=2\n"), "A=1|Y=2!a.env:2: the value of \"X\" has no closing \"");
  EXPECT_EQ(parse("X='abc\n"), "!a.env:1: the value of \"X\" has no closing '");
}

// issue 19: parsing was quadratic (10 MB took 16.8 s): in the number of
// keys (each new key was looked for among all before it) and in the length of
// a value full of "${" (each searched to the end for its "}"). Linear, 10 MB
// of distinct keys takes ~1 s in a release build on the 2-core machine (the
// bound is 4 s: the quadratic parser took 16.8 s); in the sanitizer build on a busy machine a
// few seconds, where the quadratic parser took hours. The sanitizer build
// reads 2 MB (still minutes for the quadratic one) within a scaled bound.
#if defined(__SANITIZE_ADDRESS__)
constexpr size_t k_large = 2 * 1000 * 1000;
constexpr double k_max_seconds = 8.0;
#else
constexpr size_t k_large = 10 * 1000 * 1000;
constexpr double k_max_seconds = 4.0;
#endif

double seconds_to_parse(const std::string& text) {
  const auto start = std::chrono::steady_clock::now();
  DotenvResult result = parse_dotenv(text, "big.env", {});
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_FALSE(result.variables.empty());
  return seconds;
}

std::string repeated(const std::string& unit) {
  std::string text;
  text.reserve(k_large + unit.size());
  while (text.size() < k_large) {
    text += unit;
  }
  return text;
}

TEST(DotenvLarge, ManyDistinctKeysParseInLinearTime) {
  std::string text;
  for (int i = 0; text.size() < k_large; ++i) {
    text += "K" + std::to_string(i) + "=" + std::to_string(i) + "\n";
  }
  EXPECT_LT(seconds_to_parse(text), k_max_seconds);
  DotenvResult result = parse_dotenv(text + "K0=again\n", "big.env", {});
  EXPECT_EQ(result.variables.front().key, "K0");
  EXPECT_EQ(result.variables.front().value, "again");
  EXPECT_EQ(result.variables.back().value, result.variables.back().key.substr(1));
}

TEST(DotenvLarge, ValuesFullOfInterpolationParseInLinearTime) {
  // "${" with nothing to close them, or one ":" or "}" at the very end.
  EXPECT_LT(seconds_to_parse("V=" + repeated("${")), k_max_seconds);
  EXPECT_LT(seconds_to_parse("V=" + repeated("${") + ":x"), k_max_seconds);
  EXPECT_LT(seconds_to_parse("V=" + repeated("${a:-") + "}"), k_max_seconds);
  EXPECT_LT(seconds_to_parse("V=\"" + repeated("${:") + "\""), k_max_seconds);
}

TEST(DotenvLarge, ResolvingKeepsItsMeaning) {
  std::map<std::string, std::string> env = {{"S", "shell"}};
  EXPECT_EQ(parse("V=${${S}\n", env), "V=");  // the name is "${S"
  EXPECT_EQ(parse("V=${S:x}${S}\n", env), "V=${S:x}shell");
  EXPECT_EQ(parse("V=${a:-${S}\n", env), "V=${S");
  EXPECT_EQ(parse("V=${:-d}${N:-${}\n", env), "V=d${");
  EXPECT_EQ(parse("V=${${${\n", env), "V=${${${");
}

}  // namespace
}  // namespace berth::compose
