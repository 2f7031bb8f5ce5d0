#include "scheduler/container_fields.h"

#include <gtest/gtest.h>

namespace berth::scheduler {
namespace {

ContainerRow web_row() {
  ContainerRow row;
  row.id = "25d28b06fc5aa59d29ee4f1a4bf36b8a";
  row.name = "p-web-1";
  row.service = "web";
  row.state = "running";
  row.status = "Up 3 seconds (healthy)";
  row.summary.image = "busybox:latest";
  row.summary.command = "httpd -f -p 8080 -h /var/www/html";
  row.summary.created = 1764815642;  // 2025-12-04 02:34:02 UTC
  row.summary.labels = {{"a", "1"}, {"b", "2"}};
  row.summary.mounts = {"p_data", "/srv"};
  row.summary.local_volumes = 1;
  row.summary.networks = {"p_default"};
  row.summary.ports = {{"0.0.0.0", 8080, 18771, "tcp"}, {"::", 8080, 18771, "tcp"}};
  return row;
}

// The fields compose v2 2.26.1 printed for the same container.
TEST(ContainerFields, HasComposeV2FieldsAndTypes) {
  const auto fields = container_fields(web_row(), "p", false, 1764815646);
  EXPECT_EQ(fields["Command"], "\"httpd -f -p 8080 -h\u2026\"");
  EXPECT_EQ(fields["CreatedAt"], "2025-12-04 02:34:02 +0000 UTC");
  EXPECT_EQ(fields["ExitCode"], 0);
  EXPECT_EQ(fields["Health"], "healthy");
  EXPECT_EQ(fields["ID"], "25d28b06fc5a");
  EXPECT_EQ(fields["Labels"], "a=1,b=2");
  EXPECT_EQ(fields["LocalVolumes"], "1");
  EXPECT_EQ(fields["Mounts"], "p_data,/srv");
  EXPECT_EQ(fields["Names"], "p-web-1");
  EXPECT_EQ(fields["Networks"], "p_default");
  EXPECT_EQ(fields["Ports"], "0.0.0.0:18771->8080/tcp, :::18771->8080/tcp");
  EXPECT_EQ(fields["Publishers"][1]["URL"], "::");
  EXPECT_EQ(fields["Publishers"][1]["PublishedPort"], 18771);
  EXPECT_EQ(fields["RunningFor"], "4 seconds ago");
  EXPECT_EQ(fields["Size"], "0B");
  EXPECT_EQ(fields.size(), 20u);
}

TEST(ContainerFields, NoTruncKeepsTheWholeIdAndCommand) {
  const auto fields = container_fields(web_row(), "p", true, 1764815646);
  EXPECT_EQ(fields["ID"], "25d28b06fc5aa59d29ee4f1a4bf36b8a");
  EXPECT_EQ(fields["Command"], "\"httpd -f -p 8080 -h /var/www/html\"");
}

TEST(ContainerFields, ReadsHealthAndExitCodeFromTheStatus) {
  EXPECT_EQ(health_of_status("Up 2 minutes (unhealthy)"), "unhealthy");
  EXPECT_EQ(health_of_status("Up 1 second (health: starting)"), "starting");
  EXPECT_EQ(health_of_status("Up 5 hours"), "");
  EXPECT_EQ(exit_code_of_status("Exited (137) 3 seconds ago"), 137);
  EXPECT_EQ(exit_code_of_status("Up 3 seconds"), 0);
  EXPECT_EQ(exit_code_of_status("Exited (x"), 0);
}

TEST(ContainerFields, AgesAsTheDockerCliWritesThem) {
  EXPECT_EQ(human_duration(0), "Less than a second");
  EXPECT_EQ(human_duration(1), "1 second");
  EXPECT_EQ(human_duration(59), "59 seconds");
  EXPECT_EQ(human_duration(90), "About a minute");
  EXPECT_EQ(human_duration(150), "2 minutes");
  EXPECT_EQ(human_duration(3700), "About an hour");
  EXPECT_EQ(human_duration(3 * 3600), "3 hours");
  EXPECT_EQ(human_duration(3 * 86400), "3 days");
  EXPECT_EQ(human_duration(20 * 86400), "2 weeks");
  EXPECT_EQ(human_duration(90 * 86400), "3 months");
  EXPECT_EQ(human_duration(800 * 86400), "2 years");
}

}  // namespace
}  // namespace berth::scheduler
