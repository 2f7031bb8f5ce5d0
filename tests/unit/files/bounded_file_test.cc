// The bounded reader: regular files only, a size cap that holds for files
// whose size lies, and reads that interruption ends.

#include "files/bounded_file.h"

#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace berth::files {
namespace {

namespace fs = std::filesystem;

class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "berth-files-XXXXXX").string();
    m_path = ::mkdtemp(pattern.data());
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(m_path, ignored);
  }
  fs::path write(const std::string& name, const std::string& text) const {
    std::ofstream(m_path / name, std::ios::binary) << text;
    return m_path / name;
  }
  const fs::path& path() const { return m_path; }

 private:
  fs::path m_path;
};

TEST(BoundedFile, ReadsARegularFile) {
  TempDir dir;
  ReadResult read = read_file(dir.write("a.env", "A=1\nB=2\n").string());
  ASSERT_TRUE(read) << read.message;
  EXPECT_EQ(read.text, "A=1\nB=2\n");
}

TEST(BoundedFile, MissingFileIsNotFound) {
  TempDir dir;
  ReadResult read = read_file((dir.path() / "nope").string());
  EXPECT_EQ(read.problem, Problem::not_found);
  EXPECT_EQ(read.message, "not found");
}

TEST(BoundedFile, RefusesWhatIsNotARegularFile) {
  TempDir dir;
  EXPECT_EQ(read_file(dir.path().string()).message, "is a directory");
  EXPECT_EQ(read_file("/dev/zero").message, "is a device");
  EXPECT_EQ(read_file("/dev/urandom").message, "is a device");
  EXPECT_EQ(read_file("/dev/null").problem, Problem::not_regular);
}

// Without O_NONBLOCK the open of a FIFO nobody writes to blocks for ever.
TEST(BoundedFile, RefusesAFifoWithoutBlocking) {
  TempDir dir;
  const fs::path fifo = dir.path() / "fifo";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  const auto start = std::chrono::steady_clock::now();
  ReadResult read = read_file(fifo.string());
  EXPECT_EQ(read.message, "is a FIFO");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
}

TEST(BoundedFile, RefusesASocket) {
  TempDir dir;
  const fs::path path = dir.path() / "sock";
  const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::snprintf(address.sun_path, sizeof address.sun_path, "%s", path.c_str());
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  EXPECT_EQ(read_file(path.string()).message, "is a socket");
  ::close(fd);
}

TEST(BoundedFile, FollowsASymlinkUnlessRefused) {
  TempDir dir;
  dir.write("target", "x");
  fs::create_symlink(dir.path() / "target", dir.path() / "link");
  fs::create_symlink("/dev/zero", dir.path() / "zero");
  EXPECT_EQ(read_file((dir.path() / "link").string()).text, "x");
  EXPECT_EQ(read_file((dir.path() / "zero").string()).message, "is a device");
  ReadOptions refuse;
  refuse.refuse_symlink = true;
  EXPECT_EQ(read_file((dir.path() / "link").string(), refuse).message, "is a symlink");
  EXPECT_EQ(read_file((dir.path() / "zero").string(), refuse).message, "is a symlink");
}

TEST(BoundedFile, RefusesAFileOverTheCapBeforeReadingIt) {
  TempDir dir;
  ReadOptions small;
  small.max_size = 1024 * 1024;
  small.limited = "project files are";
  const fs::path big = dir.write("big", std::string(3 * 1024 * 1024, 'x'));
  ReadResult read = read_file(big.string(), small);
  EXPECT_EQ(read.problem, Problem::too_large);
  EXPECT_EQ(read.message, "file is 3 MiB; project files are limited to 1 MiB");
  EXPECT_TRUE(read.text.empty());
}

TEST(BoundedFile, TheDefaultCapIsSixteenMebibytes) {
  TempDir dir;
  const fs::path big = dir.path() / "sparse";
  std::ofstream(big, std::ios::binary).put('x');
  fs::resize_file(big, 17 * 1024 * 1024);  // sparse: costs no disk
  EXPECT_EQ(read_file(big.string()).message,
            "file is 17 MiB; files berth reads are limited to 16 MiB");
}

// /proc files say they are empty; the cap must hold while reading.
TEST(BoundedFile, TheCapHoldsForAFileWhoseSizeLies) {
  ReadOptions tiny;
  tiny.max_size = 16;
  ReadResult read = read_file("/proc/self/maps", tiny);
  EXPECT_EQ(read.problem, Problem::too_large);
  EXPECT_EQ(read.message,
            "file is larger than 16 bytes; files berth reads are limited to 16 bytes");
  ReadResult whole = read_file("/proc/self/maps");
  EXPECT_TRUE(whole) << whole.message;
  EXPECT_FALSE(whole.text.empty());
}

TEST(BoundedFile, InterruptionEndsReads) {
  TempDir dir;
  const fs::path file = dir.write("a", "A=1\n");
  interrupt_reads();
  ReadResult read = read_file(file.string());
  resume_reads();
  EXPECT_EQ(read.problem, Problem::interrupted);
  EXPECT_TRUE(read_file(file.string()));
}

TEST(BoundedFile, DescribesEveryKindOfFile) {
  EXPECT_EQ(describe_non_regular(S_IFREG), "");
  EXPECT_EQ(describe_non_regular(S_IFBLK), "is a device");
  EXPECT_EQ(describe_non_regular(S_IFLNK), "is a symlink");
}

}  // namespace
}  // namespace berth::files
