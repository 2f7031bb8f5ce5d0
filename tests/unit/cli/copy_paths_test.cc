// berth cp's arguments and where a copy lands, by docker cp's rules.

#include "cli/copy_paths.h"

#include <gtest/gtest.h>

namespace berth::cli {
namespace {

TEST(CopyPaths, ArgumentsAsDockerCpSplitsThem) {
  EXPECT_EQ(parse_copy_argument("web:/etc/hosts").service, "web");
  EXPECT_EQ(parse_copy_argument("web:/etc/hosts").path, "/etc/hosts");
  EXPECT_FALSE(parse_copy_argument("/tmp/a:b").in_container());  // absolute: local
  EXPECT_FALSE(parse_copy_argument("./a:b").in_container());     // starts with '.': local
  EXPECT_FALSE(parse_copy_argument("file.txt").in_container());
  EXPECT_FALSE(parse_copy_argument("-").in_container());
  EXPECT_EQ(parse_copy_argument("web:").path, "");
}

TEST(CopyPaths, BaseAndParent) {
  EXPECT_EQ(path_base("/a/b"), "b");
  EXPECT_EQ(path_base("/a/b/"), "b");
  EXPECT_EQ(path_base("/a/b/."), "b");
  EXPECT_EQ(path_base("b"), "b");
  EXPECT_EQ(path_parent("/a/b"), "/a");
  EXPECT_EQ(path_parent("/a/b/"), "/a");
  EXPECT_EQ(path_parent("b"), ".");
  EXPECT_EQ(path_parent("/b"), "/");
  EXPECT_TRUE(copies_contents("/a/."));
  EXPECT_FALSE(copies_contents("/a/"));
}

TEST(CopyPaths, ExistingDirectoryReceivesTheSourceUnderItsName) {
  auto placed = place_copy(false, "/srv", {true, true});
  ASSERT_TRUE(placed.placement);
  EXPECT_EQ(placed.placement->directory, "/srv");
  EXPECT_EQ(placed.placement->name, "");
}

TEST(CopyPaths, FileOverAFileOrANewPathIsARename) {
  auto over = place_copy(false, "/srv/x.txt", {true, false});
  ASSERT_TRUE(over.placement);
  EXPECT_EQ(over.placement->directory, "/srv");
  EXPECT_EQ(over.placement->name, "x.txt");
  auto fresh = place_copy(true, "out/newdir", {});
  ASSERT_TRUE(fresh.placement);
  EXPECT_EQ(fresh.placement->directory, "out");
  EXPECT_EQ(fresh.placement->name, "newdir");
}

TEST(CopyPaths, RefusedAsDockerCpRefuses) {
  EXPECT_EQ(place_copy(true, "/srv/x.txt", {true, false}).error,
            "cannot copy a directory to a file: /srv/x.txt");
  EXPECT_EQ(place_copy(false, "/srv/nope/", {}).error, "no such directory: /srv/nope/");
  EXPECT_EQ(place_copy(false, "/srv/x.txt/", {true, false}).error, "not a directory: /srv/x.txt/");
  EXPECT_TRUE(place_copy(true, "/srv/new/", {}).placement);  // a directory makes it
}

}  // namespace
}  // namespace berth::cli
