// The project lock's rules (issue 19): its key, its directory, and how it is
// opened and waited for.

#include "scheduler/project/project_lock.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "scheduler/project/lock_directory.h"

namespace berth::scheduler {
namespace {

namespace fs = std::filesystem;

class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "berth-lock-XXXXXX").string();
    m_path = mkdtemp(pattern.data());
  }
  ~TempDir() {
    std::error_code error;
    fs::remove_all(m_path, error);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string operator/(const std::string& name) const { return (m_path / name).string(); }
  std::string path() const { return m_path.string(); }

 private:
  fs::path m_path;
};

mode_t mode_of(const std::string& path) {
  struct stat info {};
  EXPECT_EQ(::lstat(path.c_str(), &info), 0) << path;
  return info.st_mode & 07777;
}

TEST(LockFileName, IsKeyedOnTheEngineAndTheProject) {
  EXPECT_EQ(lock_file_name("id:A", "web"), lock_file_name("id:A", "web"));
  EXPECT_NE(lock_file_name("id:A", "web"), lock_file_name("id:B", "web"));
  EXPECT_NE(lock_file_name("id:A", "web"), lock_file_name("id:A", "web2"));
  EXPECT_NE(lock_file_name("id:A", "bweb"), lock_file_name("id:Ab", "web"));
}

TEST(LockFileName, IsShortWhateverTheProject) {
  // A 242-character project name gave "File name too long" (issue 19, item 7).
  const std::string name = lock_file_name("id:A", std::string(242, 'p'));
  EXPECT_EQ(name.size(), lock_file_name("id:A", "p").size());
  EXPECT_LT(name.size(), 64u);
  EXPECT_EQ(name.rfind("berth-", 0), 0u);
  EXPECT_EQ(name.find('/'), std::string::npos);
}

LockPlaces places_in(const TempDir& dir, uid_t uid) {
  fs::create_directories(dir / "run");
  fs::create_directories(dir / "tmp");
  LockPlaces places;
  places.uid = uid;
  places.run_root = dir / "run";
  places.tmp_root = dir / "tmp";
  return places;
}

TEST(LockDirectory, PrivateRuntimeDirIsUsed) {
  TempDir dir;
  LockPlaces places = places_in(dir, ::geteuid());
  fs::create_directories(dir / "xdg");
  ::chmod((dir / "xdg").c_str(), 0700);
  places.xdg_runtime_dir = dir / "xdg/";
  EXPECT_EQ(prepare_lock_directory(places), dir / "xdg/berth");
  EXPECT_EQ(mode_of(dir / "xdg/berth"), 0700u);
}

TEST(LockDirectory, RuntimeDirOthersCanWriteIsNotUsed) {
  TempDir dir;
  LockPlaces places = places_in(dir, 4242);
  fs::create_directories(dir / "xdg");
  ::chmod((dir / "xdg").c_str(), 0777);
  places.xdg_runtime_dir = dir / "xdg";
  // Not the user's: /tmp/berth-<uid>, which mkdir makes as the process's user
  // (not 4242), so it is refused in turn.
  EXPECT_THROW(prepare_lock_directory(places), LockDirectoryError);
  places.uid = ::geteuid();
  ::chmod((dir / "xdg").c_str(), 0770);
  const std::string expected =
      places.uid == 0 ? dir / "run/berth" : dir / ("tmp/berth-" + std::to_string(places.uid));
  EXPECT_EQ(prepare_lock_directory(places), expected);
}

TEST(LockDirectory, RootWithoutRunUsesTmp) {
  TempDir dir;
  LockPlaces places = places_in(dir, ::geteuid());
  places.run_root = dir / "nosuch";
  EXPECT_EQ(prepare_lock_directory(places),
            dir / ("tmp/berth-" + std::to_string(places.uid)));
  EXPECT_EQ(mode_of(dir / ("tmp/berth-" + std::to_string(places.uid))), 0700u);
}

