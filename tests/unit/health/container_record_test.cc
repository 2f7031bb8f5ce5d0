#include "health/container_record.h"

#include <gtest/gtest.h>

namespace berth::health {
namespace {

engine::Event event(const std::string& action, int64_t time_nano = 0,
                    std::map<std::string, std::string> attributes = {}) {
  engine::Event e;
  e.type = "container";
  e.action = action;
  e.id = "abc";
  e.time_nano = time_nano;
  e.attributes = std::move(attributes);
  return e;
}

engine::ContainerDetails running_with_health(const std::string& status) {
  engine::ContainerDetails details;
  details.status = "running";
  details.running = true;
  details.health = engine::ContainerHealth{status, 0, {}};
  return details;
}

TEST(ContainerRecord, HealthyEventReachesTheHealthyGoal) {
  ContainerRecord record;
  apply_inspection(record, running_with_health("starting"), 100);
  EXPECT_EQ(evaluate(record, Goal::healthy).verdict, Verdict::pending);
  apply_event(record, event("health_status: healthy", 200));
  EXPECT_EQ(evaluate(record, Goal::healthy).verdict, Verdict::reached);
}

TEST(ContainerRecord, EventsOlderThanTheInspectionAreStale) {
  ContainerRecord record;
  apply_inspection(record, running_with_health("healthy"), 500);
  apply_event(record, event("start", 400));  // would reset health to "starting"
  EXPECT_EQ(evaluate(record, Goal::healthy).verdict, Verdict::reached);
}

TEST(ContainerRecord, UnhealthyFailsWithTheLastCheckOutput) {
  auto details = running_with_health("unhealthy");
  details.health->log = {{"", "", 0, "fine"}, {"", "", 1, "line one\ndb down  \n"}};
  ContainerRecord record;
  apply_inspection(record, details, 1);
  auto evaluation = evaluate(record, Goal::healthy);
  EXPECT_EQ(evaluation.verdict, Verdict::failed);
  EXPECT_EQ(evaluation.reason, "is unhealthy: db down");
}

// Not compose 1.29.2's quirk: an exited dependency is not "healthy".
TEST(ContainerRecord, ExitWhileWaitingForHealthFails) {
  ContainerRecord record;
  apply_inspection(record, running_with_health("starting"), 1);
  apply_event(record, event("die", 2, {{"exitCode", "137"}}));
  auto evaluation = evaluate(record, Goal::healthy);
  EXPECT_EQ(evaluation.verdict, Verdict::failed);
  EXPECT_EQ(evaluation.reason, "exited with code 137 before it became healthy");
}

TEST(ContainerRecord, NoHealthCheckFailsHealthyButIsReady) {
  engine::ContainerDetails details;
  details.status = "running";
  ContainerRecord record;
  apply_inspection(record, details, 1);
  EXPECT_EQ(evaluate(record, Goal::healthy).reason, "has no health check");
  EXPECT_EQ(evaluate(record, Goal::ready).verdict, Verdict::reached);
}

TEST(ContainerRecord, CompletionNeedsExitCodeZero) {
  engine::ContainerDetails details;
  details.status = "running";
  ContainerRecord record;
  apply_inspection(record, details, 1);
  EXPECT_EQ(evaluate(record, Goal::completed_successfully).verdict, Verdict::pending);
  apply_event(record, event("die", 2, {{"exitCode", "0"}}));
  EXPECT_EQ(evaluate(record, Goal::completed_successfully).verdict, Verdict::reached);
  apply_event(record, event("start", 3));
  apply_event(record, event("die", 4, {{"exitCode", "2"}}));
  EXPECT_EQ(evaluate(record, Goal::completed_successfully).reason, "exited with code 2");
  EXPECT_EQ(evaluate(record, Goal::ready).reason, "exited with code 2");
}

TEST(ContainerRecord, RestartBeginsHealthAfresh) {
  ContainerRecord record;
  apply_inspection(record, running_with_health("unhealthy"), 1);
  apply_event(record, event("die", 2, {{"exitCode", "0"}}));
  apply_event(record, event("start", 3));
  EXPECT_EQ(record.health, "starting");
  EXPECT_EQ(evaluate(record, Goal::healthy).verdict, Verdict::pending);
}

TEST(ContainerRecord, ProbedContainerIgnoresTheEnginesHealth) {
  ContainerRecord record;
  record.probed = true;
  record.health = "starting";
  apply_inspection(record, running_with_health("healthy"), 1);
  apply_event(record, event("health_status: healthy", 2));
  EXPECT_EQ(record.health, "starting");
}

TEST(ContainerRecord, RemovedContainerFailsEveryGoal) {
  ContainerRecord record;
  apply_event(record, event("destroy", 1));
  EXPECT_EQ(evaluate(record, Goal::ready).reason, "was removed");
}

TEST(TrimmedOutput, LastNonEmptyLineShortened) {
  EXPECT_EQ(trimmed_output("\n\n"), "");
  EXPECT_EQ(trimmed_output("a\nb\n\n"), "b");
  EXPECT_EQ(trimmed_output(std::string(300, 'x')).size(), 200u);
}

// A supervisor's restart can be inspected before its start event arrives: the
// probe's verdict on the old run must not fail a wait on the new one.
TEST(ContainerRecord, AnInspectionOfANewRunResetsAProbedHealth) {
  ContainerRecord record;
  record.probed = true;
  auto details = running_with_health("");
  details.health.reset();
  details.started_at = "2026-11-28T02:25:03.1Z";
  EXPECT_FALSE(apply_inspection(record, details, 1));
  record.health = "unhealthy";
  EXPECT_FALSE(apply_inspection(record, details, 2));  // same run: the probe's word stands
  EXPECT_EQ(record.health, "unhealthy");
  details.started_at = "2026-11-28T02:25:05.2Z";
  EXPECT_TRUE(apply_inspection(record, details, 3));
  EXPECT_EQ(record.health, "starting");
  EXPECT_EQ(evaluate(record, Goal::healthy).verdict, Verdict::pending);
}

TEST(ContainerRecord, AStartEventAlreadyAccountsForTheNewRun) {
  ContainerRecord record;
  record.probed = true;
  auto details = running_with_health("");
  details.health.reset();
  details.started_at = "2026-11-28T02:25:03.1Z";
  apply_inspection(record, details, 1);
  apply_event(record, event("start", 5));
  EXPECT_EQ(record.health, "starting");
  record.health = "healthy";  // the restarted probe passed
  details.started_at = "2026-11-28T02:25:05.2Z";
  EXPECT_FALSE(apply_inspection(record, details, 6));
  EXPECT_EQ(record.health, "healthy");
}

}  // namespace
}  // namespace berth::health
