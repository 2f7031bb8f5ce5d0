// Credentials from the docker CLI's config file reach the registry: a small
// registry stand-in (cpp-httplib, in the test process) demands HTTP basic
// auth on /v2/ as a private registry does, and records what the engine sent
// it on berth's behalf.

#include <gtest/gtest.h>
#include <httplib.h>

#include <filesystem>
#include <fstream>
#include <mutex>
#include <thread>

#include "harness.h"

namespace berth::testing {
namespace {

class PrivateRegistry {
 public:
  PrivateRegistry() {
    m_server.Get(R"(/v2/.*)", [this](const httplib::Request& request, httplib::Response& response) {
      const std::string authorization = request.get_header_value("Authorization");
      {
        std::lock_guard lock(m_mutex);
        m_authorizations.push_back(authorization);
      }
      if (authorization.empty()) {
        response.status = 401;
        response.set_header("WWW-Authenticate", "Basic realm=\"berth-test\"");
        response.set_content(R"({"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]})",
                             "application/json");
        return;
      }
      response.status = 404;  // authenticated, but there is nothing to pull
      response.set_content(R"({"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown"}]})",
                           "application/json");
    });
    m_port = m_server.bind_to_any_port("127.0.0.1");
    m_thread = std::thread([this] { m_server.listen_after_bind(); });
    // cpp-httplib 0.11 has no wait_until_ready(); bound already, so connects queue.
    while (!m_server.is_running()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }
  ~PrivateRegistry() {
    m_server.stop();
    m_thread.join();
  }

  std::string address() const { return "127.0.0.1:" + std::to_string(m_port); }
  std::vector<std::string> authorizations() {
    std::lock_guard lock(m_mutex);
    return m_authorizations;
  }

 private:
  httplib::Server m_server;
  int m_port = 0;
  std::thread m_thread;
  std::mutex m_mutex;
  std::vector<std::string> m_authorizations;
};

TEST(RegistryCredentials, PullSendsTheConfigFilesCredentialsToTheRegistry) {
  PrivateRegistry registry;
  const std::string image = registry.address() + "/team/app:1";
  TestProject project("registrycreds", "services:\n  app:\n    image: " + image + "\n");
  const std::string config_dir = project.dir() + "/docker-config";
  std::filesystem::create_directories(config_dir);
  std::ofstream(config_dir + "/config.json")
      << R"({"auths": {")" << registry.address() << R"(": {"auth": "YWxpY2U6czNjcmV0"}}})";
  auto pulled = run_shell("DOCKER_CONFIG=" + shell_quote(config_dir) + " " +
                              shell_quote(BERTH_BINARY) + " -p " + project.name() + " pull",
                          project.dir());
  EXPECT_EQ(pulled.exit_code, 1);  // the stand-in has no image
  EXPECT_NE(pulled.err.find("manifest unknown"), std::string::npos) << pulled.err;
  bool sent = false;
  for (const auto& authorization : registry.authorizations()) {
    sent = sent || authorization == "Basic YWxpY2U6czNjcmV0";  // alice:s3cret
  }
  EXPECT_TRUE(sent) << "the registry never saw alice's credentials";
}

TEST(RegistryCredentials, WithoutCredentialsTheRegistrysRefusalIsShown) {
  PrivateRegistry registry;
  TestProject project("registrynocreds",
                      "services:\n  app:\n    image: " + registry.address() + "/team/app:1\n");
  const std::string config_dir = project.dir() + "/empty-config";
  std::filesystem::create_directories(config_dir);
  auto pulled = run_shell("DOCKER_CONFIG=" + shell_quote(config_dir) + " " +
                              shell_quote(BERTH_BINARY) + " -p " + project.name() + " pull",
                          project.dir());
  EXPECT_EQ(pulled.exit_code, 1);
  EXPECT_NE(pulled.err.find(registry.address() + "/team/app:1"), std::string::npos) << pulled.err;
  EXPECT_NE(pulled.err.find("no basic auth credentials"), std::string::npos) << pulled.err;
  for (const auto& authorization : registry.authorizations()) {
    EXPECT_EQ(authorization, "");
  }
}

TEST(RegistryCredentials, AMalformedConfigFileIsOneClearLine) {
  TestProject project("registrybadconfig",
                      "services:\n  app:\n    image: 127.0.0.1:5999/team/app:1\n");
  const std::string config_dir = project.dir() + "/bad-config";
  std::filesystem::create_directories(config_dir);
  std::ofstream(config_dir + "/config.json") << "{\"auths\": ";
  auto pulled = run_shell("DOCKER_CONFIG=" + shell_quote(config_dir) + " " +
                              shell_quote(BERTH_BINARY) + " -p " + project.name() + " pull",
                          project.dir());
  EXPECT_EQ(pulled.exit_code, 1);
  EXPECT_NE(pulled.err.find(config_dir + "/config.json"), std::string::npos) << pulled.err;
}

}  // namespace
}  // namespace berth::testing
