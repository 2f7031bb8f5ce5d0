#include "scheduler/project/project_listing.h"

#include <gtest/gtest.h>

namespace berth::scheduler {
namespace {

engine::ContainerSummary container(const std::string& project, const std::string& state,
                                   const std::string& files = "") {
  engine::ContainerSummary summary;
  summary.state = state;
  if (!project.empty()) {
    summary.labels["com.docker.compose.project"] = project;
  }
  if (!files.empty()) {
    summary.labels["com.docker.compose.project.config_files"] = files;
  }
  return summary;
}

TEST(ProjectListing, CountsStatesAlphabeticallyAsComposeV2) {
  EXPECT_EQ(combined_status({"running", "exited", "running", "created"}),
            "created(1), exited(1), running(2)");
  EXPECT_EQ(combined_status({"running"}), "running(1)");
  EXPECT_EQ(combined_status({}), "");
}

TEST(ProjectListing, GroupsContainersByProjectLabel) {
  const auto rows = project_rows({container("web", "running", "/srv/web/compose.yaml"),
                                  container("api", "exited", "/srv/api/a.yml,/srv/api/b.yml"),
                                  container("web", "exited"), container("", "running"),
                                  container("web", "running")});
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].name, "api");
  EXPECT_EQ(rows[0].status, "exited(1)");
  EXPECT_EQ(rows[0].config_files, "/srv/api/a.yml,/srv/api/b.yml");
  EXPECT_EQ(rows[1].name, "web");
  EXPECT_EQ(rows[1].status, "exited(1), running(2)");
  EXPECT_EQ(rows[1].config_files, "/srv/web/compose.yaml");
}

TEST(ProjectListing, WritesJsonAsComposeV2) {
  EXPECT_EQ(project_rows_json({{"web", "running(1)", "/x/compose.yaml"}}),
            R"js([{"ConfigFiles":"/x/compose.yaml","Name":"web","Status":"running(1)"}])js");
  EXPECT_EQ(project_rows_json({}), "[]");
}

}  // namespace
}  // namespace berth::scheduler
