#include "compose/variable_listing.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace berth::compose {
namespace {

TEST(VariableListing, FindsEveryFormAndNestedOnes) {
  const auto uses = variables_in("a ${REQ:?need it} $PLAIN ${ALT:+yes} ${DEF-x${INNER}} $$NOT ${B}");
  ASSERT_EQ(uses.size(), 6u);
  EXPECT_EQ(uses[0].name, "REQ");
  EXPECT_TRUE(uses[0].required);
  EXPECT_EQ(uses[1].name, "PLAIN");
  EXPECT_EQ(uses[2].name, "ALT");
  EXPECT_EQ(uses[2].alternate, "yes");
  EXPECT_EQ(uses[3].name, "DEF");
  EXPECT_EQ(uses[3].default_value, "x${INNER}");
  EXPECT_EQ(uses[4].name, "INNER");
  EXPECT_EQ(uses[5].name, "B");
}

TEST(VariableListing, ListsTheFilesVariablesSortedWithTheirValues) {
  const auto dir = std::filesystem::temp_directory_path() / "berth-variable-listing-test";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "compose.yaml") << "services:\n  web:\n    image: \"busybox:${TAG:-latest}\"\n"
                                         "    environment: [\"A=${REQ?}\", \"B=$FROM_ENV_FILE\"]\n";
  std::ofstream(dir / ".env") << "FROM_ENV_FILE=dotenv\n";
  LoadOptions options;
  options.working_dir = dir.string();
  options.environment = {{"REQ", "r"}};
  const auto uses = variables_used(options);
  std::filesystem::remove_all(dir);
  ASSERT_EQ(uses.size(), 3u);
  EXPECT_EQ(uses[0].name, "FROM_ENV_FILE");
  EXPECT_EQ(uses[0].value, "dotenv");
  EXPECT_EQ(uses[1].name, "REQ");
  EXPECT_TRUE(uses[1].required);
  EXPECT_EQ(uses[1].value, "r");
  EXPECT_EQ(uses[2].name, "TAG");
  EXPECT_EQ(uses[2].default_value, "latest");
  EXPECT_FALSE(uses[2].value.has_value());
}

}  // namespace
}  // namespace berth::compose
