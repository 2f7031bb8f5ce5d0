// Named volumes hold a project's data: every command keeps them but `down -v`;
// `rm -v` removes a container's anonymous volumes, never its named ones.

#include <gtest/gtest.h>

#include <algorithm>

#include "harness.h"

namespace berth::testing {
namespace {

const char* k_with_volume = R"(services:
  s:
    image: berth-test/busybox:latest
    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 2147483647 & wait"]
    volumes: ["data:/data"]
volumes:
  data: {}
)";

bool volume_exists(const std::string& name) {
  auto volumes = test_engine().list_volumes({});
  return volumes.ok() && std::any_of(volumes->begin(), volumes->end(),
                                     [&](const auto& v) { return v.name == name; });
}

// The file as a fresh container (not berth's) sees it in the volume.
std::string read_through_volume(const std::string& volume) {
  return run_shell("/usr/bin/docker run --rm -v " + shell_quote(volume) +
                   ":/d berth-test/busybox:latest cat /d/token")
      .out;
}

TEST(Isolation, NamedVolumeSurvivesEveryCommandButDownV) {
  TestProject project("namedvol", k_with_volume);
  const std::string volume = project.name() + "_data";
  const std::string token = "kept-" + project.name();
  auto up = project.berth("up -d");
  ASSERT_EQ(up.exit_code, 0) << up.err;
  // The service writes it, into its volume.
  auto wrote = project.berth("exec -T s sh -c " + shell_quote("echo " + token + " >/data/token"));
  ASSERT_EQ(wrote.exit_code, 0) << wrote.err;
  ASSERT_EQ(read_through_volume(volume), token + "\n");

  // After each command the file is read through the service's running
  // containers (berth exec), or through a fresh container when none runs.
  struct Step {
    const char* command;
    int running;  // containers of s running afterwards
  };
  for (const Step& step :
       {Step{"stop", 0}, Step{"start", 1}, Step{"restart", 1}, Step{"up -d --force-recreate", 1},
        Step{"up -d --scale s=2", 2}, Step{"up -d --scale s=1", 1}, Step{"rm -f -s", 0},
        Step{"run --rm s cat /data/token", 0}, Step{"down", 0}, Step{"up -d", 1}}) {
    SCOPED_TRACE(step.command);
    auto done = project.berth(step.command);
    ASSERT_EQ(done.exit_code, 0) << done.err;
    if (std::string(step.command).starts_with("run ")) {
      EXPECT_EQ(done.out, token + "\n") << "the one-off container sees the volume";
    }
    EXPECT_TRUE(volume_exists(volume));
    if (step.running == 0) {
      EXPECT_EQ(read_through_volume(volume), token + "\n");
    }
    for (int index = 1; index <= step.running; ++index) {
      auto read = project.berth("exec -T --index " + std::to_string(index) + " s cat /data/token");
      EXPECT_EQ(read.out, token + "\n") << read.err;
    }
  }

  auto down = project.berth("down -v");
  ASSERT_EQ(down.exit_code, 0) << down.err;
  EXPECT_FALSE(volume_exists(volume)) << "down -v left the named volume";
  EXPECT_TRUE(project.volumes().empty());
}

TEST(Isolation, RmVRemovesAnonymousVolumesNeverNamedOnes) {
  TestProject project("rmvol", R"(services:
  s:
    image: berth-test/busybox:latest
    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 2147483647 & wait"]
    volumes: ["data:/data", "/scratch"]
volumes:
  data: {}
)");
  const std::string named = project.name() + "_data";
  ASSERT_EQ(project.berth("up -d").exit_code, 0);
  auto details = test_engine().inspect_container(project.name() + "-s-1");
  ASSERT_TRUE(details.ok());
  std::string anonymous;
  for (const auto& mount : details->mounts) {
    if (mount.name != named) {
      anonymous = mount.name;
    }
  }
  ASSERT_FALSE(anonymous.empty()) << "no anonymous volume mounted";
  ASSERT_TRUE(volume_exists(anonymous));

  auto rm = project.berth("rm -f -s -v");
  ASSERT_EQ(rm.exit_code, 0) << rm.err;
  EXPECT_TRUE(project.containers().empty());
  EXPECT_FALSE(volume_exists(anonymous)) << "rm -v left the anonymous volume";
  EXPECT_TRUE(volume_exists(named)) << "rm -v removed the named volume";
  // down without -v keeps it as well; the next up finds it again.
  ASSERT_EQ(project.berth("down").exit_code, 0);
  EXPECT_TRUE(volume_exists(named));
  ASSERT_EQ(project.berth("up -d").exit_code, 0);
  auto again = test_engine().inspect_container(project.name() + "-s-1");
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(std::any_of(again->mounts.begin(), again->mounts.end(),
                          [&](const auto& m) { return m.name == named; }));
}

}  // namespace
}  // namespace berth::testing
