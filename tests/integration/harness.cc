#include "harness.h"

#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace berth::testing {

namespace fs = std::filesystem;

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

std::string fixture_environment(const fs::path& folder) {
  std::string prefix =
      "env -u COMPOSE_FILE -u COMPOSE_PROJECT_NAME -u COMPOSE_PROFILES -u DOCKER_HOST "
      "-u COMPOSE_ENV_FILES -u COMPOSE_PATH_SEPARATOR ";
  std::istringstream lines(read_text(folder / "shell.env"));
  std::string line;
  while (std::getline(lines, line)) {
    if (!line.empty() && line[0] != '#') {
      prefix += shell_quote(line) + " ";
    }
  }
  return prefix;
}

fs::path make_temp_dir(const std::string& hint) {
  std::string pattern = (fs::temp_directory_path() / ("berth-it-" + hint + "-XXXXXX")).string();
  if (!mkdtemp(pattern.data())) {
    throw std::runtime_error("mkdtemp failed");
  }
  return pattern;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    lines.push_back(line);
  }
  return lines;
}

std::string shell_quote(const std::string& word) {
  std::string out = "'";
  for (char c : word) {
    out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  }
  return out + "'";
}

CommandResult run_shell(const std::string& command, const std::string& directory) {
  auto scratch = make_temp_dir("cmd");
  const auto out = scratch / "out";
  const auto err = scratch / "err";
  std::string line = "cd " + shell_quote(directory) + " && { " + command + " ; } >" +
                     shell_quote(out.string()) + " 2>" + shell_quote(err.string()) + " </dev/null";
  auto start = std::chrono::steady_clock::now();
  int status = std::system(line.c_str());
  CommandResult result;
  result.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = read_text(out);
  result.err = read_text(err);
  fs::remove_all(scratch);
  return result;
}

engine::Engine& test_engine() {
  static std::shared_ptr<engine::Engine> engine = [] {
    auto connected = engine::connect_docker(engine::default_engine_host());
    if (!connected) {
      throw std::runtime_error("integration tests need dockerd: " + connected.error().message);
    }
    return connected.value();
  }();
  return *engine;
}

std::string unique_project_name(const std::string& hint) {
  static std::atomic<int> counter{0};
  std::string name = "bt" + hint + "-" + std::to_string(getpid()) + "-" + std::to_string(++counter);
  for (auto& c : name) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return name;
}

void remove_project_objects(const std::string& project) {
  auto& engine = test_engine();
  const engine::LabelFilter filter = {"com.docker.compose.project=" + project};
  if (auto containers = engine.list_containers(filter, true)) {
    for (const auto& c : *containers) {
      engine.remove_container(c.id, true, true);
    }
  }
  if (auto networks = engine.list_networks(filter)) {
    for (const auto& n : *networks) {
      engine.remove_network(n.id);
    }
  }
  if (auto volumes = engine.list_volumes(filter)) {
    for (const auto& v : *volumes) {
      engine.remove_volume(v.name);
    }
  }
}

TestProject::TestProject(const std::string& hint, const std::string& compose_yaml)
    : m_name(unique_project_name(hint)), m_dir(make_temp_dir(hint).string()) {
  write_file("compose.yaml", compose_yaml);
}

TestProject::~TestProject() {
  remove_project_objects(m_name);
  // Images the test built, pulled or tagged carry the project's name.
  run_shell("/usr/bin/docker images --format '{{.Repository}}:{{.Tag}}' | grep -F " +
            shell_quote(m_name) + " | xargs -r /usr/bin/docker rmi -f >/dev/null 2>&1");
  std::error_code ignored;
  fs::remove_all(m_dir, ignored);
}

void TestProject::write_file(const std::string& relative, const std::string& content) const {
  const fs::path path = fs::path(m_dir) / relative;
  fs::create_directories(path.parent_path());
  std::ofstream(path) << content;
}

CommandResult TestProject::berth(const std::string& args) const {
  return run_shell(shell_quote(BERTH_BINARY) + " -p " + m_name + " " + args, m_dir);
}

std::vector<engine::ContainerSummary> TestProject::containers() const {
  auto listed = test_engine().list_containers({"com.docker.compose.project=" + m_name}, true);
  return listed ? listed.value() : std::vector<engine::ContainerSummary>{};
}

std::vector<engine::NetworkSummary> TestProject::networks() const {
  auto listed = test_engine().list_networks({"com.docker.compose.project=" + m_name});
  return listed ? listed.value() : std::vector<engine::NetworkSummary>{};
}

std::vector<engine::VolumeSummary> TestProject::volumes() const {
  auto listed = test_engine().list_volumes({"com.docker.compose.project=" + m_name});
  return listed ? listed.value() : std::vector<engine::VolumeSummary>{};
}

std::map<std::string, std::string> container_env(const std::string& container) {
  auto result = run_shell("/usr/bin/docker exec " + shell_quote(container) + " env");
  std::map<std::string, std::string> env;
  std::istringstream lines(result.out);
  std::string line;
  while (std::getline(lines, line)) {
    auto equals = line.find('=');
    if (equals != std::string::npos) {
      env[line.substr(0, equals)] = line.substr(equals + 1);
    }
  }
  return env;
}

}  // namespace berth::testing
