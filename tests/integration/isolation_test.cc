// berth never touches what lacks its project's labels, and refuses input it
// can find wrong before asking the engine to change anything.

#include <gtest/gtest.h>

#include "harness.h"

namespace berth::testing {
namespace {

const char* k_one_service = R"(services:
  web:
    image: berth-test/busybox:latest
    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 2147483647 & wait"]
)";

TEST(Isolation, ForeignContainerWithTheWantedNameIsNeverTouched) {
  TestProject project("foreign", k_one_service);
  const std::string name = project.name() + "-web-1";
  auto made = run_shell("/usr/bin/docker create --name " + name + " berth-test/busybox:latest true");
  ASSERT_EQ(made.exit_code, 0) << made.err;
  struct Remove {
    std::string name;
    ~Remove() { run_shell("/usr/bin/docker rm -f " + name); }
  } remove{name};
  const std::string id = made.out.substr(0, made.out.find('\n'));

  auto up = project.berth("up -d");
  EXPECT_EQ(up.exit_code, 1);
  EXPECT_NE(up.err.find("service \"web\""), std::string::npos) << up.err;
  EXPECT_NE(up.err.find("already in use"), std::string::npos) << up.err;

  auto down = project.berth("down");
  EXPECT_EQ(down.exit_code, 0) << down.err;
  auto still = test_engine().inspect_container(name);
  ASSERT_TRUE(still.ok()) << "the foreign container was removed";
  EXPECT_EQ(still->id, id);
  EXPECT_EQ(still->status, "created");
}

TEST(Isolation, DownOfOneProjectLeavesAnotherWhole) {
  TestProject first("first", k_one_service);
  TestProject second("second", k_one_service);
  ASSERT_EQ(first.berth("up -d").exit_code, 0);
  ASSERT_EQ(second.berth("up -d").exit_code, 0);
  ASSERT_EQ(first.berth("down").exit_code, 0);
  EXPECT_TRUE(first.containers().empty());
  ASSERT_EQ(second.containers().size(), 1u);
  EXPECT_EQ(second.containers()[0].state, "running");
  EXPECT_EQ(second.networks().size(), 1u);
}

TEST(BadInput, ProjectFileErrorIsOneLineAndChangesNothing) {
  TestProject project("badport", R"(services:
  web:
    image: berth-test/busybox:latest
    ports:
      - "80:x"
)");
  auto up = project.berth("up -d");
  EXPECT_EQ(up.exit_code, 1);
  EXPECT_EQ(up.err,
            "compose.yaml:5:9: services.web.ports[0]: expected \"[ip:]host:container[/proto]\", "
            "got \"80:x\"\n");
  EXPECT_TRUE(project.networks().empty());
  EXPECT_TRUE(project.containers().empty());
}

TEST(BadInput, CycleIsNamedAndChangesNothing) {
  TestProject project("cycle", R"(services:
  web:
    image: berth-test/busybox:latest
    links: [api]
  api:
    image: berth-test/busybox:latest
    depends_on: [web]
)");
  auto up = project.berth("up -d");
  EXPECT_EQ(up.exit_code, 1);
  EXPECT_NE(up.err.find("dependency cycle: web -> api -> web"), std::string::npos) << up.err;
  EXPECT_EQ(std::count(up.err.begin(), up.err.end(), '\n'), 1) << up.err;
  EXPECT_TRUE(project.networks().empty());
}

TEST(BadInput, UnreachableEngineIsOneLineFast) {
  TestProject project("noengine", k_one_service);
  auto ps = run_shell("DOCKER_HOST=unix:///nonexistent/docker.sock " +
                          shell_quote(BERTH_BINARY) + " -p " + project.name() + " ps",
                      project.dir());
  EXPECT_EQ(ps.exit_code, 1);
  EXPECT_NE(ps.err.find("unix:///nonexistent/docker.sock"), std::string::npos) << ps.err;
  EXPECT_NE(ps.err.find("dockerd"), std::string::npos) << ps.err;
  EXPECT_EQ(std::count(ps.err.begin(), ps.err.end(), '\n'), 1) << ps.err;
  EXPECT_LT(ps.seconds, 1.0);
}

}  // namespace
}  // namespace berth::testing
