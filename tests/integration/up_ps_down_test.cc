// up -d, ps and down of examples/hello and of small stacks, on the real engine.

#include <gtest/gtest.h>

#include <algorithm>
#include <thread>

#include "harness.h"

namespace berth::testing {
namespace {

const std::string k_hello_dir = std::string(BERTH_SOURCE_DIR) + "/examples/hello";

// berth against examples/hello, under a unique project name so the demo a
// developer may have running is never touched.
class HelloExample : public ::testing::Test {
 protected:
  std::string project = unique_project_name("hello");
  ~HelloExample() override { remove_project_objects(project); }
  CommandResult berth(const std::string& args) {
    return run_shell(shell_quote(BERTH_BINARY) + " -p " + project + " " + args, k_hello_dir);
  }
};

std::string published_port(const std::string& container, const std::string& port) {
  auto result = run_shell("/usr/bin/docker port " + shell_quote(container) + " " + port);
  auto line = result.out.substr(0, result.out.find('\n'));
  return line.substr(line.rfind(':') + 1);
}

std::string http_get(const std::string& url) {
  // The page's CGI asks db each time; give httpd a moment to come up.
  for (int attempt = 0; attempt < 50; ++attempt) {
    auto result = run_shell("curl -sf --max-time 2 " + shell_quote(url));
    if (result.exit_code == 0) {
      return result.out;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return "";
}

TEST_F(HelloExample, UpPsDownOfTheLinkedStack) {
  auto up = berth("up -d");
  ASSERT_EQ(up.exit_code, 0) << up.err;
  EXPECT_NE(up.err.find("Container " + project + "-db-1  Started"), std::string::npos) << up.err;

  auto ps = berth("ps");
  ASSERT_EQ(ps.exit_code, 0) << ps.err;
  EXPECT_NE(ps.out.find(project + "-db-1"), std::string::npos) << ps.out;
  EXPECT_NE(ps.out.find(project + "-web-1"), std::string::npos) << ps.out;
  EXPECT_NE(ps.out.find("->8080/tcp"), std::string::npos) << ps.out;
  EXPECT_EQ(std::count(ps.out.begin(), ps.out.end(), '\n'), 3) << ps.out;

  // web reaches db only through the injected link variables.
  auto env = container_env(project + "-web-1");
  auto details = test_engine().inspect_container(project + "-db-1");
  ASSERT_TRUE(details.ok());
  EXPECT_EQ(env["DB_PORT_5984_TCP_ADDR"],
            details->networks.at(project + "_default").ip_address);
  EXPECT_EQ(env["DB_ENV_DB_GREETING"], "hello from db");
  auto port = published_port(project + "-web-1", "8080/tcp");
  EXPECT_NE(http_get("http://127.0.0.1:" + port + "/cgi-bin/db").find("hello from db"),
            std::string::npos);

  auto down = berth("down");
  ASSERT_EQ(down.exit_code, 0) << down.err;
  EXPECT_TRUE(run_shell("true").exit_code == 0);
  auto engine_state = test_engine().list_containers({"com.docker.compose.project=" + project}, true);
  ASSERT_TRUE(engine_state.ok());
  EXPECT_TRUE(engine_state->empty());
  auto networks = test_engine().list_networks({"com.docker.compose.project=" + project});
  ASSERT_TRUE(networks.ok());
  EXPECT_TRUE(networks->empty());
  // The named volume stays without -v ...
  auto volumes = test_engine().list_volumes({"com.docker.compose.project=" + project});
  ASSERT_TRUE(volumes.ok());
  EXPECT_EQ(volumes->size(), 1u);
  // ... and its data survives: db counts its starts in it.
  ASSERT_EQ(berth("up -d").exit_code, 0);
  auto again = published_port(project + "-web-1", "8080/tcp");
  EXPECT_NE(http_get("http://127.0.0.1:" + again + "/cgi-bin/db").find("\"starts\": 2"),
            std::string::npos);
  auto down_v = berth("down -v");
  ASSERT_EQ(down_v.exit_code, 0) << down_v.err;
  volumes = test_engine().list_volumes({"com.docker.compose.project=" + project});
  ASSERT_TRUE(volumes.ok());
  EXPECT_TRUE(volumes->empty());
}

TEST(UpCommand, SecondUpLeavesRunningContainersAlone) {
  TestProject project("again", R"(services:
  one:
    image: berth-test/busybox:latest
    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 2147483647 & wait"]
)");
  ASSERT_EQ(project.berth("up -d").exit_code, 0);
  auto before = project.containers();
  ASSERT_EQ(before.size(), 1u);
  auto second = project.berth("up -d");
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_NE(second.err.find("Running"), std::string::npos) << second.err;
  auto after = project.containers();
  ASSERT_EQ(after.size(), 1u);
  EXPECT_EQ(after[0].id, before[0].id);
}

TEST(UpCommand, StartsDependenciesOfANamedServiceOnly) {
  TestProject project("deps", R"(services:
  web:
    image: berth-test/busybox:latest
    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 2147483647 & wait"]
    depends_on: [db]
  db:
    image: berth-test/busybox:latest
    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 2147483647 & wait"]
  other:
    image: berth-test/busybox:latest
)");
  auto up = project.berth("up -d web");
  ASSERT_EQ(up.exit_code, 0) << up.err;
  // db before web, and other not at all.
  EXPECT_LT(up.err.find(project.name() + "-db-1  Started"),
            up.err.find(project.name() + "-web-1  Creating"))
      << up.err;
  EXPECT_EQ(up.err.find("other"), std::string::npos) << up.err;
  EXPECT_EQ(project.containers().size(), 2u);
}

TEST(UpCommand, MissingImageIsNamedAndNothingIsCreated) {
  TestProject project("noimage", R"(services:
  ok:
    image: berth-test/busybox:latest
  broken:
    image: berth-test/does-not-exist:1
)");
  auto up = project.berth("up -d");
  EXPECT_EQ(up.exit_code, 1);
  EXPECT_NE(up.err.find("service \"broken\": image \"berth-test/does-not-exist:1\""),
            std::string::npos)
      << up.err;
  EXPECT_TRUE(project.containers().empty());
  EXPECT_TRUE(project.networks().empty());
}

TEST(DownCommand, StopsDependentsFirst) {
  TestProject project("order", R"(services:
  web:
    image: berth-test/busybox:latest
    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 2147483647 & wait"]
    links: [db]
  db:
    image: berth-test/busybox:latest
    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 2147483647 & wait"]
)");
  ASSERT_EQ(project.berth("up -d").exit_code, 0);
  auto down = project.berth("down");
  ASSERT_EQ(down.exit_code, 0) << down.err;
  EXPECT_LT(down.err.find(project.name() + "-web-1  Removed"),
            down.err.find(project.name() + "-db-1  Stopping"))
      << down.err;
  EXPECT_TRUE(project.containers().empty());
  EXPECT_TRUE(project.networks().empty());
}

// down stops one container at a time (moby#43286), but one that ignores
// SIGTERM gives up its turn after 0.5 s: eight of them with a 4 s timeout take
// about 4 + 8 x 0.5 s, where waiting them out in turn would take 32 s.
TEST(DownCommand, ContainersThatIgnoreSigtermDoNotWaitInTurn) {
  std::string text = "services:\n";
  for (int i = 1; i <= 8; ++i) {
    text += "  deaf" + std::to_string(i) +
            ":\n    image: berth-test/busybox:latest\n"
            "    command: [\"sleep\", \"2147483647\"]\n";  // PID 1: SIGTERM is ignored
  }
  TestProject project("deafdown", text);
  ASSERT_EQ(project.berth("up -d").exit_code, 0);
  auto down = project.berth("down -t 4");
  ASSERT_EQ(down.exit_code, 0) << down.err;
  EXPECT_GE(down.seconds, 4.0);  // they did ignore SIGTERM
  EXPECT_LT(down.seconds, 16.0) << down.err;
  EXPECT_TRUE(project.containers().empty());
  EXPECT_TRUE(project.networks().empty());
}

}  // namespace
}  // namespace berth::testing
