#include "scheduler/converge/api_requirements.h"

#include <gtest/gtest.h>

#include "compose/config_error.h"
#include "project_builder.h"

namespace berth::scheduler::testing {
namespace {

std::string refusal(const compose::Project& project, const std::vector<std::string>& services) {
  try {
    check_api_requirements(project, services);
  } catch (const compose::ConfigError& error) {
    return error.what();
  }
  return "";
}

TEST(ApiRequirements, OnlyThoseNewerThanTheEngineApiOfTheGivenServices) {
  compose::Project project;
  auto& web = add_service(project, "web");
  web.api_requirements.push_back({{"compose.yaml", 4, 18, "services.web.annotations"}, "1.43"});
  web.api_requirements.push_back({{"compose.yaml", 5, 3, "services.web.old"}, "1.40"});
  auto& db = add_service(project, "db");
  db.api_requirements.push_back({{"compose.yaml", 9, 18, "services.db.annotations"}, "1.43"});
  EXPECT_EQ(refusal(project, {"web"}),
            "compose.yaml:4:18: services.web.annotations: needs engine API 1.43; berth speaks "
            "1.41");
  EXPECT_EQ(refusal(project, {"web", "db"}),
            "compose.yaml:4:18: services.web.annotations: needs engine API 1.43; berth speaks "
            "1.41\ncompose.yaml:9:18: services.db.annotations: needs engine API 1.43; berth "
            "speaks 1.41");
  EXPECT_EQ(refusal(project, {"db"}).find("services.web"), std::string::npos);
}

}  // namespace
}  // namespace berth::scheduler::testing
