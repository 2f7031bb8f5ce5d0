#include "scheduler/dependency_graph.h"

#include <gtest/gtest.h>

#include "compose/config_error.h"
#include "project_builder.h"

namespace berth::scheduler {
namespace {

using testing::add_depends_on;
using testing::add_link;
using testing::add_service;

using Names = std::vector<std::string>;

TEST(DependencyGraph, StartsDependenciesFirstAndKeepsFileOrderOtherwise) {
  compose::Project project;
  add_service(project, "web");
  add_service(project, "api");
  add_service(project, "db");
  add_service(project, "cache");
  add_link(project, "web", "api");
  add_depends_on(project, "api", "db");
  auto graph = DependencyGraph::build(project);
  EXPECT_EQ(graph.start_order(), (Names{"db", "api", "web", "cache"}));
  EXPECT_EQ(graph.stop_order(), (Names{"cache", "web", "api", "db"}));
}

TEST(DependencyGraph, GroupsIndependentServicesIntoLevels) {
  compose::Project project;
  add_service(project, "web");
  add_service(project, "db");
  add_service(project, "cache");
  add_link(project, "web", "db");
  add_link(project, "web", "cache");
  auto graph = DependencyGraph::build(project);
  auto levels = graph.start_levels();
  ASSERT_EQ(levels.size(), 2u);
  EXPECT_EQ(levels[0], (Names{"db", "cache"}));
  EXPECT_EQ(levels[1], (Names{"web"}));
}

TEST(DependencyGraph, NamesTheCycle) {
  compose::Project project;
  add_service(project, "web");
  add_service(project, "api");
  add_service(project, "db");
  add_link(project, "web", "api");
  add_depends_on(project, "api", "db");
  add_link(project, "db", "web");
  try {
    DependencyGraph::build(project);
    FAIL() << "a cycle was accepted";
  } catch (const compose::ConfigError& error) {
    EXPECT_EQ(std::string(error.what()),
              "compose.yaml:2:3: services.web: dependency cycle: web -> api -> db -> web");
  }
}

TEST(DependencyGraph, NamesASelfLinkAsACycle) {
  compose::Project project;
  add_service(project, "web");
  add_link(project, "web", "web");
  EXPECT_THROW(
      {
        try {
          DependencyGraph::build(project);
        } catch (const compose::ConfigError& error) {
          EXPECT_EQ(std::string(error.what()),
                    "compose.yaml:2:3: services.web: dependency cycle: web -> web");
          throw;
        }
      },
      compose::ConfigError);
}

TEST(DependencyGraph, MissingDependencyNamesBothServices) {
  compose::Project project;
  add_service(project, "web");
  add_link(project, "web", "dbx");
  try {
    DependencyGraph::build(project);
    FAIL() << "a link to an undefined service was accepted";
  } catch (const compose::ConfigError& error) {
    EXPECT_EQ(std::string(error.what()),
              "compose.yaml:9:9: services.web.links[0]: service \"web\" links to undefined "
              "service \"dbx\"");
  }
}

TEST(DependencyGraph, WithDependenciesAddsWhatIsNeededInStartOrder) {
  compose::Project project;
  add_service(project, "web");
  add_service(project, "api");
  add_service(project, "db");
  add_service(project, "other");
  add_link(project, "web", "api");
  add_link(project, "api", "db");
  auto graph = DependencyGraph::build(project);
  EXPECT_EQ(graph.with_dependencies({"web"}), (Names{"db", "api", "web"}));
  EXPECT_EQ(graph.with_dependencies({"api"}), (Names{"db", "api"}));
  EXPECT_EQ(graph.dependents_of("api"), (Names{"web"}));
}

}  // namespace
}  // namespace berth::scheduler