TEST(LockDirectory, OpenModeIsRefused) {
  TempDir dir;
  LockPlaces places = places_in(dir, ::geteuid());
  places.run_root = dir / "nosuch";
  const std::string path = dir / ("tmp/berth-" + std::to_string(places.uid));
  fs::create_directories(path);
  ::chmod(path.c_str(), 0755);
  try {
    prepare_lock_directory(places);
    FAIL() << "an open directory was accepted";
  } catch (const LockDirectoryError& error) {
    EXPECT_EQ(std::string(error.what()),
              "the lock directory " + path + " has mode 0755 (it must be a directory of uid " +
                  std::to_string(places.uid) + " with mode 0700, not a symlink)");
  }
  EXPECT_EQ(mode_of(path), 0755u);  // refused, not repaired
}

TEST(LockDirectory, SymlinkIsRefused) {
  TempDir dir;
  LockPlaces places = places_in(dir, ::geteuid());
  places.run_root = dir / "nosuch";
  fs::create_directories(dir / "elsewhere");
  ::chmod((dir / "elsewhere").c_str(), 0700);
  const std::string path = dir / ("tmp/berth-" + std::to_string(places.uid));
  fs::create_directory_symlink(dir / "elsewhere", path);
  EXPECT_THROW(prepare_lock_directory(places), LockDirectoryError);
}

TEST(LockDirectory, AnotherOwnerIsRefused) {
  TempDir dir;
  LockPlaces places = places_in(dir, ::geteuid() + 4242);
  try {
    prepare_lock_directory(places);
    FAIL() << "a directory of another user was accepted";
  } catch (const LockDirectoryError& error) {
    EXPECT_NE(std::string(error.what()).find(" is owned by uid " + std::to_string(::geteuid())),
              std::string::npos)
        << error.what();
  }
}

TEST(ProjectLock, FileIsPrivateAndHoldsOurPid) {
  TempDir dir;
  ProjectLock lock(dir.path(), "id:A", "web", LockWait{});
  EXPECT_EQ(lock.path(), dir / lock_file_name("id:A", "web"));
  EXPECT_EQ(mode_of(lock.path()), 0600u);
  std::string pid;
  std::ifstream(lock.path()) >> pid;
  EXPECT_EQ(pid, std::to_string(::getpid()));
}

TEST(ProjectLock, SymlinkAtThePathIsNotFollowed) {
  TempDir dir;
  const std::string target = dir / "target";
  fs::create_symlink(target, dir / lock_file_name("id:A", "web"));
  try {
    ProjectLock lock(dir.path(), "id:A", "web", LockWait{});
    FAIL() << "the symlink was followed";
  } catch (const std::runtime_error& error) {
    EXPECT_EQ(std::string(error.what()), "cannot open the project lock " +
                                             (dir / lock_file_name("id:A", "web")) +
                                             ": it is a symlink");
  }
  EXPECT_FALSE(fs::exists(target));
}

TEST(ProjectLock, HeldLockSaysWhoAndInterruptionEndsTheWait) {
  TempDir dir;
  ProjectLock held(dir.path(), "id:A", "web", LockWait{});
  int noticed_pid = -1;
  int polls = 0;
  LockWait wait;
  wait.poll_every = std::chrono::milliseconds(5);
  wait.notice_after = std::chrono::milliseconds(20);
  wait.on_waiting = [&](int pid) { noticed_pid = pid; };
  wait.interrupted = [&] { return noticed_pid != -1 && ++polls > 2; };
  EXPECT_THROW(ProjectLock(dir.path(), "id:A", "web", wait), LockWaitInterrupted);
  EXPECT_EQ(noticed_pid, ::getpid());
  // Another project on the same engine is another lock: no wait.
  ProjectLock other(dir.path(), "id:A", "db", wait);
}

}  // namespace
}  // namespace berth::scheduler
