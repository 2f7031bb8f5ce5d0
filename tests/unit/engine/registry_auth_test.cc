// Registry credentials from a docker CLI config directory made for each test,
// with fake credential helpers (shell scripts) put on PATH.

#include "engine/registry_auth.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

#include "engine/credential_helper.h"

namespace berth::engine {
namespace {

namespace fs = std::filesystem;

// Sets an environment variable for the scope, then restores it.
class ScopedVariable {
 public:
  ScopedVariable(const char* name, const std::string& value) : m_name(name) {
    if (const char* old = std::getenv(name)) {
      m_old = old;
    }
    ::setenv(name, value.c_str(), 1);
  }
  ScopedVariable(const ScopedVariable&) = delete;
  ScopedVariable& operator=(const ScopedVariable&) = delete;
  ~ScopedVariable() {
    if (m_old) {
      ::setenv(m_name, m_old->c_str(), 1);
    } else {
      ::unsetenv(m_name);
    }
  }

 private:
  const char* m_name;
  std::optional<std::string> m_old;
};

// The helper "fake": credentials for 127.0.0.1:5000, an identity token for
// ghcr.io, nothing for the rest. "broken" fails, "slow" never answers.
constexpr const char* k_fake_helper = R"(#!/bin/sh
read server
case "$server" in
  127.0.0.1:5000) echo '{"ServerURL":"127.0.0.1:5000","Username":"helper-user","Secret":"helper-pass"}' ;;
  ghcr.io) echo '{"ServerURL":"ghcr.io","Username":"<token>","Secret":"refresh-token"}' ;;
  *) echo "credentials not found in native keychain"; exit 1 ;;
esac
)";
constexpr const char* k_broken_helper = "#!/bin/sh\necho 'keychain locked' >&2\nexit 3\n";
constexpr const char* k_slow_helper = "#!/bin/sh\nexec sleep 10\n";
constexpr const char* k_garbage_helper = "#!/bin/sh\necho 'not json'\n";

class RegistryAuth : public testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/berth-registry-auth-XXXXXX";
    ASSERT_NE(::mkdtemp(pattern), nullptr);
    m_directory = pattern;
    fs::create_directories(m_directory / "bin");
    write_helper("fake", k_fake_helper);
    write_helper("broken", k_broken_helper);
    write_helper("slow", k_slow_helper);
    write_helper("garbage", k_garbage_helper);
    const char* path = std::getenv("PATH");
    m_config.emplace("DOCKER_CONFIG", m_directory.string());
    m_path.emplace("PATH", (m_directory / "bin").string() + ":" + (path ? path : "/usr/bin:/bin"));
  }
  void TearDown() override {
    m_path.reset();
    m_config.reset();
    std::error_code ignored;
    fs::remove_all(m_directory, ignored);
  }

  void write_config(const std::string& text) { std::ofstream(m_directory / "config.json") << text; }
  void write_helper(const std::string& name, const char* script) {
    const fs::path file = m_directory / "bin" / ("docker-credential-" + name);
    std::ofstream(file) << script;
    ::chmod(file.c_str(), 0755);
  }
  std::string config_path() const { return (m_directory / "config.json").string(); }

  // "username/password/identity_token@server" or "none" or "error: ...".
  static std::string found(const std::string& key, std::vector<std::string>* warnings = nullptr) {
    const auto credentials = find_credentials(key, warnings);
    if (!credentials) {
      return "error: " + credentials.error().message;
    }
    if (!*credentials) {
      return "none";
    }
    const RegistryCredentials& c = **credentials;
    return c.username + "/" + c.password + "/" + c.identity_token + "@" + c.server_address;
  }

  fs::path m_directory;
  std::optional<ScopedVariable> m_config;
  std::optional<ScopedVariable> m_path;
};

TEST_F(RegistryAuth, AMissingFileMeansNoCredentials) { EXPECT_EQ(found("127.0.0.1:5000"), "none"); }

