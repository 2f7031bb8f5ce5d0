#include "scheduler/graph_output.h"

#include <gtest/gtest.h>

#include "project_builder.h"

namespace berth::scheduler {
namespace {

using testing::add_depends_on;
using testing::add_link;
using testing::add_service;

// One edge of each kind, and a depends_on condition of each kind.
compose::Project every_edge_kind() {
  compose::Project project;
  project.name = "shop";
  add_service(project, "web");
  add_service(project, "api");
  add_service(project, "db");
  add_service(project, "migrate");
  add_service(project, "data");
  add_service(project, "sidecar");
  add_link(project, "web", "api");
  add_depends_on(project, "api", "db", compose::DependencyCondition::service_healthy);
  add_depends_on(project, "api", "migrate",
                 compose::DependencyCondition::service_completed_successfully, false);
  add_depends_on(project, "migrate", "db");
  project.services[0].volumes_from.push_back({"data", false, false, {}});
  project.services[5].network_mode.kind = compose::NetworkMode::Kind::service;
  project.services[5].network_mode.target = "web";
  return project;
}

TEST(GraphOutput, LabelsEachEdgeWithItsKind) {
  const auto project = every_edge_kind();
  const auto graph = DependencyGraph::build(project);
  EXPECT_EQ(dependency_graph_dot(project, graph),
            "digraph G {\n"
            "label=\"shop\";\n"
            "0[label=web];\n"
            "1[label=api];\n"
            "2[label=db];\n"
            "3[label=migrate];\n"
            "4[label=data];\n"
            "5[label=sidecar];\n"
            "0->1 [label=link];\n"
            "0->4 [label=volumes_from];\n"
            "1->2 [label=\"depends_on: service_healthy\"];\n"
            "1->3 [label=\"depends_on: service_completed_successfully, required: false\"];\n"
            "3->2 [label=\"depends_on: service_started\"];\n"
            "5->0 [label=network_mode];\n"
            "}\n");
}

TEST(GraphOutput, ServicesWithoutDependenciesAreNodesOnly) {
  compose::Project project;
  project.name = "solo";
  add_service(project, "web");
  const auto graph = DependencyGraph::build(project);
  EXPECT_EQ(dependency_graph_dot(project, graph),
            "digraph G {\nlabel=\"solo\";\n0[label=web];\n}\n");
}

}  // namespace
}  // namespace berth::scheduler
