// The link variables berth injects have the same names as those docker-compose
// 1.29.2 produces (through the engine's legacy links) for the same stack in the
// fig v1 format; values are equal once addresses and separators are set aside.

#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "harness.h"

namespace berth::testing {
namespace {

const char* k_fig_stack = R"(db:
  image: berth-test/busybox:latest
  command: ["sh", "-c", "trap 'exit 0' TERM; sleep 2147483647 & wait"]
  expose:
    - "5984"
    - "7000-7001/udp"
    - "8000-8002"
  environment:
    DBVAR: hello
    OTHER: "a=b"
web:
  image: berth-test/busybox:latest
  command: ["sh", "-c", "trap 'exit 0' TERM; sleep 2147483647 & wait"]
  links:
    - db
    - db:database
  environment:
    OWN: mine
)";

// Link variables only, with the project name, addresses and the name
// separator made neutral.
std::map<std::string, std::string> normalised_links(const std::map<std::string, std::string>& env,
                                                    const std::string& project) {
  std::string upper_project;
  for (char c : project) {
    upper_project += static_cast<char>(c == '-' ? '_' : std::toupper(static_cast<unsigned char>(c)));
  }
  static const std::regex k_address(R"(\d+\.\d+\.\d+\.\d+)");
  std::map<std::string, std::string> out;
  for (const auto& [raw_key, raw_value] : env) {
    std::string key = raw_key;
    std::string value = raw_value;
    bool is_link = key.rfind("DB_", 0) == 0 || key.rfind("DATABASE_", 0) == 0 ||
                   key.rfind(upper_project + "_DB_", 0) == 0;
    if (!is_link) {
      continue;
    }
    if (key.rfind(upper_project, 0) == 0) {
      key = "PROJECT" + key.substr(upper_project.size());
    }
    value = std::regex_replace(value, k_address, "ADDR");
    for (auto& c : value) {
      c = c == '-' ? '_' : c;
    }
    std::string underscored = project;
    for (auto& c : underscored) {
      c = c == '-' ? '_' : c;
    }
    for (auto at = value.find(underscored); at != std::string::npos;
         at = value.find(underscored)) {
      value.replace(at, underscored.size(), "project");
    }
    out[key] = value;
  }
  return out;
}

TEST(LinkVariables, SameAsDockerComposeForAFigV1Stack) {
  if (run_shell("command -v docker-compose").exit_code != 0) {
    GTEST_SKIP() << "docker-compose 1.29.2 is not installed (scripts/setup installs it)";
  }
  TestProject ours("linkours", k_fig_stack);
  // docker-compose 1.29 keeps only [a-z0-9] of a project name; give it one.
  std::string theirs_name = "btlinkcompose" + std::to_string(getpid());
  struct ComposeCleanup {
    std::string name;
    ~ComposeCleanup() { remove_project_objects(name); }
  } cleanup{theirs_name};

  auto up = ours.berth("up -d");
  ASSERT_EQ(up.exit_code, 0) << up.err;
  auto compose = run_shell("docker-compose -p " + theirs_name + " up -d", ours.dir());
  ASSERT_EQ(compose.exit_code, 0) << compose.err;

  auto our_env = normalised_links(container_env(ours.name() + "-web-1"), ours.name());
  auto their_env = normalised_links(container_env(theirs_name + "_web_1"), theirs_name);
  ASSERT_FALSE(their_env.empty());
  std::set<std::string> our_keys;
  std::set<std::string> their_keys;
  for (const auto& [key, value] : our_env) {
    our_keys.insert(key);
  }
  for (const auto& [key, value] : their_env) {
    their_keys.insert(key);
  }
  EXPECT_EQ(our_keys, their_keys);
  EXPECT_EQ(our_env, their_env);
  // Spot checks that make the comparison's meaning plain.
  EXPECT_EQ(our_env["DB_PORT"], "tcp://ADDR:5984");
  EXPECT_EQ(our_env["DATABASE_ENV_DBVAR"], "hello");
  EXPECT_EQ(our_env["DB_PORT_8000_TCP_PORT_END"], "8002");
  EXPECT_EQ(our_env["DB_1_NAME"], "/project_web_1/db_1");
  EXPECT_EQ(our_env.count("DB_PORT_7000_UDP_START"), 0u);
}

TEST(LinkVariables, LinkAliasResolvesOnTheProjectNetwork) {
  TestProject project("alias", k_fig_stack);
  ASSERT_EQ(project.berth("up -d").exit_code, 0);
  auto details = test_engine().inspect_container(project.name() + "-db-1");
  ASSERT_TRUE(details.ok());
  const auto address = details->networks.at(project.name() + "_default").ip_address;
  auto lookup = run_shell("/usr/bin/docker exec " + project.name() +
                          "-web-1 nslookup database 2>/dev/null");
  EXPECT_NE(lookup.out.find(address), std::string::npos) << lookup.out << lookup.err;
}

}  // namespace
}  // namespace berth::testing