TEST_F(RegistryAuth, ConfigPathIsDockerConfigElseHome) {
  EXPECT_EQ(docker_config_path(), config_path());
  ScopedVariable no_docker_config("DOCKER_CONFIG", "");
  ScopedVariable home("HOME", "/home/someone");
  EXPECT_EQ(docker_config_path(), "/home/someone/.docker/config.json");
}

TEST_F(RegistryAuth, DecodesTheAuthField) {
  write_config(R"({"auths": {"127.0.0.1:5000": {"auth": "YWxpY2U6czNjcjpldA=="}}})");
  EXPECT_EQ(found("127.0.0.1:5000"), "alice/s3cr:et/@127.0.0.1:5000");
  EXPECT_EQ(found("ghcr.io"), "none");
}

TEST_F(RegistryAuth, ReadsUsernamePasswordAndIdentityTokenFields) {
  write_config(R"({"auths": {
    "registry.local": {"username": "bob", "password": "pw"},
    "ghcr.io": {"identitytoken": "refresh"},
    "https://index.docker.io/v1/": {}
  }})");
  EXPECT_EQ(found("registry.local"), "bob/pw/@registry.local");
  EXPECT_EQ(found("ghcr.io"), "//refresh@ghcr.io");
  EXPECT_EQ(found("https://index.docker.io/v1/"), "none");  // an empty entry
}

TEST_F(RegistryAuth, UrlStyleKeysMatchByHost) {
  write_config(R"({"auths": {
    "https://127.0.0.1:5000/v1/": {"auth": "dTpw"},
    "http://registry.local": {"auth": "dTI6cDI="},
    "docker.io": {"auth": "aHViOmh1Yg=="}
  }})");
  EXPECT_EQ(found("127.0.0.1:5000"), "u/p/@127.0.0.1:5000");
  EXPECT_EQ(found("registry.local"), "u2/p2/@registry.local");
  EXPECT_EQ(found("https://index.docker.io/v1/"), "hub/hub/@https://index.docker.io/v1/");
  EXPECT_EQ(found("127.0.0.1:5001"), "none");
}

TEST_F(RegistryAuth, NormalisesKeys) {
  EXPECT_EQ(normalise_registry_key("https://127.0.0.1:5000/v1/"), "127.0.0.1:5000");
  EXPECT_EQ(normalise_registry_key("http://registry.local"), "registry.local");
  EXPECT_EQ(normalise_registry_key("localhost:5000"), "localhost:5000");
  EXPECT_EQ(normalise_registry_key("index.docker.io"), "https://index.docker.io/v1/");
  EXPECT_EQ(normalise_registry_key("https://registry-1.docker.io/v2/"),
            "https://index.docker.io/v1/");
}

// issue 19: read through the bounded reader, like every file berth reads.
TEST_F(RegistryAuth, AConfigThatIsNotARegularFileIsRefusedUnread) {
  fs::create_symlink("/dev/zero", config_path());
  EXPECT_EQ(found("x"), "error: docker config file " + config_path() + ": is a device");
}

TEST_F(RegistryAuth, MalformedJsonIsABadRequestNamingTheFile) {
  write_config(R"({"auths": {)");
  const auto credentials = find_credentials("127.0.0.1:5000");
  ASSERT_FALSE(credentials);
  EXPECT_EQ(credentials.error().code, ErrorCode::bad_request);
  EXPECT_EQ(
      credentials.error().message.rfind("malformed docker config file " + config_path() + ": ", 0),
      0u)
      << credentials.error().message;

  write_config(R"(["not", "an", "object"])");
  EXPECT_EQ(found("x"),
            "error: malformed docker config file " + config_path() + ": not a JSON object");
  write_config(R"({"auths": []})");
  EXPECT_EQ(found("x"), "error: malformed docker config file " + config_path() +
                            ": \"auths\" is not an object");
}

