// The project lock (issue 19): in a directory only the user can write, a
// file of mode 0600 that a planted symlink cannot redirect, keyed on the
// engine's identity (two spellings of DOCKER_HOST are one lock), a wait that
// says who holds it and that Ctrl+C ends; and duplicate networks that an
// older lock let two `up` runs make are merged back into one.

#include <gtest/gtest.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <optional>

#include "background_berth.h"
#include "harness.h"

namespace berth::testing {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

const char* k_one_service = R"(services:
  web:
    image: berth-test/busybox:latest
    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 2147483647 & wait"]
)";

// Sets an environment variable for the test's berth runs, and puts it back.
class ScopedVariable {
 public:
  ScopedVariable(const char* name, const std::string& value) : m_name(name) {
    if (const char* old = std::getenv(name)) {
      m_old = old;
    }
    setenv(name, value.c_str(), 1);
  }
  ~ScopedVariable() {
    if (m_old) {
      setenv(m_name, m_old->c_str(), 1);
    } else {
      unsetenv(m_name);
    }
  }
  ScopedVariable(const ScopedVariable&) = delete;
  ScopedVariable& operator=(const ScopedVariable&) = delete;

 private:
  const char* m_name;
  std::optional<std::string> m_old;
};

// A private runtime directory, as a login session has: the locks go to <it>/berth.
struct RuntimeDir {
  RuntimeDir() : path(make_temp_dir("lockxdg").string()), variable("XDG_RUNTIME_DIR", path) {
    ::chmod(path.c_str(), 0700);
  }
  std::string path;
  ScopedVariable variable;
};

mode_t mode_of(const std::string& path) {
  struct stat info {};
  EXPECT_EQ(::lstat(path.c_str(), &info), 0) << path;
  return info.st_mode & 07777;
}

// The one lock file in `directory` (made by an earlier run).
std::string only_lock_file(const std::string& directory) {
  std::vector<std::string> found;
  for (const auto& entry : fs::directory_iterator(directory)) {
    if (entry.path().extension() == ".lock") {  // not the engine-id cache beside them
      found.push_back(entry.path().string());
    }
  }
  EXPECT_EQ(found.size(), 1u);
  return found.empty() ? "" : found[0];
}

// Another holder of the lock: flock(1) on the file, with its pid written in
// it as berth writes its own.
class LockHolder {
 public:
  explicit LockHolder(const std::string& lock_file) {
    auto started = run_shell("(flock " + shell_quote(lock_file) + " sh -c 'echo $$ > " +
                             shell_quote(lock_file) + "; exec sleep 120' >/dev/null 2>&1 &)");
    EXPECT_EQ(started.exit_code, 0) << started.err;
    EXPECT_TRUE(eventually(
        [&] {
          m_pid = std::atoi(read_text(lock_file).c_str());
          return m_pid > 0 && ::kill(m_pid, 0) == 0 &&
                 run_shell("flock -n " + shell_quote(lock_file) + " true").exit_code != 0;
        },
        10));
  }
  ~LockHolder() {
    if (m_pid > 0) {
      ::kill(m_pid, SIGKILL);  // the sleep; flock(1) ends with it
    }
  }
  LockHolder(const LockHolder&) = delete;
  LockHolder& operator=(const LockHolder&) = delete;
  int pid() const { return m_pid; }

 private:
  int m_pid = 0;
};

TEST(ProjectLock, FileIsPrivateAndAPlantedSymlinkIsNotFollowed) {
  RuntimeDir runtime;
  TestProject project("locklink", k_one_service);
  ASSERT_EQ(project.berth("up -d").exit_code, 0);
  const std::string directory = runtime.path + "/berth";
  EXPECT_EQ(mode_of(directory), 0700u);
  const std::string lock_file = only_lock_file(directory);
  EXPECT_EQ(fs::path(lock_file).filename().string().rfind("berth-", 0), 0u) << lock_file;
  EXPECT_EQ(mode_of(lock_file), 0600u);

  const std::string target = runtime.path + "/target";
  fs::remove(lock_file);
  fs::create_symlink(target, lock_file);
  auto stop = project.berth("stop");
  EXPECT_EQ(stop.exit_code, 1) << stop.err;
  EXPECT_EQ(stop.err, "error: cannot open the project lock " + lock_file + ": it is a symlink\n");
  EXPECT_FALSE(fs::exists(target)) << "the symlink was followed";
  ASSERT_EQ(project.containers().size(), 1u);
  EXPECT_EQ(project.containers()[0].state, "running");
}

