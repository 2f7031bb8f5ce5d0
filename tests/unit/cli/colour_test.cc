#include "cli/colour.h"

#include <gtest/gtest.h>

namespace berth::cli {
namespace {

TEST(Colour, AutoColoursATerminalUnlessNoColorIsSet) {
  EXPECT_TRUE(colour_decision(AnsiMode::automatic, true, nullptr));
  EXPECT_TRUE(colour_decision(AnsiMode::automatic, true, ""));  // empty counts as unset
  EXPECT_FALSE(colour_decision(AnsiMode::automatic, true, "1"));
  EXPECT_FALSE(colour_decision(AnsiMode::automatic, false, nullptr));
}

TEST(Colour, ExplicitModeBeatsTheEnvironment) {
  EXPECT_TRUE(colour_decision(AnsiMode::always, false, "1"));
  EXPECT_FALSE(colour_decision(AnsiMode::never, true, nullptr));
}

TEST(Colour, ParsesTheOptionsWords) {
  EXPECT_EQ(parse_ansi_mode("never"), AnsiMode::never);
  EXPECT_EQ(parse_ansi_mode("always"), AnsiMode::always);
  EXPECT_EQ(parse_ansi_mode("auto"), AnsiMode::automatic);
  EXPECT_EQ(parse_ansi_mode("sometimes"), std::nullopt);
}

}  // namespace
}  // namespace berth::cli
