// The FakeEngine itself: the verb tests are only as good as its likeness to
// dockerd, so the rules they rely on are pinned here.

#include "tests/fake/fake_engine.h"

#include <gtest/gtest.h>

#include <condition_variable>
#include <mutex>
#include <thread>

namespace berth::testing {
namespace {

using namespace std::chrono_literals;

class Fake : public ::testing::Test {
 protected:
  void SetUp() override { engine.add_image("busybox:latest", "sha256:b0b0", {"PATH=/bin"}); }

  engine::ContainerCreate spec(const std::string& name,
                               std::map<std::string, std::string> labels = {}) {
    engine::ContainerCreate out;
    out.name = name;
    out.image = "busybox";
    out.labels = std::move(labels);
    return out;
  }

  FakeEngine engine;
};

TEST_F(Fake, NamesAreUniqueAndARunningContainerNeedsForceToGo) {
  ASSERT_TRUE(engine.create_container(spec("a")));
  auto twice = engine.create_container(spec("a"));
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, engine::ErrorCode::conflict);

  ASSERT_TRUE(engine.start_container("a"));
  auto refused = engine.remove_container("a", false, false);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, engine::ErrorCode::conflict);
  EXPECT_TRUE(engine.remove_container("a", true, false));
  EXPECT_FALSE(engine.container("a"));
  EXPECT_EQ(engine.remove_container("a", true, false).error().code,
            engine::ErrorCode::not_found);
}

TEST_F(Fake, RenameIntoATakenNameIsRefused) {
  ASSERT_TRUE(engine.create_container(spec("a")));
  ASSERT_TRUE(engine.create_container(spec("b")));
  EXPECT_EQ(engine.rename_container("b", "a").error().code, engine::ErrorCode::conflict);
  EXPECT_TRUE(engine.rename_container("b", "c"));
  EXPECT_TRUE(engine.container("c"));
}

TEST_F(Fake, TranscriptNamesContainersAndChangesLeaveReadsOut) {
  auto id = engine.create_container(spec("web"));
  ASSERT_TRUE(id);
  ASSERT_TRUE(engine.start_container(*id));
  ASSERT_TRUE(engine.inspect_container(*id));
  auto replacement = spec(id->substr(0, 12) + "_web");
  ASSERT_TRUE(engine.create_container(replacement));
  ASSERT_TRUE(engine.stop_container("web", 7));
  EXPECT_EQ(engine.transcript(), (std::vector<std::string>{
                                     "create_container web",
                                     "start_container web",
                                     "inspect_container web",
                                     "create_container tmp_web",
                                     "stop_container web 7",
                                 }));
  EXPECT_EQ(engine.changes(), (std::vector<std::string>{
                                  "create_container web",
                                  "start_container web",
                                  "create_container tmp_web",
                                  "stop_container web 7",
                              }));
}

TEST_F(Fake, ListsByLabelKeyOrKeyAndValueRunningOnlyUnlessAll) {
  ASSERT_TRUE(engine.create_container(spec("a", {{"p", "one"}})));
  ASSERT_TRUE(engine.create_container(spec("b", {{"p", "two"}})));
  ASSERT_TRUE(engine.create_container(spec("c")));
  ASSERT_TRUE(engine.start_container("a"));
  auto names = [&](const engine::LabelFilter& filter, bool all) {
    std::vector<std::string> out;
    const auto rows = engine.list_containers(filter, all);
    for (const auto& row : rows.value()) {
      out.push_back(row.name);
    }
    std::sort(out.begin(), out.end());
    return out;
  };
  EXPECT_EQ(names({"p"}, true), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(names({"p=two"}, true), std::vector<std::string>{"b"});
  EXPECT_EQ(names({"p"}, false), std::vector<std::string>{"a"});
  EXPECT_EQ(names({}, true), (std::vector<std::string>{"a", "b", "c"}));
}

TEST_F(Fake, NetworkWithARunningContainerCannotBeRemoved) {
  engine::NetworkCreate network;
  network.name = "n";
  ASSERT_TRUE(engine.create_network(network));
  auto on_network = spec("a");
  on_network.network = engine::EndpointConfig{"n", {"alias"}, {}};
  ASSERT_TRUE(engine.create_container(on_network));
  ASSERT_TRUE(engine.start_container("a"));
  auto refused = engine.remove_network("n");
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("active endpoints"), std::string::npos);
  ASSERT_TRUE(engine.stop_container("a", 0));
  EXPECT_TRUE(engine.remove_network("n"));
  // Its container cannot start without it.
  EXPECT_EQ(engine.start_container("a").error().code, engine::ErrorCode::not_found);
}

