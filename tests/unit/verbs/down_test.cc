// `down` against the FakeEngine: every container of the project stopped and
// removed, dependents first; then the project's network; named volumes only
// with remove_volumes; and nothing without the project's label touched.
// Outcomes and order only: down's internals are free to change.

#include "tests/unit/verbs/verb_fixture.h"

namespace berth::verbs_test {
namespace {

class DownVerb : public VerbTest {
 protected:
  void SetUp() override {
    VerbTest::SetUp();
    ASSERT_TRUE(up(project)) << progress.text();
    // A container that is not the project's, though it is on the engine too.
    engine::ContainerCreate outsider;
    outsider.name = "outsider";
    outsider.image = k_image;
    outsider.labels = {{"com.docker.compose.project", "other"},
                       {"com.docker.compose.service", "web"}};
    ASSERT_FALSE(engine.add_container(outsider).empty());
    engine.clear_transcript();
  }

  // The change lines about one container, in order.
  std::vector<std::string> changes_of(const std::string& name) const {
    return mentioning(engine.changes(), name);
  }

  const compose::Project project = load(k_three_tiers);
};

TEST_F(DownVerb, StopsAndRemovesDependentsFirstThenTheNetwork) {
  ASSERT_TRUE(down(project)) << progress.text();

  EXPECT_EQ(container_names(), std::vector<std::string>{"outsider"});
  EXPECT_EQ(state_of("outsider"), "running");
  EXPECT_EQ(mentioning(engine.transcript(), "outsider"), std::vector<std::string>{});

  const auto changes = engine.changes();
  for (const std::string name : {"proj-web-1", "proj-api-1", "proj-db-1"}) {
    const auto own = changes_of(name);
    ASSERT_FALSE(own.empty()) << name;
    EXPECT_EQ(own.front().rfind("stop_container " + name, 0), 0u) << own.front();
    EXPECT_EQ(own.back().rfind("remove_container " + name, 0), 0u) << own.back();
  }
  // A dependent is gone before its dependency begins to stop.
  EXPECT_LT(position(changes, changes_of("proj-web-1").back()),
            position(changes, changes_of("proj-api-1").front()));
  EXPECT_LT(position(changes, changes_of("proj-api-1").back()),
            position(changes, changes_of("proj-db-1").front()));
  // The network goes last, after every removal.
  ASSERT_FALSE(changes.empty());
  EXPECT_EQ(changes.back(), "remove_network proj_default");
  const auto networks = engine.network_names();
  EXPECT_EQ(std::count(networks.begin(), networks.end(), "proj_default"), 0);
  // The named volume stays.
  EXPECT_EQ(starting_with(changes, "remove_volume"), std::vector<std::string>{});
  EXPECT_EQ(engine.volume_names(), std::vector<std::string>{"proj_data"});
}

TEST_F(DownVerb, RemoveVolumesRemovesTheNamedVolumeAfterTheContainers) {
  scheduler::DownOptions options;
  options.remove_volumes = true;
  ASSERT_TRUE(down(project, options)) << progress.text();

  const auto changes = engine.changes();
  EXPECT_TRUE(before(changes, "remove_container proj-db-1 force volumes", "remove_volume proj_data"));
  EXPECT_EQ(engine.volume_names(), std::vector<std::string>{});
  EXPECT_EQ(container_names(), std::vector<std::string>{"outsider"});
}

TEST_F(DownVerb, StoppedContainersAreRemovedToo) {
  ASSERT_TRUE(lifecycle(scheduler::Lifecycle::stop, project)) << progress.text();
  engine.clear_transcript();

  ASSERT_TRUE(down(project)) << progress.text();
  EXPECT_EQ(starting_with(sorted(engine.changes()), "remove_container"),
            (std::vector<std::string>{"remove_container proj-api-1 force",
                                      "remove_container proj-db-1 force",
                                      "remove_container proj-web-1 force"}));
  EXPECT_EQ(container_names(), std::vector<std::string>{"outsider"});
}

// Without -t, down gives each service its stop_grace_period, as stop, restart
// and up's recreate do (compose v2 leaves it to the container's StopTimeout,
// which it sets from stop_grace_period).
using DownTimeout = VerbTest;  // without DownVerb's three running services

TEST_F(DownTimeout, GivesEachServiceItsStopGracePeriod) {
  const auto slow = load(R"(services:
  slow:
    image: berth-test/busybox:latest
    stop_grace_period: 30s
)");
  ASSERT_TRUE(up(slow)) << progress.text();
  engine.clear_transcript();

  ASSERT_TRUE(down(slow)) << progress.text();
  EXPECT_EQ(starting_with(engine.changes(), "stop_container proj-slow-1"),
            std::vector<std::string>{"stop_container proj-slow-1 30"});
}

TEST_F(DownVerb, SecondDownChangesNothing) {
  ASSERT_TRUE(down(project)) << progress.text();
  engine.clear_transcript();

  ASSERT_TRUE(down(project)) << progress.text();
  EXPECT_EQ(engine.changes(), std::vector<std::string>{});
}

TEST_F(DownVerb, OrphansAreLeftAndNamedUnlessAsked) {
  // The project file lost its web service since the last up. Stopped: a
  // running orphan keeps its endpoint on the network, which then cannot go.
  ASSERT_TRUE(engine.stop_container("proj-web-1", 0));
  const auto smaller = load(R"(services:
  db:
    image: berth-test/busybox:latest
    volumes: [data:/data]
  api:
    image: berth-test/busybox:latest
    depends_on: [db]
volumes:
  data:
)");
  ASSERT_TRUE(down(smaller)) << progress.text();
  EXPECT_EQ(container_names(), (std::vector<std::string>{"outsider", "proj-web-1"}));
  EXPECT_NE(progress.text().find("orphan containers (proj-web-1)"), std::string::npos)
      << progress.text();
}

TEST_F(DownVerb, RunningOrphanKeepsTheNetworksWithAWarning) {
  // web is gone from the file but still runs: its endpoint holds the network.
  const auto smaller = load(R"(services:
  db:
    image: berth-test/busybox:latest
    volumes: [data:/data]
  api:
    image: berth-test/busybox:latest
    depends_on: [db]
volumes:
  data:
)");
  ASSERT_TRUE(down(smaller)) << progress.text();
  EXPECT_EQ(state_of("proj-web-1"), "running");
  EXPECT_EQ(starting_with(engine.changes(), "remove_network"), std::vector<std::string>{});
  EXPECT_NE(progress.text().find("networks are kept: orphan containers still run on them "
                                 "(proj-web-1)"),
            std::string::npos)
      << progress.text();
}

TEST_F(DownVerb, PlanIsDependentsFirstThenLateContainersThenNetworkThenVolumes) {
  auto observed = scheduler::observe(engine, "proj");
  ASSERT_TRUE(observed);
  scheduler::DownOptions options;
  options.remove_volumes = true;
  const auto graph = scheduler::DependencyGraph::build(project);
  const auto plan = scheduler::plan_down(project, graph, *observed, options);
  EXPECT_EQ(plan.plan.to_string(),
            "[] -> #1 service:web:1, StopContainer, down\n"
            "[1] -> #2 service:web:1, RemoveContainer, down\n"
            "[2] -> #3 service:api:1, StopContainer, down\n"
            "[3] -> #4 service:api:1, RemoveContainer, down\n"
            "[4] -> #5 service:db:1, StopContainer, down\n"
            "[5] -> #6 service:db:1, RemoveContainer, down\n"
            "[2 4 6] -> #7 project:proj, RemoveLateContainers, containers created after the "
            "observation (an interrupted create)\n"
            "[7] -> #8 network:proj_default, RemoveNetwork, down\n"
            "[8] -> #9 volume:proj_data, RemoveVolume, down -v\n");
  EXPECT_TRUE(plan.orphans.empty());
}

}  // namespace
}  // namespace berth::verbs_test
