#include "scheduler/project/engine_id_cache.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>

namespace berth::scheduler {
namespace {

// A listening unix socket at `path`, as dockerd makes one at start.
int bind_socket(const std::string& path) {
  const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::strncpy(address.sun_path, path.c_str(), sizeof(address.sun_path) - 1);
  EXPECT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)), 0);
  return fd;
}

class EngineIdCache : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (std::filesystem::temp_directory_path() / "berth-idc-XXXXXX").string();
    m_dir = ::mkdtemp(pattern.data());
  }
  void TearDown() override { std::filesystem::remove_all(m_dir); }
  std::string m_dir;
};

TEST_F(EngineIdCache, KeepsTheIdUntilTheSocketIsMadeAgain) {
  const std::string socket = m_dir + "/docker.sock";
  const std::string host = "unix://" + socket;
  int fd = bind_socket(socket);
  EXPECT_EQ(cached_engine_id(m_dir, host), std::nullopt);
  remember_engine_id(m_dir, host, "ABCD:EFGH");
  EXPECT_EQ(cached_engine_id(m_dir, host), "ABCD:EFGH");
  // dockerd restarted: a new socket, so the kept ID is not read (it may be another engine).
  ::close(fd);
  ::unlink(socket.c_str());
  fd = bind_socket(socket);
  EXPECT_EQ(cached_engine_id(m_dir, host), std::nullopt);
  ::close(fd);
}

TEST_F(EngineIdCache, CachesNothingForTcpOrAMissingSocket) {
  remember_engine_id(m_dir, "tcp://127.0.0.1:2375", "X");
  EXPECT_EQ(cached_engine_id(m_dir, "tcp://127.0.0.1:2375"), std::nullopt);
  remember_engine_id(m_dir, "unix://" + m_dir + "/none.sock", "X");
  EXPECT_EQ(cached_engine_id(m_dir, "unix://" + m_dir + "/none.sock"), std::nullopt);
  EXPECT_TRUE(std::filesystem::is_empty(m_dir));
}

}  // namespace
}  // namespace berth::scheduler
