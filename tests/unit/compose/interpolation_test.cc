// Variable interpolation: interpolate() on one string, and through the loader
// on a whole file. Expectations marked "1.29.2" were checked by running
// docker-compose 1.29.2 `config` on the same text (A=aval, E= empty, U unset).

#include "compose/interpolation.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "load_helpers.h"

namespace berth::compose {
namespace {

using testing::load;
using testing::load_error;

const std::map<std::string, std::string> k_variables = {{"A", "aval"}, {"E", ""}, {"B", "bval"}};

LoadOptions with_variables(std::map<std::string, std::string> variables) {
  LoadOptions options;
  options.environment = std::move(variables);
  return options;
}

// The interpolated text, or "error: " and the message.
std::string run(const std::string& text) {
  InterpolationResult result = interpolate(text, k_variables);
  return result.error.empty() ? result.text : "error: " + result.error;
}

std::string invalid(const std::string& text) {
  return "error: invalid interpolation format in \"" + text +
         "\" (write \"$$\" for a literal \"$\")";
}

TEST(Interpolate, TextWithoutVariablesIsUnchanged) {
  EXPECT_EQ(run("plain text {}"), "plain text {}");
  EXPECT_EQ(run(""), "");
}

TEST(Interpolate, NamedAndBraced) {
  // 1.29.2: "$A-$$B-${A}x" -> "aval-$B-avalx" (shown escaped as "$$B" by `config`).
  EXPECT_EQ(run("$A-$$B-${A}x"), "aval-$B-avalx");
  EXPECT_EQ(run("${A}${B}"), "avalbval");
  EXPECT_EQ(run("$A.$B/"), "aval.bval/");
}

TEST(Interpolate, NamesAreLettersDigitsAndUnderscores) {
  std::map<std::string, std::string> variables = {{"A_1", "x"}, {"_b", "y"}};
  EXPECT_EQ(interpolate("$A_1-${_b}", variables).text, "x-y");
  // The name ends at the first other character.
  EXPECT_EQ(interpolate("$A_1.suffix", variables).text, "x.suffix");
}

TEST(Interpolate, DoubleDollarIsALiteralDollar) {
  EXPECT_EQ(run("$$"), "$");
  EXPECT_EQ(run("$$$$A"), "$$A");
  EXPECT_EQ(run("$$$A"), "$aval");
  EXPECT_EQ(run("echo $${A}"), "echo ${A}");
}

TEST(Interpolate, UnsetWithoutDefaultIsEmptyAndReported) {
  // 1.29.2: "$U" and "${U}${U}" -> "", one warning "The U variable is not set...".
  InterpolationResult result = interpolate("[$U][${U}][${V}]", k_variables);
  EXPECT_EQ(result.text, "[][][]");
  EXPECT_EQ(result.unset, (std::vector<std::string>{"U", "V"}));
  EXPECT_TRUE(result.error.empty());
}

TEST(Interpolate, ColonDashDefaultsWhenUnsetOrEmpty) {
  // 1.29.2: "${X:-dflt}" -> "dflt", "${E:-d}" -> "d", "${A:-a}b}" -> "avalb}".
  EXPECT_EQ(run("${U:-dflt}"), "dflt");
  EXPECT_EQ(run("${E:-d}"), "d");
  EXPECT_EQ(run("${A:-d}"), "aval");
  EXPECT_EQ(run("${A:-a}b}"), "avalb}");
  EXPECT_EQ(run("${U:-}"), "");
  EXPECT_TRUE(interpolate("${U:-x}", k_variables).unset.empty());
}

TEST(Interpolate, DashDefaultsOnlyWhenUnset) {
  // 1.29.2: "${X-dash}" -> "dash", "${E-d}" -> "", "${A-}" -> "aval".
  EXPECT_EQ(run("${U-dash}"), "dash");
  EXPECT_EQ(run("${E-d}"), "");
  EXPECT_EQ(run("${A-}"), "aval");
}

TEST(Interpolate, DefaultsMayHoldSpacesAndPunctuation) {
  EXPECT_EQ(run("${U:-a b:c/d-e?f}"), "a b:c/d-e?f");
}

TEST(Interpolate, PlusGivesTheAlternativeWhenSet) {
  EXPECT_EQ(run("${A:+alt}"), "alt");
  EXPECT_EQ(run("${E:+alt}"), "");
  EXPECT_EQ(run("${U:+alt}"), "");
  EXPECT_EQ(run("${A+alt}"), "alt");
  EXPECT_EQ(run("${E+alt}"), "alt");
  EXPECT_EQ(run("${U+alt}"), "");
}

TEST(Interpolate, NestedInDefaultsAndAlternatives) {
  EXPECT_EQ(run("${U:-${B:-x}}"), "bval");
  EXPECT_EQ(run("${U:-${V:-x}}"), "x");
  EXPECT_EQ(run("${U:-${V:-${A}}}-end"), "aval-end");
  EXPECT_EQ(run("${A:+[$B]}"), "[bval]");
  EXPECT_EQ(run("${U:-$$}"), "$");
  EXPECT_EQ(run("${U:-$A}"), "aval");
}

TEST(Interpolate, UnusedBranchesLookNothingUp) {
  InterpolationResult result = interpolate("${A:-${V}}${U:+$W}${A?${X}}", k_variables);
  EXPECT_EQ(result.text, "avalaval");
  EXPECT_TRUE(result.unset.empty());
  EXPECT_TRUE(result.error.empty());
}

TEST(Interpolate, RequiredVariables) {
  // 1.29.2: "${A:?}" -> "aval"; "${E?}" -> ""; "${U:?must set}" -> error "must set";
  // "${U?}" -> error naming U; "${E:?empty}" -> error "empty".
  EXPECT_EQ(run("${A:?}"), "aval");
  EXPECT_EQ(run("${E?}"), "");
  EXPECT_EQ(run("${U:?must set}"), "error: required variable \"U\" is missing: must set");
  EXPECT_EQ(run("${U?}"), "error: required variable \"U\" is missing");
  EXPECT_EQ(run("${E:?empty}"), "error: required variable \"E\" is missing: empty");
  EXPECT_EQ(run("${U?set ${A}}"), "error: required variable \"U\" is missing: set aval");
}

TEST(Interpolate, InvalidSyntax) {
  // 1.29.2 rejects every one of these as "Invalid interpolation format".
  for (const char* text : {"${", "${A", "${1A}", "$1A", "a $ b", "a$", "${}", "${A:x}", "${A B}",
                           "${A:-x", "${U:-${B}"}) {
    EXPECT_EQ(run(text), invalid(text)) << text;
  }
}

TEST(Interpolate, SyntaxErrorsInUnusedBranchesStillCount) {
  EXPECT_EQ(run("${A:-$1}"), invalid("${A:-$1}"));
}

TEST(Interpolate, ARequiredVariableInAnUnusedBranchIsStillAnError) {
  // compose v2 2.26.1 evaluates defaults and alternatives whether used or not:
  // "required variable UNSET is missing a value: boom" for each of these.
  EXPECT_EQ(run("${A:-${U:?boom}}"), "error: required variable \"U\" is missing: boom");
  EXPECT_EQ(run("${A:+x}${U:+${V:?plus}}"), "error: required variable \"V\" is missing: plus");
  EXPECT_EQ(run("${A:?${U:?inner}}"), "error: required variable \"U\" is missing: inner");
  EXPECT_EQ(run("${U:-${A:?boom}}"), "aval");
}

// "${A:-${A:-...x}}", `depth` levels.
std::string nested(int depth) {
  std::string text;
  for (int i = 0; i < depth; ++i) {
    text += "${U:-";
  }
  return text + "x" + std::string(depth, '}');
}

TEST(Interpolate, ThousandsOfLevelsOfNesting) {
  // compose v2 takes 1000 levels; berth 2000.
  EXPECT_EQ(run(nested(1000)), "x");
  EXPECT_EQ(run(nested(2000)), "x");
}

TEST(Interpolate, DeeperNestingIsRefusedNotACrashAndQuotedShort) {
  const std::string text = nested(10000);
  const std::string error = run(text);
  EXPECT_EQ(error, "error: interpolation nested more than 2000 levels deep in \"" +
                       text.substr(0, 100) + "\u2026\"");
}

TEST(Interpolate, InvalidFormatQuotesAnExcerptOfALongValue) {
  const std::string text = std::string(3000, 'a') + "${";
  EXPECT_EQ(run(text), "error: invalid interpolation format in \"" + std::string(100, 'a') +
                           "\u2026\" (write \"$$\" for a literal \"$\")");
}

TEST(InterpolateFile, ValuesButNotKeys) {
  Project project = load(
      "services:\n"
      "  web:\n"
      "    image: \"busybox:${A}\"\n"
      "    environment:\n"
      "      $A: ${B}\n",
      with_variables({{"A", "aval"}, {"B", "bval"}}));
  ASSERT_EQ(project.services.size(), 1u);
  EXPECT_EQ(project.services[0].image, "busybox:aval");
  ASSERT_EQ(project.services[0].environment.size(), 1u);
  EXPECT_EQ(project.services[0].environment[0].first, "$A");
  EXPECT_EQ(project.services[0].environment[0].second, "bval");
}

TEST(InterpolateFile, SequencesAndLegacyFormat) {
  Project project = load(
      "web:\n"
      "  image: busybox\n"
      "  command: [echo, $A, \"$${A}\"]\n"
      "  ports: [\"${PORT}:80\"]\n",
      with_variables({{"A", "aval"}, {"PORT", "8080"}}));
  ASSERT_EQ(project.services.size(), 1u);
  EXPECT_EQ(*project.services[0].command, (std::vector<std::string>{"echo", "aval", "${A}"}));
  ASSERT_EQ(project.services[0].ports.size(), 1u);
  EXPECT_EQ(project.services[0].ports[0].host_start, 8080);
}

TEST(InterpolateFile, ScalarsKeepWhetherTheyWereQuoted) {
  // An unquoted "${EXT}" that becomes "true" is a boolean; a quoted one is a string.
  auto file = [](const std::string& external) {
    return "services:\n  web:\n    image: busybox\nvolumes:\n  data:\n    external: " + external +
           "\n";
  };
  std::string unquoted = file("${EXT}");
  std::string quoted = file("\"${EXT}\"");
  Project project = load(unquoted, with_variables({{"EXT", "true"}}));
  ASSERT_EQ(project.volumes.size(), 1u);
  EXPECT_TRUE(project.volumes[0].external);
  EXPECT_EQ(load_error(quoted, with_variables({{"EXT", "true"}})),
            "compose.yaml:6:15: volumes.data.external: expected true or false, got \"true\"");
}

TEST(InterpolateFile, TopLevelExtensionsAreLeftAlone) {
  // 1.29.2 interpolates only services, volumes, networks, secrets and configs.
  Project project = load(
      "x-unused: \"$1\"\n"
      "services:\n"
      "  web:\n"
      "    image: busybox\n");
  EXPECT_TRUE(project.warnings.empty());
}

TEST(InterpolateFile, UnsetVariablesBecomeWarningsOncePerName) {
  Project project = load(
      "services:\n"
      "  web:\n"
      "    image: busybox$TAG\n"
      "    hostname: ${TAG}${HOST}\n");
  EXPECT_EQ(project.services[0].image, "busybox");
  EXPECT_EQ(project.warnings,
            (std::vector<std::string>{
                "The \"TAG\" variable is not set. Defaulting to a blank string.",
                "The \"HOST\" variable is not set. Defaulting to a blank string."}));
}

TEST(InterpolateFile, MissingRequiredVariableIsPositioned) {
  EXPECT_EQ(load_error("services:\n"
                       "  web:\n"
                       "    image: \"busybox:${TAG:?set TAG to the release}\"\n"),
            "compose.yaml:3:12: services.web.image: required variable \"TAG\" is missing: set "
            "TAG to the release");
}

TEST(InterpolateFile, InvalidFormatIsPositionedAndEveryOneReported) {
  EXPECT_EQ(load_error("services:\n"
                       "  web:\n"
                       "    image: busybox\n"
                       "    command: [echo, \"${\"]\n"
                       "    environment:\n"
                       "      - X=${1A}\n"),
            "compose.yaml:4:21: services.web.command[1]: invalid interpolation format in \"${\" "
            "(write \"$$\" for a literal \"$\")\n"
            "compose.yaml:6:9: services.web.environment[0]: invalid interpolation format in "
            "\"X=${1A}\" (write \"$$\" for a literal \"$\")");
}

TEST(InterpolateFile, ALoneDollarIsLiteralWithServicesAsInComposeV2) {
  // compose v2 2.26.1 keeps "$(", "$2" and a final "$" as written (bcrypt
  // hashes as defaults, shell in commands); "${" stays an error.
  Project project = load("services:\n"
                         "  web:\n"
                         "    image: busybox\n"
                         "    command: [\"$(date)\", \"${E:-$2a$14$.1}\", \"end$\", \"$-x\", "
                         "\"abc$\", \"${X:-$}\", \"$-\"]\n");
  // compose v2 prints these as "abc$$", "$$" and "$$-": the "$" kept.
  EXPECT_EQ(*project.services[0].command,
            (std::vector<std::string>{"$(date)", "$2a$14$.1", "end$", "$-x", "abc$", "$", "$-"}));
  EXPECT_NE(load_error("services:\n  web:\n    image: \"${1}\"\n"), "");
}

TEST(InterpolateFile, ALoneDollarIsAnErrorInFigV1AsIn1_29_2) {
  EXPECT_EQ(load_error("web:\n  image: busybox\n  command: \"$(date)\"\n"),
            "compose.yaml:3:12: web.command: invalid interpolation format in \"$(date)\" "
            "(write \"$$\" for a literal \"$\")");
}

TEST(InterpolateFile, ErrorsInTheLegacyFormatUseItsKeyPaths) {
  EXPECT_EQ(load_error("web:\n"
                       "  image: ${IMAGE?}\n"),
            "compose.yaml:2:10: web.image: required variable \"IMAGE\" is missing");
}

}  // namespace
}  // namespace berth::compose
