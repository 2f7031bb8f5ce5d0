// up converges: unchanged things are left alone, changed ones recreated (and
// the services linking to them), scale fills gaps and shrinks from the top,
// data in anonymous volumes survives. On the real engine.

#include <gtest/gtest.h>

#include <algorithm>
#include <regex>
#include <thread>

#include "harness.h"

namespace berth::testing {
namespace {

const char* k_sleep = R"(["sh", "-c", "trap 'exit 0' TERM; sleep 2147483647 & wait"])";

std::string stack(const std::string& db_value, const std::string& extra = "") {
  return std::string("services:\n") +
         "  db:\n    image: berth-test/busybox:latest\n    command: " + k_sleep +
         "\n    expose: [\"5984\"]\n    volumes: [\"/data\"]\n    environment:\n      V: \"" +
         db_value + "\"\n" +
         "  web:\n    image: berth-test/busybox:latest\n    command: " + k_sleep +
         "\n    links: [db]\n" +
         "  other:\n    image: berth-test/busybox:latest\n    command: " + k_sleep + "\n" + extra;
}

struct Seen {
  std::string id;
  std::string started_at;
};

std::map<std::string, Seen> snapshot(const TestProject& project) {
  std::map<std::string, Seen> seen;
  for (const auto& c : project.containers()) {
    auto details = test_engine().inspect_container(c.id);
    seen[c.name] = {c.id, details ? details->started_at : ""};
  }
  return seen;
}

std::vector<std::string> names_of(const TestProject& project, const std::string& service) {
  std::vector<std::string> names;
  for (const auto& c : project.containers()) {
    if (c.labels.at("com.docker.compose.service") == service) {
      names.push_back(c.name);
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

TEST(Convergence, NoOpUpChangesNothing) {
  TestProject project("noop", stack("1"));
  ASSERT_EQ(project.berth("up -d").exit_code, 0);
  auto before = snapshot(project);
  auto again = project.berth("up -d");
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(std::count(again.err.begin(), again.err.end(), '\n'), 3) << again.err;
  auto after = snapshot(project);
  ASSERT_EQ(before.size(), 3u);
  for (const auto& [name, seen] : before) {
    EXPECT_EQ(after[name].id, seen.id) << name;
    EXPECT_EQ(after[name].started_at, seen.started_at) << name;
  }
}

TEST(Convergence, EditedEnvironmentRecreatesOnlyThatServiceAndItsLinkers) {
  TestProject project("edit", stack("1"));
  ASSERT_EQ(project.berth("up -d").exit_code, 0);
  const auto db = project.name() + "-db-1";
  ASSERT_EQ(run_shell("/usr/bin/docker exec " + db + " sh -c 'echo kept > /data/file'").exit_code,
            0);
  auto before = snapshot(project);
  project.write_file("compose.yaml", stack("2"));
  auto up = project.berth("up -d");
  ASSERT_EQ(up.exit_code, 0) << up.err;
  auto after = snapshot(project);
  EXPECT_NE(after[db].id, before[db].id);
  EXPECT_NE(after[project.name() + "-web-1"].id, before[project.name() + "-web-1"].id);
  EXPECT_EQ(after[project.name() + "-other-1"].id, before[project.name() + "-other-1"].id);
  // The anonymous volume came along with its data; the name stayed.
  EXPECT_EQ(run_shell("/usr/bin/docker exec " + db + " cat /data/file").out, "kept\n");
  EXPECT_EQ(container_env(db)["V"], "2");
  // web's link variables point at the new db.
  auto details = test_engine().inspect_container(db);
  ASSERT_TRUE(details.ok());
  EXPECT_EQ(container_env(project.name() + "-web-1")["DB_PORT_5984_TCP_ADDR"],
            details->networks.at(project.name() + "_default").ip_address);
}

TEST(Convergence, StoppedUnchangedContainerIsStartedNotRecreated) {
  TestProject project("stopped", stack("1"));
  ASSERT_EQ(project.berth("up -d").exit_code, 0);
  ASSERT_EQ(project.berth("stop other").exit_code, 0);
  auto before = snapshot(project);
  ASSERT_EQ(project.berth("up -d").exit_code, 0);
  auto after = snapshot(project);
  const auto other = project.name() + "-other-1";
  EXPECT_EQ(after[other].id, before[other].id);
  EXPECT_NE(after[other].started_at, before[other].started_at);
}

TEST(Convergence, ScaleFillsAndShrinksWithoutGaps) {
  TestProject project("scale", stack("1"));
  const auto p = project.name();
  ASSERT_EQ(project.berth("up -d").exit_code, 0);
  ASSERT_EQ(project.berth("up -d --scale db=3").exit_code, 0);
  EXPECT_EQ(names_of(project, "db"),
            (std::vector<std::string>{p + "-db-1", p + "-db-2", p + "-db-3"}));
  // web follows, so it now sees all three.
  EXPECT_EQ(container_env(p + "-web-1").count("DB_3_PORT"), 1u);
  ASSERT_EQ(project.berth("scale db=1").exit_code, 0);
  EXPECT_EQ(names_of(project, "db"), (std::vector<std::string>{p + "-db-1"}));
  EXPECT_EQ(container_env(p + "-web-1").count("DB_3_PORT"), 0u);
  // A gap (container 2 removed by hand) is filled first.
  ASSERT_EQ(project.berth("scale db=3").exit_code, 0);
  ASSERT_EQ(run_shell("/usr/bin/docker rm -f " + p + "-db-2").exit_code, 0);
  auto refill = project.berth("scale db=3");
  ASSERT_EQ(refill.exit_code, 0) << refill.err;
  EXPECT_EQ(names_of(project, "db"),
            (std::vector<std::string>{p + "-db-1", p + "-db-2", p + "-db-3"}));
}

TEST(Convergence, FixedHostPortWithReplicasIsRefusedBeforeAnyChange) {
  TestProject project("port", R"(services:
  web:
    image: berth-test/busybox:latest
    ports: ["127.0.0.1:18080:80"]
    scale: 2
)");
  auto up = project.berth("up -d");
  EXPECT_EQ(up.exit_code, 1);
  EXPECT_NE(up.err.find("service \"web\" publishes host port 18080"), std::string::npos)
      << up.err;
  EXPECT_TRUE(project.containers().empty());
  EXPECT_TRUE(project.networks().empty());
}

TEST(Convergence, ForceAndNoRecreate) {
  TestProject project("force", stack("1"));
  ASSERT_EQ(project.berth("up -d").exit_code, 0);
  auto before = snapshot(project);
  ASSERT_EQ(project.berth("up -d --force-recreate other").exit_code, 0);
  auto forced = snapshot(project);
  const auto other = project.name() + "-other-1";
  const auto db = project.name() + "-db-1";
  EXPECT_NE(forced[other].id, before[other].id);
  EXPECT_EQ(forced[db].id, before[db].id);
  project.write_file("compose.yaml", stack("2"));
  ASSERT_EQ(project.berth("up -d --no-recreate").exit_code, 0);
  EXPECT_EQ(snapshot(project)[db].id, before[db].id);
}

TEST(Convergence, NoStartCreatesOnlyAndNoDepsLeavesDependenciesOut) {
  TestProject project("nostart", stack("1"));
  ASSERT_EQ(project.berth("up -d --no-deps web").exit_code, 0);
  EXPECT_EQ(names_of(project, "db").size(), 0u);
  ASSERT_EQ(project.berth("create db").exit_code, 0);
  auto details = test_engine().inspect_container(project.name() + "-db-1");
  ASSERT_TRUE(details.ok());
  EXPECT_EQ(details->status, "created");
}

TEST(Convergence, OrphansAreReportedAndRemovedOnRequest) {
  TestProject project("orphan", stack("1"));
  ASSERT_EQ(project.berth("up -d").exit_code, 0);
  project.write_file("compose.yaml", std::string("services:\n  db:\n    image: berth-test/busybox:latest\n"
                                                 "    command: ") + k_sleep + "\n");
  auto up = project.berth("up -d");
  ASSERT_EQ(up.exit_code, 0) << up.err;
  EXPECT_NE(up.err.find("orphan"), std::string::npos) << up.err;
  EXPECT_EQ(project.containers().size(), 3u);
  ASSERT_EQ(project.berth("up -d --remove-orphans").exit_code, 0);
  EXPECT_EQ(project.containers().size(), 1u);
}

TEST(Convergence, TwoUpsAtOnceMakeNoDuplicates) {
  TestProject project("race", stack("1"));
  CommandResult first;
  CommandResult second;
  std::thread a([&] { first = project.berth("up -d"); });
  std::thread b([&] { second = project.berth("up -d"); });
  a.join();
  b.join();
  EXPECT_EQ(first.exit_code, 0) << first.err;
  EXPECT_EQ(second.exit_code, 0) << second.err;
  EXPECT_EQ(project.containers().size(), 3u);
}

TEST(Convergence, FailureSkipsDependentsAndFinishesOtherBranches) {
  // db's host port is taken by another project's container: db fails to
  // start, web (linked to it) is skipped, other still comes up.
  TestProject blocker("blocker", R"(services:
  hold:
    image: berth-test/busybox:latest
    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 2147483647 & wait"]
    ports: ["127.0.0.1:18931:80"]
)");
  ASSERT_EQ(blocker.berth("up -d").exit_code, 0);
  TestProject project("failure", std::string("services:\n") +
                                     "  db:\n    image: berth-test/busybox:latest\n    command: " +
                                     k_sleep + "\n    ports: [\"127.0.0.1:18931:80\"]\n" +
                                     "  web:\n    image: berth-test/busybox:latest\n    command: " +
                                     k_sleep + "\n    links: [db]\n" +
                                     "  other:\n    image: berth-test/busybox:latest\n    command: " +
                                     k_sleep + "\n");
  auto up = project.berth("up -d");
  EXPECT_EQ(up.exit_code, 1);
  EXPECT_NE(up.err.find("service \"db\""), std::string::npos) << up.err;
  EXPECT_NE(up.err.find("18931"), std::string::npos) << up.err;
  EXPECT_NE(up.err.find("skipped"), std::string::npos) << up.err;
  auto other = test_engine().inspect_container(project.name() + "-other-1");
  ASSERT_TRUE(other.ok());
  EXPECT_TRUE(other->running);
  EXPECT_TRUE(names_of(project, "web").empty());
}

}  // namespace
}  // namespace berth::testing
