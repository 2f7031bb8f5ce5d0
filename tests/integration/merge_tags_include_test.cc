// The merge tags and `include` reach the engine: a port an override file
// removes with "!reset" is not published, an environment it replaces with
// "!override" is the only one, and an included service runs with its bind
// mount resolved against its own directory.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "docker_cli.h"
#include "harness.h"

namespace berth::testing {
namespace {

using nlohmann::json;

const char* const k_base = R"(services:
  web:
    image: berth-test/busybox:latest
    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 2147483647 & wait"]
    ports: ["18765:80"]
    environment:
      FROM_BASE: "1"
)";

json inspect(const std::string& container) { return docker_inspect(container); }

bool has_env(const json& details, const std::string& entry) {
  for (const json& item : details["Config"]["Env"]) {
    if (item == entry) {
      return true;
    }
  }
  return false;
}

TEST(MergeTagsOnTheEngine, ResetPortsAreNotPublishedAndOverrideEnvironmentReplaces) {
  TestProject project("mergetags", k_base);
  project.write_file("override.yml",
                     "services:\n  web:\n    ports: !reset []\n"
                     "    environment: !override\n      FROM_OVERRIDE: \"1\"\n");
  auto up = project.berth("-f compose.yaml -f override.yml up -d");
  ASSERT_EQ(up.exit_code, 0) << up.err;
  const json details = inspect(project.name() + "-web-1");
  const json& bindings = details["HostConfig"]["PortBindings"];
  EXPECT_TRUE(bindings.is_null() || bindings.empty()) << bindings.dump();
  const json& published = details["NetworkSettings"]["Ports"];
  EXPECT_TRUE(published.is_null() || published.empty()) << published.dump();
  EXPECT_TRUE(has_env(details, "FROM_OVERRIDE=1"));
  EXPECT_FALSE(has_env(details, "FROM_BASE=1"));
  // Without the override file the port is published: the reset did it.
  auto config = project.berth("-f compose.yaml config --format json");
  EXPECT_NE(config.out.find("18765"), std::string::npos) << config.out;
}

TEST(IncludeOnTheEngine, AnIncludedServiceRunsWithItsOwnRelativePaths) {
  TestProject project("include", "include: [sub/inc.yml]\n");
  project.write_file("sub/inc.yml",
                     "services:\n  inc:\n    image: berth-test/busybox:latest\n"
                     "    command: [\"sh\", \"-c\", \"trap 'exit 0' TERM; sleep 2147483647 & "
                     "wait\"]\n    volumes: [\"./data:/data\"]\n");
  project.write_file("sub/data/marker", "included\n");
  auto up = project.berth("up -d");
  ASSERT_EQ(up.exit_code, 0) << up.err;
  const json details = inspect(project.name() + "-inc-1");
  ASSERT_EQ(details["Mounts"].size(), 1u) << details["Mounts"].dump();
  EXPECT_EQ(details["Mounts"][0]["Source"], project.dir() + "/sub/data");
  auto cat = run_shell("/usr/bin/docker exec " + shell_quote(project.name() + "-inc-1") +
                       " cat /data/marker");
  EXPECT_EQ(cat.out, "included\n");
}

}  // namespace
}  // namespace berth::testing
