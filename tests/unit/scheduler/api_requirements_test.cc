#include "scheduler/api_requirements.h"

#include <gtest/gtest.h>

#include "project_builder.h"

namespace berth::scheduler::testing {
namespace {

TEST(ApiRequirements, OnlyThoseNewerThanTheEngineApiOfTheGivenServices) {
  compose::Project project;
  auto& web = add_service(project, "web");
  web.api_requirements.push_back({{"compose.yaml", 4, 18, "services.web.annotations"}, "1.43"});
  web.api_requirements.push_back({{"compose.yaml", 5, 3, "services.web.old"}, "1.40"});
  auto& db = add_service(project, "db");
  db.api_requirements.push_back({{"compose.yaml", 9, 18, "services.db.annotations"}, "1.43"});
  EXPECT_EQ(unmet_api_requirements(project, {"web"}),
            (std::vector<std::string>{"compose.yaml:4:18: services.web.annotations: needs "
                                      "engine API 1.43; berth speaks 1.41"}));
  EXPECT_EQ(unmet_api_requirements(project, {"web", "db"}).size(), 2u);
  EXPECT_TRUE(unmet_api_requirements(project, {"web"}, "1.43").empty());
  // Compared as numbers, not text: 1.40 and 1.43 are both newer than 1.9.
  EXPECT_EQ(unmet_api_requirements(project, {"web"}, "1.9").size(), 2u);
}

}  // namespace
}  // namespace berth::scheduler::testing
