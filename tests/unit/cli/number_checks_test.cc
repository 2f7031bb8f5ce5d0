// Numeric options say their real bound, not CLI11's "not in range 0.000000
// to 1797..." with the largest double written out.

#include "cli/number_checks.h"

#include <gtest/gtest.h>

#include <CLI/CLI.hpp>

#include "cli/exit_codes.h"
#include "cli/scale_argument.h"

namespace berth::cli {
namespace {

// The error CLI11 reports for `--value TEXT`, or "" when accepted.
std::string parse_error(const CLI::Validator& check, const std::string& text) {
  CLI::App app;
  std::string value;
  app.add_option("-t,--value", value)->check(check);
  try {
    app.parse(std::vector<std::string>{text, "--value"});
  } catch (const CLI::ParseError& error) {
    return error.what();
  }
  return "";
}

TEST(NumberChecks, AtLeastStatesItsBound) {
  EXPECT_EQ(parse_error(at_least(0), "0"), "");
  EXPECT_EQ(parse_error(at_least(0), "15"), "");
  EXPECT_EQ(parse_error(at_least(0), "-1"), "--value: must be 0 or more, got \"-1\"");
  EXPECT_EQ(parse_error(at_least(1), "0"), "--value: must be 1 or more, got \"0\"");
  EXPECT_EQ(parse_error(at_least(1), "x"), "--value: must be 1 or more, got \"x\"");
  EXPECT_EQ(parse_error(at_least(1), "1.5"), "--value: must be 1 or more, got \"1.5\"");
}

TEST(NumberChecks, AtLeastOrAWord) {
  EXPECT_EQ(parse_error(at_least_or(0, "all"), "all"), "");
  EXPECT_EQ(parse_error(at_least_or(0, "all"), "5"), "");
  EXPECT_EQ(parse_error(at_least_or(0, "all"), "-5"),
            "--value: must be 0 or more or \"all\", got \"-5\"");
}

TEST(ScaleArguments, ANegativeNumberIsAUsageError) {
  EXPECT_THROW(parse_scale_arguments({"web=-1"}), UsageError);
  EXPECT_THROW(parse_scale_arguments({"web"}), UsageError);
  EXPECT_EQ(parse_scale_arguments({"web=2"}).at("web"), 2);
}

}  // namespace
}  // namespace berth::cli
