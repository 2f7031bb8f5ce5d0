#include "demo_stack.h"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <stdexcept>

namespace berth::testing {

namespace fs = std::filesystem;

namespace {

const fs::path k_example = fs::path(BERTH_SOURCE_DIR) / "examples" / "couchdb-rest";

// Tomcat and pouchdb-server start in seconds on a quiet machine; CI runs other
// tests beside these on 2 cores.
constexpr int k_http_timeout_seconds = 30;

void copy_example(const fs::path& to) {
  fs::copy(k_example, to, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
  // Backups a developer made by hand are not this test's.
  for (const auto& entry : fs::directory_iterator(to / "backups")) {
    if (entry.path().filename() != ".gitkeep") {
      fs::remove_all(entry.path());
    }
  }
}

}  // namespace

nlohmann::json HttpAnswer::json() const {
  return nlohmann::json::parse(body, nullptr, false);
}

int free_local_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t length = sizeof address;
  if (fd < 0 || bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    if (fd >= 0) {
      close(fd);
    }
    throw std::runtime_error("no free local port");
  }
  close(fd);
  return ntohs(address.sin_port);
}

DemoStack::DemoStack(const std::string& hint)
    : m_name(unique_project_name(hint)),
      m_dir((make_temp_dir(hint) / "couchdb-rest").string()),
      m_port(free_local_port()) {
  copy_example(m_dir);
}

DemoStack::~DemoStack() {
  remove_project_objects(m_name);
  std::error_code ignored;
  fs::remove_all(fs::path(m_dir).parent_path(), ignored);
}

std::string DemoStack::url() const { return "http://127.0.0.1:" + std::to_string(m_port) + "/"; }

CommandResult DemoStack::berth(const std::string& args) const {
  return run_shell("WEB_PORT=" + std::to_string(m_port) + " " + shell_quote(BERTH_BINARY) +
                       " -p " + m_name + " " + args,
                   m_dir);
}

void DemoStack::up(int api_containers) const {
  auto up = berth("up -d --no-build --scale api=" + std::to_string(api_containers) +
                  " --wait --wait-timeout 240");
  ASSERT_EQ(up.exit_code, 0) << up.out << up.err;
}

HttpAnswer DemoStack::answer(const httplib::Result& result) const {
  HttpAnswer out;
  if (result) {
    out.status = result->status;
    out.body = result->body;
    out.instance = result->get_header_value("X-Instance");
  }
  return out;
}

namespace {

httplib::Client client(int port) {
  httplib::Client http("127.0.0.1", port);
  http.set_connection_timeout(5);
  http.set_read_timeout(k_http_timeout_seconds);
  return http;
}

}  // namespace

HttpAnswer DemoStack::get(const std::string& path) const {
  auto http = client(m_port);
  return answer(http.Get(path.c_str()));
}

HttpAnswer DemoStack::post(const std::string& path, const nlohmann::json& body) const {
  auto http = client(m_port);
  return answer(http.Post(path.c_str(), body.dump(), "application/json"));
}

HttpAnswer DemoStack::put(const std::string& path, const nlohmann::json& body) const {
  auto http = client(m_port);
  return answer(http.Put(path.c_str(), body.dump(), "application/json"));
}

HttpAnswer DemoStack::remove(const std::string& path) const {
  auto http = client(m_port);
  return answer(http.Delete(path.c_str()));
}

nlohmann::json DemoStack::create_note(const std::string& title, const std::string& body) const {
  auto created = post("/api/notes", {{"title", title}, {"body", body}});
  EXPECT_EQ(created.status, 201) << created.body;
  return created.json();
}

std::vector<std::string> DemoStack::note_titles() const {
  std::vector<std::string> titles;
  auto listed = get("/api/notes");
  EXPECT_EQ(listed.status, 200) << listed.body;
  const auto notes = listed.json();
  if (!notes.is_array()) {
    ADD_FAILURE() << "GET /api/notes is not a JSON array: " << listed.body;
    return titles;
  }
  for (const auto& note : notes) {
    titles.push_back(note.value("title", ""));
  }
  std::sort(titles.begin(), titles.end());
  return titles;
}

std::multiset<std::string> DemoStack::instances_answering(int requests) const {
  std::multiset<std::string> instances;
  for (int i = 0; i < requests; ++i) {
    auto listed = get("/api/notes");
    EXPECT_EQ(listed.status, 200) << "request " << i << ": " << listed.body;
    instances.insert(listed.instance);
  }
  return instances;
}

std::set<std::string> DemoStack::api_containers() const {
  std::set<std::string> names;
  auto listed = test_engine().list_containers(
      {"com.docker.compose.project=" + m_name, "com.docker.compose.service=api"}, false);
  if (listed) {
    for (const auto& container : *listed) {
      names.insert(container.name);
    }
  }
  return names;
}

}  // namespace berth::testing