TEST_F(RegistryAuth, AnAuthThatIsNotBase64OfUserColonPasswordIsMalformed) {
  write_config(R"({"auths": {"127.0.0.1:5000": {"auth": "bm9jb2xvbg=="}}})");  // "nocolon"
  EXPECT_EQ(found("127.0.0.1:5000"), "error: malformed docker config file " + config_path() +
                                         ": auths[\"127.0.0.1:5000\"].auth is not base64 of "
                                         "\"user:password\"");
  write_config(R"({"auths": {"127.0.0.1:5000": {"auth": "!!!"}}})");
  EXPECT_NE(found("127.0.0.1:5000").find("is not base64"), std::string::npos);
}

TEST_F(RegistryAuth, AskTheCredentialHelperOfTheRegistry) {
  write_config(R"({"auths": {"127.0.0.1:5000": {"auth": "dTpw"}},
    "credHelpers": {"127.0.0.1:5000": "fake", "ghcr.io": "fake", "quay.io": "fake"}})");
  std::vector<std::string> warnings;
  EXPECT_EQ(found("127.0.0.1:5000", &warnings), "helper-user/helper-pass/@127.0.0.1:5000");
  EXPECT_EQ(found("ghcr.io", &warnings), "//refresh-token@ghcr.io");  // "<token>" user
  EXPECT_EQ(found("quay.io", &warnings), "none");                     // not found in the helper
  EXPECT_EQ(found("registry.local", &warnings), "none");              // no helper, no entry
  EXPECT_TRUE(warnings.empty());
}

TEST_F(RegistryAuth, CredHelpersWinOverCredsStore) {
  write_config(R"({"credsStore": "broken", "credHelpers": {"https://127.0.0.1:5000": "fake"}})");
  EXPECT_EQ(found("127.0.0.1:5000"), "helper-user/helper-pass/@127.0.0.1:5000");
}

TEST_F(RegistryAuth, AMissingHelperFallsBackToAuthsWithAWarning) {
  write_config(R"({"auths": {"127.0.0.1:5000": {"auth": "dTpw"}}, "credsStore": "desktop"})");
  std::vector<std::string> warnings;
  EXPECT_EQ(found("127.0.0.1:5000", &warnings), "u/p/@127.0.0.1:5000");
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0], "docker-credential-desktop is not on PATH; using \"auths\" of " +
                             config_path() + " for 127.0.0.1:5000");
  EXPECT_EQ(found("127.0.0.1:5000"), "u/p/@127.0.0.1:5000");  // warnings are optional
}

TEST_F(RegistryAuth, AFailingHelperFallsBackToAuthsWithAWarning) {
  write_config(R"({"auths": {"127.0.0.1:5000": {"auth": "dTpw"}},
    "credHelpers": {"127.0.0.1:5000": "broken", "ghcr.io": "garbage"}})");
  std::vector<std::string> warnings;
  EXPECT_EQ(found("127.0.0.1:5000", &warnings), "u/p/@127.0.0.1:5000");
  EXPECT_EQ(found("ghcr.io", &warnings), "none");
  ASSERT_EQ(warnings.size(), 2u);
  EXPECT_EQ(warnings[0],
            "docker-credential-broken get failed with exit status 3: keychain locked; "
            "using \"auths\" of " +
                config_path() + " for 127.0.0.1:5000");
  EXPECT_EQ(warnings[1].rfind("docker-credential-garbage get answered something else than "
                              "credentials: ",
                              0),
            0u)
      << warnings[1];
}

TEST_F(RegistryAuth, AllCredentialsForBuild) {
  write_config(R"({"auths": {"https://127.0.0.1:5000/v1/": {"auth": "dTpw"},
                             "https://index.docker.io/v1/": {"auth": "aHViOmh1Yg=="},
                             "quay.io": {}},
                   "credHelpers": {"ghcr.io": "fake"}})");
  const auto all = all_credentials();
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ(all->at("127.0.0.1:5000").username, "u");
  EXPECT_EQ(all->at("127.0.0.1:5000").server_address, "127.0.0.1:5000");
  EXPECT_EQ(all->at("https://index.docker.io/v1/").password, "hub");
  EXPECT_EQ(all->at("ghcr.io").identity_token, "refresh-token");
}

