#include "compose/project_name.h"

#include <gtest/gtest.h>

namespace berth::compose {
namespace {

TEST(NormaliseProjectName, LowercasesAndDropsOtherCharacters) {
  EXPECT_EQ(normalise_project_name("MyApp"), "myapp");
  EXPECT_EQ(normalise_project_name("my app!"), "myapp");
  EXPECT_EQ(normalise_project_name("web.site_v2-b"), "website_v2-b");
  EXPECT_EQ(normalise_project_name("\xc3\x9c"
                                   "ber-App"),
            "ber-app");
}

TEST(NormaliseProjectName, DropsLeadingSeparators) {
  EXPECT_EQ(normalise_project_name("__x-y_z"), "x-y_z");
  EXPECT_EQ(normalise_project_name("-.9lives"), "9lives");
  EXPECT_EQ(normalise_project_name("-_-"), "");
  EXPECT_EQ(normalise_project_name(""), "");
}

TEST(IsValidProjectName, AcceptsNormalisedNames) {
  EXPECT_TRUE(is_valid_project_name("a"));
  EXPECT_TRUE(is_valid_project_name("a-b_c"));
  EXPECT_TRUE(is_valid_project_name("1x"));
}

TEST(IsValidProjectName, RejectsOthers) {
  EXPECT_FALSE(is_valid_project_name(""));
  EXPECT_FALSE(is_valid_project_name("-a"));
  EXPECT_FALSE(is_valid_project_name("_a"));
  EXPECT_FALSE(is_valid_project_name("A"));
  EXPECT_FALSE(is_valid_project_name("a.b"));
}

}  // namespace
}  // namespace berth::compose
