// TarWriter: what it writes reads back (with a small reader of our own) as
// the same entries, long names and link targets included, in the format
// docker's CLI sends: ustar, owner 0:0, no user names, two zero blocks.

#include "engine/tar_writer.h"

#include <gtest/gtest.h>

#include "tests/unit/engine/tar_reader.h"

namespace berth::engine {
namespace {

using testing::read_tar;

TEST(TarWriter, EmptyArchiveIsTwoZeroBlocks) {
  TarWriter writer;
  EXPECT_EQ(writer.finish(), std::string(1024, '\0'));
}

TEST(TarWriter, RegularFileReadsBack) {
  TarWriter writer;
  writer.add_file("src/main.cc", 0644, 1700000000, "int main() {}\n");
  const std::string tar = writer.finish();
  EXPECT_EQ(tar.size(), 512u + 512u + 1024u);

  const auto archive = read_tar(tar);
  ASSERT_EQ(archive.error, "");
  ASSERT_EQ(archive.entries.size(), 1u);
  const auto& entry = archive.entries[0];
  EXPECT_EQ(entry.name, "src/main.cc");
  EXPECT_EQ(entry.type, '0');
  EXPECT_EQ(entry.mode, 0644u);
  EXPECT_EQ(entry.mtime, 1700000000);
  EXPECT_EQ(entry.contents, "int main() {}\n");
  EXPECT_FALSE(entry.had_pax);
}

TEST(TarWriter, OwnerIsRootWithoutNames) {
  TarWriter writer;
  writer.add_file("a", 0600, 1, "x");
  const auto archive = read_tar(writer.finish());
  ASSERT_EQ(archive.error, "");
  EXPECT_EQ(archive.entries[0].uid, 0u);
  EXPECT_EQ(archive.entries[0].gid, 0u);
  EXPECT_EQ(archive.entries[0].uname, "");
  EXPECT_EQ(archive.entries[0].gname, "");
}

TEST(TarWriter, OwnedFileCarriesItsOwner) {
  TarWriter writer;
  writer.add_owned_file("run/secrets/token", 0400, 1, "t0k", 1234, 5678);
  const auto archive = read_tar(writer.finish());
  ASSERT_EQ(archive.error, "");
  ASSERT_EQ(archive.entries.size(), 1u);
  EXPECT_EQ(archive.entries[0].uid, 1234u);
  EXPECT_EQ(archive.entries[0].gid, 5678u);
  EXPECT_EQ(archive.entries[0].mode, 0400u);
  EXPECT_EQ(archive.entries[0].contents, "t0k");
  EXPECT_FALSE(archive.entries[0].had_pax);
}

TEST(TarWriter, HeaderFieldsAreOctalWithTerminator) {
  TarWriter writer;
  writer.add_file("a", 04755, 8, "hello");
  const std::string tar = writer.finish();
  EXPECT_EQ(tar.substr(100, 8), std::string("0004755\0", 8));
  EXPECT_EQ(tar.substr(124, 12), std::string("00000000005\0", 12));
  EXPECT_EQ(tar.substr(136, 12), std::string("00000000010\0", 12));
  EXPECT_EQ(tar.substr(257, 8), std::string("ustar\0"
                                            "00",
                                            8));
  EXPECT_EQ(tar.substr(512, 5), "hello");
  EXPECT_EQ(tar.substr(517, 507), std::string(507, '\0'));  // padded to the block
}

TEST(TarWriter, EmptyFileHasNoDataBlock) {
  TarWriter writer;
  writer.add_file("empty", 0644, 0, "");
  writer.add_file("next", 0644, 0, "n");
  const std::string tar = writer.finish();
  EXPECT_EQ(tar.size(), 512u + 512u + 512u + 1024u);
  const auto archive = read_tar(tar);
  ASSERT_EQ(archive.error, "");
  EXPECT_EQ(archive.names(), (std::vector<std::string>{"empty", "next"}));
  EXPECT_EQ(archive.entries[0].contents, "");
}

TEST(TarWriter, ContentsOfExactlyOneBlock) {
  TarWriter writer;
  writer.add_file("block", 0644, 0, std::string(512, 'b'));
  const auto archive = read_tar(writer.finish());
  ASSERT_EQ(archive.error, "");
  EXPECT_EQ(archive.entries[0].contents, std::string(512, 'b'));
}

TEST(TarWriter, BinaryContentsSurvive) {
  std::string contents;
  for (int i = 0; i < 2000; ++i) {
    contents.push_back(static_cast<char>(i % 256));
  }
  TarWriter writer;
  writer.add_file("bin", 0755, 0, contents);
  const auto archive = read_tar(writer.finish());
  ASSERT_EQ(archive.error, "");
  EXPECT_EQ(archive.entries[0].contents, contents);
}

TEST(TarWriter, DirectoryGetsTrailingSlash) {
  TarWriter writer;
  writer.add_directory("src", 0755, 5);
  writer.add_directory("already/", 0700, 5);
  const auto archive = read_tar(writer.finish());
  ASSERT_EQ(archive.error, "");
  EXPECT_EQ(archive.names(), (std::vector<std::string>{"src/", "already/"}));
  EXPECT_EQ(archive.entries[0].type, '5');
  EXPECT_EQ(archive.entries[0].mode, 0755u);
  EXPECT_EQ(archive.entries[0].contents, "");
}

TEST(TarWriter, SymlinkKeepsItsTarget) {
  TarWriter writer;
  writer.add_symlink("passwd", "/etc/passwd", 0777, 9);
  const auto archive = read_tar(writer.finish());
  ASSERT_EQ(archive.error, "");
  const auto& entry = archive.entries[0];
  EXPECT_EQ(entry.type, '2');
  EXPECT_EQ(entry.link_target, "/etc/passwd");
  EXPECT_EQ(entry.contents, "");
  EXPECT_FALSE(entry.had_pax);
}

TEST(TarWriter, Name100BytesFitsTheNameField) {
  const std::string name(100, 'n');
  TarWriter writer;
  writer.add_file(name, 0644, 0, "x");
  const std::string tar = writer.finish();
  const auto archive = read_tar(tar);
  ASSERT_EQ(archive.error, "");
  EXPECT_EQ(archive.entries[0].name, name);
  EXPECT_FALSE(archive.entries[0].had_pax);
  EXPECT_EQ(tar.substr(345, 155), std::string(155, '\0'));  // no prefix
}

TEST(TarWriter, Path150CharsIsSplitIntoPrefixAndName) {
  const std::string directory = std::string(60, 'd') + "/" + std::string(40, 'e');
  const std::string name = directory + "/" + std::string(48, 'f');
  ASSERT_EQ(name.size(), 150u);
  TarWriter writer;
  writer.add_file(name, 0644, 0, "deep");
  const std::string tar = writer.finish();
  const auto archive = read_tar(tar);
  ASSERT_EQ(archive.error, "");
  ASSERT_EQ(archive.entries.size(), 1u);
  EXPECT_EQ(archive.entries[0].name, name);
  EXPECT_EQ(archive.entries[0].contents, "deep");
  EXPECT_FALSE(archive.entries[0].had_pax);
  EXPECT_EQ(tar.substr(0, 49), std::string(48, 'f') + '\0');
  EXPECT_EQ(tar.substr(345, directory.size()), directory);
}

TEST(TarWriter, LongNameWithoutSlashesUsesPax) {
  const std::string name(150, 'p');
  TarWriter writer;
  writer.add_file(name, 0644, 7, "pax");
  const auto archive = read_tar(writer.finish());
  ASSERT_EQ(archive.error, "");
  ASSERT_EQ(archive.entries.size(), 1u);
  EXPECT_EQ(archive.entries[0].name, name);
  EXPECT_EQ(archive.entries[0].contents, "pax");
  EXPECT_EQ(archive.entries[0].mtime, 7);
  EXPECT_TRUE(archive.entries[0].had_pax);
}

TEST(TarWriter, VeryLongPathUsesPax) {
  std::string name;
  for (int i = 0; i < 40; ++i) {
    name += "segment" + std::to_string(i) + "/";
  }
  name += "file.txt";
  ASSERT_GT(name.size(), 256u);
  TarWriter writer;
  writer.add_file(name, 0644, 0, "far");
  writer.add_directory(name.substr(0, name.rfind('/')), 0755, 0);
  const auto archive = read_tar(writer.finish());
  ASSERT_EQ(archive.error, "");
  ASSERT_EQ(archive.entries.size(), 2u);
  EXPECT_EQ(archive.entries[0].name, name);
  EXPECT_EQ(archive.entries[0].contents, "far");
  EXPECT_EQ(archive.entries[1].name, name.substr(0, name.rfind('/') + 1));
}

TEST(TarWriter, NonAsciiNameUsesPax) {
  const std::string name = "caf\xC3\xA9/men\xC3\xBC.txt";
  TarWriter writer;
  writer.add_file(name, 0644, 0, "x");
  const auto archive = read_tar(writer.finish());
  ASSERT_EQ(archive.error, "");
  EXPECT_EQ(archive.entries[0].name, name);
  EXPECT_TRUE(archive.entries[0].had_pax);
}

TEST(TarWriter, LongSymlinkTargetUsesPaxLinkpath) {
  std::string target = "/";
  while (target.size() < 300) {
    target += "very-long-directory-name/";
  }
  target += "end";
  TarWriter writer;
  writer.add_symlink("link", target, 0777, 0);
  writer.add_file("after", 0644, 0, "still aligned");
  const auto archive = read_tar(writer.finish());
  ASSERT_EQ(archive.error, "");
  ASSERT_EQ(archive.entries.size(), 2u);
  EXPECT_EQ(archive.entries[0].name, "link");
  EXPECT_EQ(archive.entries[0].type, '2');
  EXPECT_EQ(archive.entries[0].link_target, target);
  EXPECT_TRUE(archive.entries[0].had_pax);
  EXPECT_EQ(archive.entries[1].contents, "still aligned");
  EXPECT_FALSE(archive.entries[1].had_pax);  // the records applied to one entry only
}

TEST(TarWriter, PaxRecordLengthCountsItsOwnDigits) {
  // A record whose length crosses from two to three digits as it counts them.
  for (std::size_t length = 90; length <= 110; ++length) {
    const std::string target(length, 't');
    TarWriter writer;
    writer.add_symlink("l", target, 0777, 0);
    const auto archive = read_tar(writer.finish());
    ASSERT_EQ(archive.error, "") << length;
    EXPECT_EQ(archive.entries[0].link_target, target) << length;
  }
}

TEST(TarWriter, NegativeMtimeUsesPax) {
  TarWriter writer;
  writer.add_file("old", 0644, -86400, "1969");
  const auto archive = read_tar(writer.finish());
  ASSERT_EQ(archive.error, "");
  EXPECT_EQ(archive.entries[0].mtime, -86400);
}

TEST(TarWriter, FinishEmptiesTheWriter) {
  TarWriter writer;
  writer.add_file("a", 0644, 0, "a");
  const std::string first = writer.finish();
  writer.add_file("a", 0644, 0, "a");
  EXPECT_EQ(writer.finish(), first);
  EXPECT_EQ(writer.finish(), std::string(1024, '\0'));
}

}  // namespace
}  // namespace berth::engine