TEST(ProjectLock, HeldLockSaysWhoAndCtrlCEndsTheWait) {
  RuntimeDir runtime;
  TestProject project("lockwait", k_one_service);
  ASSERT_EQ(project.berth("up -d").exit_code, 0);
  LockHolder holder(only_lock_file(runtime.path + "/berth"));
  ASSERT_GT(holder.pid(), 0);
  const std::string line = "waiting for another berth (pid " + std::to_string(holder.pid()) +
                           ") on project " + project.name();
  // stop has no interrupt watch of its own; up has: both end with 130.
  for (const char* verb : {"stop", "up -d"}) {
    BackgroundBerth waiting(project.name(), project.dir(), verb);
    const auto began = std::chrono::steady_clock::now();
    ASSERT_TRUE(waiting.wait_for_output(line, 10s)) << verb << ": " << waiting.output();
    EXPECT_GE(std::chrono::steady_clock::now() - began, 900ms) << "said at once";
    waiting.signal(SIGINT);
    EXPECT_EQ(waiting.wait(5s), 130) << verb << ": " << waiting.output();
  }
  ASSERT_EQ(project.containers().size(), 1u);
  EXPECT_EQ(project.containers()[0].state, "running") << "the waiting stop acted";
}

// unix:///var/run/docker.sock and unix:////var/run//docker.sock are one
// engine: one lock, so the second waits, and one network is made.
TEST(ProjectLock, TwoSpellingsOfOneEngineAreOneLock) {
  RuntimeDir runtime;
  TestProject project("lockhost", k_one_service);
  {
    ScopedVariable host("DOCKER_HOST", "unix:///var/run/docker.sock");
    ASSERT_EQ(project.berth("up -d").exit_code, 0);
  }
  ASSERT_EQ(project.berth("down").exit_code, 0);
  const std::string lock_file = only_lock_file(runtime.path + "/berth");
  {
    LockHolder holder(lock_file);
    ScopedVariable host("DOCKER_HOST", "unix:////var/run//docker.sock");
    BackgroundBerth other(project.name(), project.dir(), "up -d");
    EXPECT_TRUE(other.wait_for_output("waiting for another berth", 10s)) << other.output();
    EXPECT_TRUE(project.containers().empty()) << "it did not wait";
  }
  // Both at once, through the two spellings: one after the other, one network.
  const std::string berth = shell_quote(BERTH_BINARY) + " -p " + project.name() + " up -d";
  auto both = run_shell("DOCKER_HOST=unix:///var/run/docker.sock " + berth +
                            " & a=$!; DOCKER_HOST=unix:////var/run//docker.sock " + berth +
                            " & b=$!; wait $a && wait $b",
                        project.dir());
  EXPECT_EQ(both.exit_code, 0) << both.err;
  EXPECT_EQ(project.networks().size(), 1u);
  EXPECT_EQ(project.containers().size(), 1u);
  EXPECT_EQ(only_lock_file(runtime.path + "/berth"), lock_file);
}

// An older lock let two `up` runs make the project's network twice; every
// later `up` failed ("network ... is ambiguous"). Now `up` keeps the one its
// containers are on and removes the empty one.
TEST(ProjectLock, DuplicateNetworksConverge) {
  TestProject project("dupnet", k_one_service);
  ASSERT_EQ(project.berth("up -d").exit_code, 0);
  ASSERT_EQ(project.networks().size(), 1u);
  const std::string kept = project.networks()[0].id;
  const std::string body =
      R"({"Name": ")" + project.name() + R"(_default", "CheckDuplicate": false, "Labels": {)" +
      R"("com.docker.compose.project": ")" + project.name() + R"(", )" +
      R"("com.docker.compose.network": "default", "com.docker.compose.version": "2.26.1"}})";
  auto made = run_shell("curl -sf --unix-socket /var/run/docker.sock -X POST -H "
                        "'Content-Type: application/json' -d " +
                        shell_quote(body) + " http://localhost/v1.41/networks/create");
  ASSERT_EQ(made.exit_code, 0) << made.err;
  ASSERT_EQ(project.networks().size(), 2u);

  auto up = project.berth("up -d --scale web=2");
  EXPECT_EQ(up.exit_code, 0) << up.err;
  EXPECT_NE(up.err.find("_default (duplicate "), std::string::npos) << up.err;
  EXPECT_NE(up.err.find("Removed"), std::string::npos) << up.err;
  const auto networks = project.networks();
  ASSERT_EQ(networks.size(), 1u);
  EXPECT_EQ(networks[0].id, kept);
  EXPECT_EQ(project.containers().size(), 2u);
  EXPECT_EQ(project.berth("down").exit_code, 0);
  EXPECT_TRUE(project.networks().empty());
}

}  // namespace
}  // namespace berth::testing
