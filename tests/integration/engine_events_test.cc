// The engine's /events stream, health, wait and restart against the real
// dockerd. Every test labels its containers with a label of its own, filters
// the stream on it and force-removes what carries it at scope exit, even when
// an assertion fails.

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>

#include "engine/engine.h"
#include "harness.h"

namespace berth::engine {
namespace {

using namespace std::chrono_literals;

constexpr const char* k_image = "berth-test/busybox:latest";
constexpr const char* k_label = "berth.test.events";

// Removes every container carrying `label=value`; declared before the
// subscription and collector of a test, so it runs after them.
class LabelledContainers {
 public:
  explicit LabelledContainers(const std::string& hint)
      : m_value(testing::unique_project_name(hint)) {}
  ~LabelledContainers() {
    auto& engine = testing::test_engine();
    if (auto containers = engine.list_containers({filter()}, /*all=*/true)) {
      for (const auto& container : *containers) {
        engine.remove_container(container.id, /*force=*/true, /*remove_volumes=*/true);
      }
    }
  }
  LabelledContainers(const LabelledContainers&) = delete;
  LabelledContainers& operator=(const LabelledContainers&) = delete;

  std::string filter() const { return std::string(k_label) + "=" + m_value; }

  // Creates a container running `cmd` with the label; its ID, or a failure.
  std::string create(std::vector<std::string> cmd,
                     std::optional<HealthConfig> healthcheck = std::nullopt) {
    ContainerCreate spec;
    spec.name = testing::unique_project_name("ev");
    spec.image = k_image;
    spec.cmd = std::move(cmd);
    spec.labels = {{k_label, m_value}};
    spec.healthcheck = std::move(healthcheck);
    auto id = testing::test_engine().create_container(spec);
    EXPECT_TRUE(id.ok()) << id.error().message;
    return id.ok() ? *id : std::string();
  }

 private:
  std::string m_value;
};

// Collects what a subscription delivers, for the test's thread to wait on.
class Collector {
 public:
  Engine::EventHandler on_event() {
    return [this](const Event& event) {
      std::lock_guard lock(m_mutex);
      m_events.push_back(event);
      m_changed.notify_all();
    };
  }
  Engine::EventStreamEnded on_end() {
    return [this](const Error& error) {
      std::lock_guard lock(m_mutex);
      m_ends.push_back(error);
      m_changed.notify_all();
    };
  }

  // The first event (seen or to come) that `matches`, within `timeout`.
  std::optional<Event> wait_for(const std::function<bool(const Event&)>& matches,
                                std::chrono::milliseconds timeout) {
    std::unique_lock lock(m_mutex);
    std::optional<Event> found;
    m_changed.wait_for(lock, timeout, [&] {
      for (const auto& event : m_events) {
        if (matches(event)) {
          found = event;
          return true;
        }
      }
      return false;
    });
    return found;
  }

  std::size_t ends() {
    std::lock_guard lock(m_mutex);
    return m_ends.size();
  }

