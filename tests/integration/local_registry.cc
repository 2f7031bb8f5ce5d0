#include "local_registry.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "harness.h"

namespace berth::testing {

namespace {

constexpr const char* k_address = "127.0.0.1:5000";
constexpr const char* k_home = "/tmp/berth-test-registry";

bool answers() {
  return run_shell(std::string("curl -sf --max-time 2 http://") + k_address + "/v2/ >/dev/null")
             .exit_code == 0;
}

void start() {
  namespace fs = std::filesystem;
  fs::create_directories(fs::path(k_home) / "data");
  std::ofstream(fs::path(k_home) / "config.yml")
      << "version: 0.1\n"
         "log: {level: warn}\n"
         "storage:\n"
         "  filesystem: {rootdirectory: " << k_home << "/data}\n"
         "  delete: {enabled: true}\n"
         "http: {addr: \"" << k_address << "\"}\n";
  run_shell(std::string("(setsid nohup docker-registry serve ") + k_home + "/config.yml > " +
            k_home + "/log 2>&1 < /dev/null &)");
}

}  // namespace

std::string local_registry() {
  if (answers()) {
    return k_address;
  }
  // Test processes run in parallel: one starts it, the others wait for it.
  const int lock = open("/tmp/berth-test-registry.lock", O_CREAT | O_RDWR, 0644);
  flock(lock, LOCK_EX);
  if (!answers()) {
    start();
    for (int i = 0; i < 100 && !answers(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }
  flock(lock, LOCK_UN);
  close(lock);
  EXPECT_TRUE(answers()) << "docker-registry did not answer on " << k_address << "; see "
                         << k_home << "/log";
  return k_address;
}

}  // namespace berth::testing
