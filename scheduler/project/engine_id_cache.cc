#include "scheduler/project/engine_id_cache.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>

namespace berth::scheduler {

namespace {

constexpr const char* k_unix_scheme = "unix://";

// "<dir>/engine-id-<dev>-<ino>-<ctime>" for a unix socket that exists; "".
std::string cache_path(const std::string& lock_directory, const std::string& host) {
  if (host.rfind(k_unix_scheme, 0) != 0) {
    return {};
  }
  struct stat socket {};
  if (::stat(host.substr(std::string(k_unix_scheme).size()).c_str(), &socket) != 0 ||
      !S_ISSOCK(socket.st_mode)) {
    return {};
  }
  std::ostringstream path;
  path << lock_directory << "/engine-id-" << socket.st_dev << "-" << socket.st_ino << "-"
       << socket.st_ctim.tv_sec << "." << socket.st_ctim.tv_nsec;
  return path.str();
}

}  // namespace

std::optional<std::string> cached_engine_id(const std::string& lock_directory,
                                            const std::string& host) {
  const std::string path = cache_path(lock_directory, host);
  if (path.empty()) {
    return std::nullopt;
  }
  std::ifstream file(path);
  std::string id;
  if (!std::getline(file, id) || id.empty()) {
    return std::nullopt;
  }
  return id;
}

void remember_engine_id(const std::string& lock_directory, const std::string& host,
                        const std::string& id) {
  const std::string path = cache_path(lock_directory, host);
  if (path.empty() || id.empty()) {
    return;
  }
  const std::string temporary = path + ".tmp" + std::to_string(::getpid());
  {
    std::ofstream file(temporary, std::ios::trunc);
    file << id << "\n";
    if (!file) {
      std::remove(temporary.c_str());
      return;
    }
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    std::remove(temporary.c_str());
  }
}

}  // namespace berth::scheduler