 private:
  std::mutex m_mutex;
  std::condition_variable m_changed;
  std::vector<Event> m_events;
  std::vector<Error> m_ends;
};

std::unique_ptr<EventSubscription> subscribe(const LabelledContainers& containers,
                                             Collector& collector) {
  auto subscription = testing::test_engine().subscribe_events(
      {{containers.filter()}, {"container"}}, collector.on_event(), collector.on_end());
  EXPECT_TRUE(subscription.ok()) << subscription.error().message;
  return subscription.ok() ? std::move(subscription).value() : nullptr;
}

std::function<bool(const Event&)> action_of(const std::string& action, const std::string& id) {
  return [action, id](const Event& event) {
    return event.type == "container" && event.action == action && event.id == id;
  };
}

const std::vector<std::string> k_sleep = {"sleep", "30"};

TEST(EngineEvents, StartAndDieArriveWithTheFullId) {
  LabelledContainers containers("evstart");
  Collector collector;
  auto subscription = subscribe(containers, collector);
  ASSERT_TRUE(subscription);
  auto& engine = testing::test_engine();
  const std::string id = containers.create(k_sleep);
  ASSERT_FALSE(id.empty());
  ASSERT_EQ(id.size(), 64u) << "create gives the full ID";
  ASSERT_TRUE(engine.start_container(id).ok());
  const auto started = collector.wait_for(action_of("start", id), 5s);
  ASSERT_TRUE(started) << "no start event within 5 s";
  EXPECT_GT(started->time_nano, 0);
  EXPECT_EQ(started->attributes.at(k_label), containers.filter().substr(strlen(k_label) + 1));

  ASSERT_TRUE(engine.kill_container(id, "SIGKILL").ok());
  const auto died = collector.wait_for(action_of("die", id), 5s);
  ASSERT_TRUE(died) << "no die event within 5 s";
  EXPECT_EQ(died->attributes.at("exitCode"), "137");
  EXPECT_EQ(collector.ends(), 0u);
}

TEST(EngineEvents, HealthCheckReportsHealthyInEventsAndInspect) {
  LabelledContainers containers("evhealth");
  Collector collector;
  auto subscription = subscribe(containers, collector);
  ASSERT_TRUE(subscription);
  auto& engine = testing::test_engine();
  HealthConfig health;
  health.test = {"CMD-SHELL", "true"};
  health.interval = 1'000'000'000;
  const std::string id = containers.create(k_sleep, health);
  ASSERT_FALSE(id.empty());
  ASSERT_TRUE(engine.start_container(id).ok());
  ASSERT_TRUE(collector.wait_for(action_of("health_status: healthy", id), 15s))
      << "no health_status: healthy event within 15 s";

  const auto details = engine.inspect_container(id);
  ASSERT_TRUE(details.ok()) << details.error().message;
  ASSERT_TRUE(details->health.has_value());
  EXPECT_EQ(details->health->status, "healthy");
  EXPECT_EQ(details->health->failing_streak, 0);
  ASSERT_FALSE(details->health->log.empty());
  EXPECT_EQ(details->health->log.back().exit_code, 0);
  EXPECT_FALSE(details->health->log.back().start.empty());
  EXPECT_FALSE(details->health->log.back().end.empty());
}

TEST(EngineEvents, InspectWithoutHealthCheckAndRestartPolicy) {
  LabelledContainers containers("evpolicy");
  auto& engine = testing::test_engine();
  ContainerCreate spec;
  spec.name = testing::unique_project_name("ev");
  spec.image = k_image;
  spec.cmd = k_sleep;
  spec.labels = {{k_label, containers.filter().substr(strlen(k_label) + 1)}};
  spec.restart_policy = "on-failure:2";
  ASSERT_TRUE(engine.create_container(spec).ok());
  const auto details = engine.inspect_container(spec.name);
  ASSERT_TRUE(details.ok()) << details.error().message;
  EXPECT_FALSE(details->health.has_value());
  EXPECT_EQ(details->restart_policy, "on-failure");
  const auto image = engine.inspect_image(k_image);
  ASSERT_TRUE(image.ok()) << image.error().message;
  EXPECT_TRUE(image->healthcheck_test.empty());
}

TEST(EngineEvents, WaitGivesTheExitCode) {
  LabelledContainers containers("evwait");
  auto& engine = testing::test_engine();
  const std::string id = containers.create({"sh", "-c", "exit 3"});
  ASSERT_FALSE(id.empty());
  ASSERT_TRUE(engine.start_container(id).ok());
  const auto code = engine.wait_container(id, 10s);
  ASSERT_TRUE(code.ok()) << code.error().message;
  EXPECT_EQ(*code, 3);
}

TEST(EngineEvents, WaitTimesOut) {
  LabelledContainers containers("evwaitto");
  auto& engine = testing::test_engine();
  const std::string id = containers.create(k_sleep);
  ASSERT_FALSE(id.empty());
  ASSERT_TRUE(engine.start_container(id).ok());
  const auto started = std::chrono::steady_clock::now();
  const auto code = engine.wait_container(id, 300ms);
  const auto took = std::chrono::steady_clock::now() - started;
  ASSERT_FALSE(code.ok());
  EXPECT_EQ(code.error().code, ErrorCode::timeout) << code.error().message;
  EXPECT_GE(took, 250ms);
  EXPECT_LT(took, 2s);
  EXPECT_EQ(engine.wait_container("berth-no-such-container-xyz", 5s).error().code,
            ErrorCode::not_found);
}

TEST(EngineEvents, RestartChangesStartedAt) {
  LabelledContainers containers("evrestart");
  auto& engine = testing::test_engine();
  const std::string id = containers.create(k_sleep);
  ASSERT_FALSE(id.empty());
  ASSERT_TRUE(engine.start_container(id).ok());
  const auto before = engine.inspect_container(id);
  ASSERT_TRUE(before.ok());
  ASSERT_TRUE(engine.restart_container(id, 0).ok());
  const auto after = engine.inspect_container(id);
  ASSERT_TRUE(after.ok());
  EXPECT_TRUE(after->running);
  EXPECT_NE(after->started_at, before->started_at);
  EXPECT_EQ(engine.restart_container("berth-no-such-container-xyz", 0).error().code,
            ErrorCode::not_found);
}

TEST(EngineEvents, DestroyingWhileEventsFlowIsPromptAndFinal) {
  LabelledContainers containers("evdestroy");
  auto& engine = testing::test_engine();
  const std::string id = containers.create(k_sleep);
  ASSERT_FALSE(id.empty());
  ASSERT_TRUE(engine.start_container(id).ok());

  std::atomic<bool> destroyed{false};
  std::atomic<int> delivered{0};
  std::atomic<int> late{0};
  auto subscription = engine.subscribe_events(
      {{containers.filter()}, {}},
      [&](const Event&) {
        if (destroyed) {
          ++late;
        }
        ++delivered;
        std::this_thread::sleep_for(20ms);  // a slow consumer: destruction waits for it
      },
      [&](const Error&) { ++late; });
  ASSERT_TRUE(subscription.ok()) << subscription.error().message;

  // Pausing and unpausing keeps events coming until told to stop.
  std::atomic<bool> stop_churn{false};
  std::thread churn([&] {
    while (!stop_churn) {
      engine.pause_container(id);
      engine.unpause_container(id);
    }
  });
  for (int waited = 0; delivered < 4 && waited < 100; ++waited) {
    std::this_thread::sleep_for(50ms);
  }
  EXPECT_GE(delivered, 4);
  const auto started = std::chrono::steady_clock::now();
  subscription.value().reset();
  const auto took = std::chrono::steady_clock::now() - started;
  destroyed = true;
  std::this_thread::sleep_for(300ms);
  stop_churn = true;
  churn.join();
  EXPECT_LT(took, 1s);
  EXPECT_EQ(late, 0) << "a callback ran after the subscription was destroyed";
}

}  // namespace
}  // namespace berth::engine
