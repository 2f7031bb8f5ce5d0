// State.Health, RestartPolicy, the image's Healthcheck, the wait answer and
// the /events messages and query, as the engine writes and reads them.

#include <gtest/gtest.h>

#include <chrono>

#include "engine/event_json.h"
#include "engine/json_mapping.h"

namespace berth::engine {
namespace {

TEST(ParseContainerDetails, ReadsHealthAndRestartPolicy) {
  const auto details = parse_container_details(R"({
    "Id": "abc",
    "State": {"Status": "running", "Running": true, "Health": {
      "Status": "unhealthy", "FailingStreak": 2, "Log": [
        {"Start": "2024-01-01T00:00:01.000000001Z", "End": "2024-01-01T00:00:01.5Z",
         "ExitCode": 0, "Output": "ok\n"},
        {"Start": "2024-01-01T00:00:02Z", "End": "2024-01-01T00:00:02.5Z",
         "ExitCode": 1, "Output": "refused"}]}},
    "HostConfig": {"RestartPolicy": {"Name": "on-failure", "MaximumRetryCount": 3}}
  })");
  ASSERT_TRUE(details.ok()) << details.error().message;
  ASSERT_TRUE(details->health.has_value());
  EXPECT_EQ(details->health->status, "unhealthy");
  EXPECT_EQ(details->health->failing_streak, 2);
  ASSERT_EQ(details->health->log.size(), 2u);
  EXPECT_EQ(details->health->log[0].start, "2024-01-01T00:00:01.000000001Z");
  EXPECT_EQ(details->health->log[0].end, "2024-01-01T00:00:01.5Z");
  EXPECT_EQ(details->health->log[0].exit_code, 0);
  EXPECT_EQ(details->health->log[0].output, "ok\n");
  EXPECT_EQ(details->health->log[1].exit_code, 1);
  EXPECT_EQ(details->health->log[1].output, "refused");
  EXPECT_EQ(details->restart_policy, "on-failure");
}

TEST(ParseContainerDetails, NoHealthCheckGivesNullopt) {
  for (const char* body : {R"({"State": {"Status": "running"}})",
                           R"({"State": {"Status": "running", "Health": null}})", R"({})"}) {
    const auto details = parse_container_details(body);
    ASSERT_TRUE(details.ok()) << body;
    EXPECT_FALSE(details->health.has_value()) << body;
    EXPECT_EQ(details->restart_policy, "") << body;
  }
}

TEST(ParseContainerDetails, HealthWithoutLogYet) {
  const auto details =
      parse_container_details(R"({"State": {"Health": {"Status": "starting", "Log": null}}})");
  ASSERT_TRUE(details.ok());
  ASSERT_TRUE(details->health.has_value());
  EXPECT_EQ(details->health->status, "starting");
  EXPECT_EQ(details->health->failing_streak, 0);
  EXPECT_TRUE(details->health->log.empty());
}

TEST(ParseImageDetails, ReadsHealthcheckTest) {
  const auto image = parse_image_details(R"({"Id": "sha256:1", "Config": {
    "Healthcheck": {"Test": ["CMD-SHELL", "curl -f localhost"], "Interval": 1000000000}}})");
  ASSERT_TRUE(image.ok());
  EXPECT_EQ(image->healthcheck_test, (std::vector<std::string>{"CMD-SHELL", "curl -f localhost"}));
  EXPECT_TRUE(parse_image_details(R"({"Config": {}})")->healthcheck_test.empty());
  EXPECT_TRUE(parse_image_details(R"({"Config": null})")->healthcheck_test.empty());
}

TEST(ParseWaitAnswer, ReadsStatusAndError) {
  const auto plain = parse_wait_answer(R"({"StatusCode": 3, "Error": null})");
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->status_code, 3);
  EXPECT_EQ(plain->error, "");
  const auto failed = parse_wait_answer(R"({"StatusCode": 0, "Error": {"Message": "gone"}})");
  ASSERT_TRUE(failed.ok());
  EXPECT_EQ(failed->error, "gone");
  EXPECT_EQ(parse_wait_answer("[]").error().code, ErrorCode::transport);
}

TEST(ParseEvent, ReadsContainerEvent) {
  const auto event = parse_event(
      R"({"status":"die","id":"f00","from":"busybox","Type":"container","Action":"die",)"
      R"("Actor":{"ID":"f00d","Attributes":{"exitCode":"137","name":"web","app":"x"}},)"
      R"("scope":"local","time":1700000000,"timeNano":1700000000123456789})");
  ASSERT_TRUE(event.ok()) << event.error().message;
  EXPECT_EQ(event->type, "container");
  EXPECT_EQ(event->action, "die");
  EXPECT_EQ(event->id, "f00d");
  EXPECT_EQ(event->attributes, (std::map<std::string, std::string>{
                                   {"exitCode", "137"}, {"name", "web"}, {"app", "x"}}));
  EXPECT_EQ(event->time_nano, 1700000000123456789);
}

TEST(ParseEvent, HealthStatusActionAndMissingActor) {
  const auto event = parse_event(R"({"Type":"container","Action":"health_status: healthy"})");
  ASSERT_TRUE(event.ok());
  EXPECT_EQ(event->action, "health_status: healthy");
  EXPECT_EQ(event->id, "");
  EXPECT_TRUE(event->attributes.empty());
  EXPECT_EQ(parse_event("{\"Type\":").error().code, ErrorCode::transport);
  EXPECT_EQ(parse_event("[1]").error().code, ErrorCode::transport);
}

TEST(EventsQuery, EncodesFiltersAndSince) {
  const auto since = std::chrono::system_clock::time_point(
      std::chrono::duration_cast<std::chrono::system_clock::duration>(
          std::chrono::nanoseconds(1700000000012345678)));
  EXPECT_EQ(events_query({{"a=b"}, {"container"}}, since),
            "since=1700000000.012345678&filters=" +
                url_encode(R"({"label":["a=b"],"type":["container"]})"));
  EXPECT_EQ(events_query({}, since), "since=1700000000.012345678");
  EXPECT_EQ(events_query({{}, {"network"}}, since),
            "since=1700000000.012345678&filters=" + url_encode(R"({"type":["network"]})"));
}

}  // namespace
}  // namespace berth::engine
