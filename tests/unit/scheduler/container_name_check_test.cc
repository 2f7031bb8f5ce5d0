#include "scheduler/converge/container_name_check.h"

#include <gtest/gtest.h>

#include "compose/config_error.h"
#include "project_builder.h"

namespace berth::scheduler::testing {
namespace {

std::string refusal(const compose::Project& project, const std::vector<std::string>& services) {
  try {
    check_container_names(project, services);
  } catch (const compose::ConfigError& error) {
    return error.what();
  }
  return "";
}

TEST(ContainerNameCheck, TwoStartingServicesWithOneNameAreRefused) {
  compose::Project project;
  auto& web = add_service(project, "web");
  web.container_name = "same";
  web.container_name_pos = {"compose.yaml", 4, 21, "services.web.container_name"};
  auto& worker = add_service(project, "worker");
  worker.container_name = "same";
  worker.container_name_pos = {"compose.yaml", 7, 21, "services.worker.container_name"};
  add_service(project, "db");
  EXPECT_EQ(refusal(project, {"web", "worker", "db"}),
            "compose.yaml:7:21: services.worker.container_name: services \"web\" and \"worker\" "
            "have the same container_name \"same\"; one engine holds one container of a name");
  // One of them alone starts (a file may give both the name in different
  // profiles, as hoppscotch does).
  EXPECT_EQ(refusal(project, {"web", "db"}), "");
  EXPECT_EQ(refusal(project, {"worker"}), "");
}

}  // namespace
}  // namespace berth::scheduler::testing
