// --dry-run and --progress json on the real engine. A dry run must change
// nothing: dockerd's own event log for the time it ran is the witness.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "harness.h"

namespace berth::testing {
namespace {

const char* k_project = R"(services:
  web:
    image: berth-test/busybox:latest
    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 2147483647 & wait"]
    environment: {COLOUR: blue}
    depends_on: [db]
  db:
    image: berth-test/busybox:latest
    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 2147483647 & wait"]
    volumes: [data:/data]
volumes:
  data:
)";

// The engine's clock, as `docker events --since/--until` reads it (seconds
// with a fraction).
std::string engine_now() {
  auto now = run_shell("date +%s.%N");
  return first_line(now.out);
}

// Every event the engine recorded between `since` and `until` that names `project`.
std::vector<std::string> events_naming(const std::string& project, const std::string& since,
                                       const std::string& until) {
  auto events = run_shell("docker events --since " + since + " --until " + until +
                          " --format '{{.Type}} {{.Action}} {{.Actor.ID}} "
                          "{{index .Actor.Attributes \"name\"}}'");
  EXPECT_EQ(events.exit_code, 0) << events.err;
  std::vector<std::string> out;
  for (const auto& line : lines_of(events.out)) {
    if (line.find(project) != std::string::npos) {
      out.push_back(line);
    }
  }
  return out;
}

TEST(DryRun, UpDownAndScaleChangeNothingOnTheEngine) {
  TestProject project("dryrun", k_project);
  const auto p = project.name();
  ASSERT_EQ(project.berth("up -d").exit_code, 0);
  const auto before = project.containers();
  // A change that would recreate web.
  project.write_file("compose.yaml", std::string(k_project).replace(
                                         std::string(k_project).find("blue"), 4, "green"));
  const std::string since = engine_now();
  auto up = project.berth("--dry-run up -d");
  auto scale = project.berth("--dry-run scale web=3");
  auto down = project.berth("--dry-run down -v");
  auto stop = project.berth("--dry-run stop");
  // A second later: --until is exclusive and the engine's clock is the same one.
  std::this_thread::sleep_for(std::chrono::seconds(1));
  const std::string until = engine_now();

  ASSERT_EQ(up.exit_code, 0) << up.err;
  EXPECT_NE(up.out.find("dry run: #1 CreateContainer " + p + "-web-1 (service web)"),
            std::string::npos)
      << up.out;
  EXPECT_NE(up.out.find("StopContainer"), std::string::npos) << up.out;
  ASSERT_EQ(scale.exit_code, 0) << scale.err;
  EXPECT_NE(scale.out.find("CreateContainer " + p + "-web-3"), std::string::npos) << scale.out;
  ASSERT_EQ(down.exit_code, 0) << down.err;
  EXPECT_NE(down.out.find("RemoveVolume " + p + "_data"), std::string::npos) << down.out;
  EXPECT_NE(down.out.find("RemoveNetwork " + p + "_default"), std::string::npos) << down.out;
  ASSERT_EQ(stop.exit_code, 0) << stop.err;
  EXPECT_NE(stop.out.find("StopContainer " + p + "-db-1"), std::string::npos) << stop.out;

  EXPECT_EQ(events_naming(p, since, until), std::vector<std::string>{});
  const auto after = project.containers();
  ASSERT_EQ(after.size(), before.size());
  for (size_t i = 0; i < after.size(); ++i) {
    EXPECT_EQ(after[i].id, before[i].id);
    EXPECT_EQ(after[i].state, "running");
  }
  EXPECT_EQ(project.volumes().size(), 1u);
  EXPECT_EQ(project.networks().size(), 1u);
}

TEST(DryRun, VerbsWithoutAPlanRefuseIt) {
  TestProject project("dryrunrefuse", k_project);
  auto run = project.berth("--dry-run run --rm web true");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(first_line(run.err),
            "error: --dry-run: `run` has no plan to show yet (up, create, scale, start, stop, "
            "restart, kill, rm, pause, unpause, down, deploy and undeploy have); nothing was done");
  EXPECT_TRUE(project.containers().empty());
}

TEST(ProgressJson, EveryPlannedOperationFinishesOnceAsOneJsonLine) {
  TestProject project("progjson", k_project);
  auto up = project.berth("--progress json up -d");
  ASSERT_EQ(up.exit_code, 0) << up.err;
  std::map<int, std::string> planned;
  std::map<int, std::string> finished;
  for (const auto& line : lines_of(up.err)) {
    nlohmann::json event;
    ASSERT_NO_THROW(event = nlohmann::json::parse(line)) << line;
    ASSERT_TRUE(event.contains("time")) << line;
    if (event["event"] == "planned") {
      planned[event["id"].get<int>()] = event["kind"].get<std::string>();
      EXPECT_TRUE(event.contains("cause")) << line;
      EXPECT_TRUE(event["after"].is_array()) << line;
    } else if (event["event"] == "finished") {
      EXPECT_EQ(finished.count(event["id"].get<int>()), 0u) << line;
      finished[event["id"].get<int>()] = event["status"].get<std::string>();
    }
  }
  ASSERT_FALSE(planned.empty()) << up.err;
  EXPECT_EQ(planned.size(), finished.size()) << up.err;
  for (const auto& [id, status] : finished) {
    EXPECT_EQ(status, "done") << id;
    EXPECT_TRUE(planned.count(id)) << id;
  }
  EXPECT_NE(up.err.find("\"kind\":\"CreateContainer\",\"target\":\"" + project.name() +
                        "-web-1\""),
            std::string::npos)
      << up.err;
}

TEST(ProgressJson, UnknownModeIsAUsageErrorNamingTheChoices) {
  TestProject project("progbad", k_project);
  auto ps = project.berth("--progress xml ps");
  EXPECT_EQ(ps.exit_code, 2);
  EXPECT_EQ(first_line(ps.err),
            "error: --progress: must be one of auto, tty, plain, json or quiet, got \"xml\"");
}

}  // namespace
}  // namespace berth::testing
