#pragma once
// A fresh directory under the system's temp dir, removed afterwards: for the
// compose tests that need real files (lookup, env files, several files).

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace berth::compose::testing {

class TempDir {
 public:
  TempDir() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "berth-compose-XXXXXX").string();
    m_path = mkdtemp(pattern.data());
  }
  ~TempDir() {
    std::error_code error;
    std::filesystem::remove_all(m_path, error);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return m_path; }
  std::string operator/(const std::string& name) const { return (m_path / name).string(); }

  std::filesystem::path write(const std::string& name, const std::string& text) const {
    std::filesystem::path file = m_path / name;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file) << text;
    return file;
  }

 private:
  std::filesystem::path m_path;
};

}  // namespace berth::compose::testing
