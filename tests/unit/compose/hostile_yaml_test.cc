// Inputs built to hurt the loader end in one clear error, never a crash.
// (The first was found by the fuzzer: an alias used inside its own anchor.)

#include <gtest/gtest.h>

#include "load_helpers.h"

namespace berth::compose::testing {
namespace {

TEST(HostileYaml, AliasInsideItsOwnAnchorIsAnErrorNotARecursion) {
  const std::string text =
      "x-common: &common\n"
      "  image: busybox\n"
      "  services:\n"
      "  one:\n"
      "    <<: *common\n";
  EXPECT_NE(load_error(text).find("levels deep (or an alias refers to its own anchor)"),
            std::string::npos)
      << load_error(text);
}

TEST(HostileYaml, DeepNestingIsAnError) {
  std::string text = "services:\n  web:\n    image: busybox\n    labels:\n      a: ";
  for (int i = 0; i < 300; ++i) {
    text += "[";
  }
  for (int i = 0; i < 300; ++i) {
    text += "]";
  }
  text += "\n";
  EXPECT_NE(load_error(text).find("nested more than 200 levels deep"), std::string::npos)
      << load_error(text);
}

TEST(HostileYaml, AliasBombIsRefused) {
  std::string text = "x-a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  std::string previous = "a";
  for (int level = 0; level < 8; ++level) {
    const std::string name = "l" + std::to_string(level);
    text += "x-" + name + ": &" + name + " [";
    for (int i = 0; i < 10; ++i) {
      text += std::string(i ? ", " : "") + "*" + previous;
    }
    text += "]\n";
    previous = name;
  }
  text += "services:\n  web:\n    image: busybox\n";
  EXPECT_NE(load_error(text).find("document too large after expanding aliases"),
            std::string::npos)
      << load_error(text);
}

}  // namespace
}  // namespace berth::compose::testing