TEST_F(Fake, MissingImageAndMissingNetworkAreNotFound) {
  auto no_image = spec("a");
  no_image.image = "nothere";
  EXPECT_EQ(engine.create_container(no_image).error().code, engine::ErrorCode::not_found);
  EXPECT_EQ(engine.inspect_image("nothere").error().code, engine::ErrorCode::not_found);
  auto no_network = spec("b");
  no_network.network = engine::EndpointConfig{"nonet", {}, {}};
  EXPECT_EQ(engine.create_container(no_network).error().code, engine::ErrorCode::not_found);
  EXPECT_FALSE(engine.pull_image("busybox:1", "", {}));  // no registry
}

TEST_F(Fake, InspectionCarriesImageEnvironmentHealthAndANewStartTimeEachRun) {
  auto checked = spec("a");
  checked.env = {"A=1"};
  checked.healthcheck = engine::HealthConfig{{"CMD", "true"}};
  ASSERT_TRUE(engine.create_container(checked));
  ASSERT_TRUE(engine.start_container("a"));
  auto first = engine.inspect_container("a");
  ASSERT_TRUE(first);
  EXPECT_EQ(first->env, (std::vector<std::string>{"PATH=/bin", "A=1"}));
  EXPECT_EQ(first->image, "sha256:b0b0");
  ASSERT_TRUE(first->health);
  EXPECT_EQ(first->health->status, "healthy");
  ASSERT_TRUE(engine.restart_container("a", 1));
  EXPECT_NE(engine.inspect_container("a")->started_at, first->started_at);
  engine.set_health("a", "unhealthy", "boom");
  auto sick = engine.inspect_container("a");
  EXPECT_EQ(sick->health->status, "unhealthy");
  EXPECT_EQ(sick->health->log.back().output, "boom");
}

TEST_F(Fake, EventsMatchingTheFilterArriveInOrderOnTheSubscriptionsThread) {
  std::mutex mutex;
  std::condition_variable arrived;
  std::vector<std::string> seen;
  const auto caller = std::this_thread::get_id();
  bool other_thread = true;
  auto subscription = engine.subscribe_events(
      {{"p=one"}, {"container"}},
      [&](const engine::Event& event) {
        std::lock_guard lock(mutex);
        other_thread = other_thread && std::this_thread::get_id() != caller;
        seen.push_back(event.attributes.at("name") + " " + event.action);
        arrived.notify_all();
      },
      {});
  ASSERT_TRUE(subscription);
  ASSERT_TRUE(engine.create_container(spec("a", {{"p", "one"}})));
  ASSERT_TRUE(engine.create_container(spec("b", {{"p", "two"}})));
  ASSERT_TRUE(engine.start_container("b"));
  ASSERT_TRUE(engine.start_container("a"));
  engine.exit_container("a", 3);
  std::unique_lock lock(mutex);
  ASSERT_TRUE(arrived.wait_for(lock, 2s, [&] { return seen.size() >= 3; }));
  EXPECT_EQ(seen, (std::vector<std::string>{"a create", "a start", "a die"}));
  EXPECT_TRUE(other_thread);
}

TEST_F(Fake, WaitReturnsTheExitCodeOnceTheContainerStops) {
  ASSERT_TRUE(engine.create_container(spec("a")));
  ASSERT_TRUE(engine.start_container("a"));
  EXPECT_EQ(engine.wait_container("a", 10ms).error().code, engine::ErrorCode::timeout);
  std::thread exits([&] {
    std::this_thread::sleep_for(20ms);
    engine.exit_container("a", 4);
  });
  auto code = engine.wait_container("a", 2s);
  exits.join();
  ASSERT_TRUE(code);
  EXPECT_EQ(*code, 4);
}

TEST_F(Fake, InjectedFailureChangesNothing) {
  engine.fail_call("create_container a", {engine::ErrorCode::server, 500, "disk full"});
  auto failed = engine.create_container(spec("a"));
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().message, "disk full");
  EXPECT_FALSE(engine.container("a"));
  EXPECT_TRUE(engine.create_container(spec("a")));  // once only
}

}  // namespace
}  // namespace berth::testing
