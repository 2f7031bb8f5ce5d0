// The answers `port`, `top`, `images` and `version` read.
#include <gtest/gtest.h>

#include "engine/json_mapping.h"

namespace berth::engine {
namespace {

TEST(InspectionJson, ReadsPublishedPortsAndExposedOnes) {
  auto details = parse_container_details(R"({"NetworkSettings": {"Ports": {
      "80/tcp": [{"HostIp": "0.0.0.0", "HostPort": "49153"}, {"HostIp": "::", "HostPort": "49153"}],
      "53/udp": null}}})");
  ASSERT_TRUE(details);
  ASSERT_EQ(details->published_ports.size(), 2u);
  ASSERT_EQ(details->published_ports.at("80/tcp").size(), 2u);
  EXPECT_EQ(details->published_ports.at("80/tcp")[0].host_ip, "0.0.0.0");
  EXPECT_EQ(details->published_ports.at("80/tcp")[0].host_port, "49153");
  EXPECT_TRUE(details->published_ports.at("53/udp").empty());
}

TEST(InspectionJson, ReadsProcessList) {
  auto list = parse_process_list(
      R"({"Titles": ["UID", "PID", "CMD"], "Processes": [["root", "42", "sleep 1000"], ["root"]]})");
  ASSERT_TRUE(list);
  EXPECT_EQ(list->titles, (std::vector<std::string>{"UID", "PID", "CMD"}));
  ASSERT_EQ(list->processes.size(), 2u);
  EXPECT_EQ(list->processes[0], (std::vector<std::string>{"root", "42", "sleep 1000"}));
  EXPECT_FALSE(parse_process_list("not json"));
}

TEST(InspectionJson, ReadsImageSizeAndVersionDetails) {
  auto image = parse_image_details(R"({"Id": "sha256:ab", "Size": 4861236})");
  ASSERT_TRUE(image);
  EXPECT_EQ(image->size, 4861236);
  auto version = parse_version_info(R"({"Version": "20.10.24", "ApiVersion": "1.41",
      "MinAPIVersion": "1.12", "GoVersion": "go1.19.8", "GitCommit": "5d6db84",
      "BuildTime": "2023-05-18T16:27:58.000000000+00:00", "KernelVersion": "6.1.0",
      "Experimental": true, "Os": "linux", "Arch": "amd64"})");
  ASSERT_TRUE(version);
  EXPECT_EQ(version->go_version, "go1.19.8");
  EXPECT_EQ(version->git_commit, "5d6db84");
  EXPECT_EQ(version->kernel_version, "6.1.0");
  EXPECT_TRUE(version->experimental);
  EXPECT_EQ(version->min_api_version, "1.12");
}

}  // namespace
}  // namespace berth::engine