TEST_F(RegistryAuth, XRegistryAuthIsPaddedBase64UrlOfTheEngineJson) {
  // {"username":"u","password":"p?>","serveraddress":"127.0.0.1:5000"}: '_' shows the alphabet.
  EXPECT_EQ(
      x_registry_auth(RegistryCredentials{"u", "p?>", "", "127.0.0.1:5000"}),
      "eyJ1c2VybmFtZSI6InUiLCJwYXNzd29yZCI6InA_PiIsInNlcnZlcmFkZHJlc3MiOiIxMjcuMC4wLjE6NTAwMCJ9");
  // {"serveraddress":"https://index.docker.io/v1/","identitytoken":"tok"}
  EXPECT_EQ(
      x_registry_auth(RegistryCredentials{"<token>", "", "tok", "https://index.docker.io/v1/"}),
      "eyJzZXJ2ZXJhZGRyZXNzIjoiaHR0cHM6Ly9pbmRleC5kb2NrZXIuaW8vdjEvIiwiaWRlbnRpdHl0b2tlbiI6InRvayJ"
      "9");
  EXPECT_EQ(x_registry_auth(std::nullopt), "e30=");  // {}
}

TEST_F(RegistryAuth, XRegistryConfigMapsEachRegistry) {
  const std::map<std::string, RegistryCredentials> all = {
      {"127.0.0.1:5000", {"u", "p", "", "127.0.0.1:5000"}}, {"ghcr.io", {"", "", "t", "ghcr.io"}}};
  // {"127.0.0.1:5000":{"username":"u","password":"p","serveraddress":"127.0.0.1:5000"},
  //  "ghcr.io":{"serveraddress":"ghcr.io","identitytoken":"t"}}
  EXPECT_EQ(x_registry_config(all),
            "eyIxMjcuMC4wLjE6NTAwMCI6eyJ1c2VybmFtZSI6InUiLCJwYXNzd29yZCI6InAiLCJzZXJ2ZXJhZGRyZXNz"
            "IjoiMTI3LjAuMC4xOjUwMDAifSwiZ2hjci5pbyI6eyJzZXJ2ZXJhZGRyZXNzIjoiZ2hjci5pbyIsImlkZW50"
            "aXR5dG9rZW4iOiJ0In19");
  EXPECT_EQ(x_registry_config({}), "e30=");
}

TEST_F(RegistryAuth, AHelperThatDoesNotAnswerIsKilledAtTheTimeout) {
  const auto started = std::chrono::steady_clock::now();
  const auto answer = ask_credential_helper("slow", "x", std::chrono::milliseconds(200));
  const auto took = std::chrono::steady_clock::now() - started;
  ASSERT_FALSE(answer);
  EXPECT_EQ(answer.error().code, ErrorCode::timeout);
  EXPECT_EQ(answer.error().message, "docker-credential-slow get did not answer within 200 ms");
  EXPECT_LT(took, std::chrono::seconds(5));
}

TEST_F(RegistryAuth, HelperErrorCodes) {
  auto answer = ask_credential_helper("absent", "x", std::chrono::seconds(5));
  ASSERT_FALSE(answer);
  EXPECT_EQ(answer.error().code, ErrorCode::not_found);
  answer = ask_credential_helper("../bin/sh", "x", std::chrono::seconds(5));
  ASSERT_FALSE(answer);
  EXPECT_EQ(answer.error().code, ErrorCode::transport);
  answer = ask_credential_helper("broken", "x", std::chrono::seconds(5));
  ASSERT_FALSE(answer);
  EXPECT_EQ(answer.error().code, ErrorCode::transport);
  answer = ask_credential_helper("fake", "nowhere", std::chrono::seconds(5));
  ASSERT_TRUE(answer);
  EXPECT_FALSE(answer->has_value());
}

}  // namespace
}  // namespace berth::engine
