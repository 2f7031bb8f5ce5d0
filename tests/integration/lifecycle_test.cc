// The lifecycle commands on the real engine, in dependency order.

#include <gtest/gtest.h>

#include "harness.h"

namespace berth::testing {
namespace {

const char* k_chain = R"(services:
  web:
    image: berth-test/busybox:latest
    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 2147483647 & wait"]
    links: [db]
    volumes: ["/scratch"]
  db:
    image: berth-test/busybox:latest
    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 2147483647 & wait"]
)";

std::string state_of(const std::string& container) {
  auto details = test_engine().inspect_container(container);
  return details ? details->status : "missing";
}

TEST(Lifecycle, StopIsReverseOrderAndStartForward) {
  TestProject project("stopstart", k_chain);
  const auto p = project.name();
  ASSERT_EQ(project.berth("up -d").exit_code, 0);
  auto stop = project.berth("stop -t 5");
  ASSERT_EQ(stop.exit_code, 0) << stop.err;
  EXPECT_LT(stop.err.find(p + "-web-1  Stopped"), stop.err.find(p + "-db-1  Stopping")) << stop.err;
  EXPECT_EQ(state_of(p + "-web-1"), "exited");
  auto start = project.berth("start");
  ASSERT_EQ(start.exit_code, 0) << start.err;
  EXPECT_LT(start.err.find(p + "-db-1  Started"), start.err.find(p + "-web-1  Starting"))
      << start.err;
  EXPECT_EQ(state_of(p + "-web-1"), "running");
}

TEST(Lifecycle, RestartStopsDependentsFirstThenStartsDependenciesFirst) {
  TestProject project("restart", k_chain);
  const auto p = project.name();
  ASSERT_EQ(project.berth("up -d").exit_code, 0);
  auto restart = project.berth("restart");
  ASSERT_EQ(restart.exit_code, 0) << restart.err;
  const auto& err = restart.err;
  EXPECT_LT(err.find(p + "-web-1  Stopped"), err.find(p + "-db-1  Stopping")) << err;
  EXPECT_LT(err.find(p + "-db-1  Stopped"), err.find(p + "-db-1  Starting")) << err;
  EXPECT_LT(err.find(p + "-db-1  Started"), err.find(p + "-web-1  Starting")) << err;
  EXPECT_EQ(state_of(p + "-db-1"), "running");
}

TEST(Lifecycle, KillSendsTheSignal) {
  TestProject project("kill", k_chain);
  const auto p = project.name();
  ASSERT_EQ(project.berth("up -d").exit_code, 0);
  ASSERT_EQ(project.berth("kill -s SIGTERM db").exit_code, 0);
  // The trap exits 0 on TERM: the signal really was SIGTERM, not SIGKILL.
  for (int i = 0; i < 50 && state_of(p + "-db-1") == "running"; ++i) {
    run_shell("sleep 0.1");
  }
  auto details = test_engine().inspect_container(p + "-db-1");
  ASSERT_TRUE(details.ok());
  EXPECT_EQ(details->status, "exited");
  EXPECT_EQ(details->exit_code, 0);
  EXPECT_EQ(state_of(p + "-web-1"), "running");
}

TEST(Lifecycle, PauseAndUnpause) {
  TestProject project("pause", k_chain);
  const auto p = project.name();
  ASSERT_EQ(project.berth("up -d").exit_code, 0);
  ASSERT_EQ(project.berth("pause").exit_code, 0);
  EXPECT_EQ(state_of(p + "-db-1"), "paused");
  ASSERT_EQ(project.berth("unpause").exit_code, 0);
  EXPECT_EQ(state_of(p + "-db-1"), "running");
}

TEST(Lifecycle, RmRemovesStoppedContainersAndWithVTheirAnonymousVolumes) {
  TestProject project("rm", k_chain);
  const auto p = project.name();
  ASSERT_EQ(project.berth("up -d").exit_code, 0);
  auto web = test_engine().inspect_container(p + "-web-1");
  ASSERT_TRUE(web.ok());
  ASSERT_FALSE(web->mounts.empty());
  const std::string volume = web->mounts[0].name;
  // Without a terminal and without -f nothing is removed.
  EXPECT_EQ(project.berth("rm").exit_code, 2);
  // Running containers are not removed without -s.
  ASSERT_EQ(project.berth("rm -f").exit_code, 0);
  EXPECT_EQ(project.containers().size(), 2u);
  ASSERT_EQ(project.berth("rm -f -s -v web").exit_code, 0);
  EXPECT_EQ(state_of(p + "-web-1"), "missing");
  EXPECT_EQ(state_of(p + "-db-1"), "running");
  auto volumes = test_engine().list_volumes({});
  ASSERT_TRUE(volumes.ok());
  for (const auto& v : *volumes) {
    EXPECT_NE(v.name, volume) << "the anonymous volume survived rm -v";
  }
}

}  // namespace
}  // namespace berth::testing
