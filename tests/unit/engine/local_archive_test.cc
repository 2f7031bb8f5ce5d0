// berth cp's local side: a local tree archived and extracted again, renamed
// on the way, and archives that try to write outside the destination refused.

#include "engine/local_archive.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "engine/tar_reader.h"
#include "engine/tar_writer.h"

namespace berth::engine {
namespace {

namespace fs = std::filesystem;

class LocalArchive : public ::testing::Test {
 protected:
  void SetUp() override {
    m_root = fs::temp_directory_path() / ("berth-archive-" + std::to_string(::getpid()) + "-" +
                                          ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(m_root);
    fs::create_directories(m_root / "src" / "sub");
    fs::create_directories(m_root / "out");
    write(m_root / "src" / "a.txt", "alpha\n");
    write(m_root / "src" / "sub" / "b.txt", "beta\n");
    fs::create_symlink("a.txt", m_root / "src" / "link");
  }
  void TearDown() override { fs::remove_all(m_root); }

  static void write(const fs::path& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
  }
  static std::string read(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
  }

  fs::path m_root;
};

TEST_F(LocalArchive, DirectoryRoundTripsWithItsLinks) {
  auto tar = archive_local_path(m_root / "src", "src", {});
  ASSERT_TRUE(tar) << tar.error().message;
  auto entries = read_tar(*tar);
  ASSERT_TRUE(entries);
  std::vector<std::string> names;
  for (const auto& entry : *entries) {
    names.push_back(entry.name);
  }
  EXPECT_EQ(names, (std::vector<std::string>{"src/", "src/a.txt", "src/link", "src/sub/",
                                             "src/sub/b.txt"}));
  ASSERT_TRUE(extract_tar(*tar, m_root / "out", "", ""));
  EXPECT_EQ(read(m_root / "out" / "src" / "a.txt"), "alpha\n");
  EXPECT_EQ(read(m_root / "out" / "src" / "sub" / "b.txt"), "beta\n");
  EXPECT_EQ(fs::read_symlink(m_root / "out" / "src" / "link"), "a.txt");
}

TEST_F(LocalArchive, RebaseRenamesTheTopEntry) {
  auto tar = archive_local_path(m_root / "src" / "a.txt", "a.txt", {});
  ASSERT_TRUE(tar);
  ASSERT_TRUE(extract_tar(*tar, m_root / "out", "a.txt", "renamed.txt"));
  EXPECT_EQ(read(m_root / "out" / "renamed.txt"), "alpha\n");
  EXPECT_FALSE(fs::exists(m_root / "out" / "a.txt"));
}

TEST_F(LocalArchive, ContentsOnlyAndContentsUnderANewName) {
  auto tar = archive_local_path(m_root / "src", ".", {});
  ASSERT_TRUE(tar);
  ASSERT_TRUE(extract_tar(*tar, m_root / "out", "", ""));
  EXPECT_EQ(read(m_root / "out" / "a.txt"), "alpha\n");
  ASSERT_TRUE(extract_tar(*tar, m_root / "out", ".", "new"));
  EXPECT_EQ(read(m_root / "out" / "new" / "sub" / "b.txt"), "beta\n");
}

TEST_F(LocalArchive, FollowLinkArchivesTheTarget) {
  auto tar = archive_local_path(m_root / "src" / "link", "link", {true, false});
  ASSERT_TRUE(tar);
  auto entries = read_tar(*tar);
  ASSERT_TRUE(entries);
  ASSERT_EQ(entries->size(), 1u);
  EXPECT_EQ(entries->front().kind, TarEntry::Kind::file);
  EXPECT_EQ(entries->front().contents, "alpha\n");
}

TEST_F(LocalArchive, EntriesLeavingTheDestinationAreRefusedBeforeAnyWrite) {
  for (const std::string name : {"../escaped.txt", "/abs.txt", "ok/../../escaped.txt"}) {
    TarWriter writer;
    writer.add_file("first.txt", 0644, 0, "x");
    writer.add_file(name, 0644, 0, "evil");
    auto refused = extract_tar(writer.finish(), m_root / "out", "", "");
    ASSERT_FALSE(refused) << name;
    EXPECT_NE(refused.error().message.find("outside"), std::string::npos) << name;
    EXPECT_FALSE(fs::exists(m_root / "out" / "first.txt")) << name;
  }
  EXPECT_FALSE(fs::exists(m_root / "escaped.txt"));
}

TEST_F(LocalArchive, WritingThroughASymlinkIsRefused) {
  TarWriter writer;
  writer.add_symlink("hop", "..", 0777, 0);
  writer.add_file("hop/escaped.txt", 0644, 0, "evil");
  auto refused = extract_tar(writer.finish(), m_root / "out", "", "");
  ASSERT_FALSE(refused);
  EXPECT_FALSE(fs::exists(m_root / "escaped.txt"));
}

TEST_F(LocalArchive, AFileReplacesALinkInsteadOfWritingThroughIt) {
  fs::create_symlink(m_root / "src" / "a.txt", m_root / "out" / "target");
  TarWriter writer;
  writer.add_file("target", 0644, 0, "new");
  ASSERT_TRUE(extract_tar(writer.finish(), m_root / "out", "", ""));
  EXPECT_EQ(read(m_root / "src" / "a.txt"), "alpha\n");
  EXPECT_EQ(read(m_root / "out" / "target"), "new");
}

TEST(TarReader, ReadsPaxLongNamesAndRefusesGarbage) {
  TarWriter writer;
  const std::string long_name = std::string(150, 'n') + "/" + std::string(120, 'f');
  writer.add_file(long_name, 0600, 7, "data");
  const std::string tar = writer.finish();  // the entries' contents are views into it
  auto entries = read_tar(tar);
  ASSERT_TRUE(entries) << entries.error().message;
  ASSERT_EQ(entries->size(), 1u);
  EXPECT_EQ(entries->front().name, long_name);
  EXPECT_EQ(entries->front().mode, 0600u);
  EXPECT_EQ(entries->front().contents, "data");
  EXPECT_FALSE(read_tar(std::string(512, 'x')));
}

}  // namespace
}  // namespace berth::engine
