// DockerEngine against the real dockerd (scripts/setup starts it). Every test
// creates objects under its own unique names and labels, and an RAII guard
// force-removes them even when an assertion fails; nothing else is touched.

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>

#include "engine/engine.h"

namespace berth::engine {
namespace {

using namespace std::chrono_literals;

constexpr const char* k_image = "berth-test/busybox:latest";
constexpr const char* k_test_label = "berth.test.engine";

std::string unique_name() {
  static std::atomic<int> counter{0};
  return "berth-engine-test-" + std::to_string(getpid()) + "-" + std::to_string(counter++);
}

// Remembers what a test created and removes it at scope exit, containers
// first so that networks and volumes are no longer in use.
class EngineObjects {
 public:
  explicit EngineObjects(Engine& engine) : m_engine(engine) {}
  ~EngineObjects() {
    for (const auto& name : m_containers) {
      m_engine.remove_container(name, /*force=*/true, /*remove_volumes=*/true);
    }
    for (const auto& name : m_networks) {
      m_engine.remove_network(name);
    }
    for (const auto& name : m_volumes) {
      m_engine.remove_volume(name);
    }
  }
  EngineObjects(const EngineObjects&) = delete;
  EngineObjects& operator=(const EngineObjects&) = delete;

  // Each returns a fresh name, registered for removal before it exists.
  std::string container() { return remember(m_containers); }
  std::string network() { return remember(m_networks); }
  std::string volume() { return remember(m_volumes); }

 private:
  std::string remember(std::vector<std::string>& names) {
    names.push_back(unique_name());
    return names.back();
  }

  Engine& m_engine;
  std::vector<std::string> m_containers;
  std::vector<std::string> m_networks;
  std::vector<std::string> m_volumes;
};

// A container that runs until told to stop, and stops at once on SIGTERM.
ContainerCreate sleeper(const std::string& name) {
  ContainerCreate spec;
  spec.name = name;
  spec.image = k_image;
  spec.cmd =
      std::vector<std::string>{"sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"};
  spec.labels = {{k_test_label, name}};
  return spec;
}

class EngineClientTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto engine = connect_docker(default_engine_host());
    ASSERT_TRUE(engine.ok()) << engine.error().message;
    m_engine = std::move(engine).value();
    m_objects = std::make_unique<EngineObjects>(*m_engine);
  }
  void TearDown() override { m_objects.reset(); }

  Engine& engine() { return *m_engine; }
  EngineObjects& objects() { return *m_objects; }

 private:
  std::shared_ptr<Engine> m_engine;
  std::unique_ptr<EngineObjects> m_objects;
};

TEST_F(EngineClientTest, PingAndVersion) {
  EXPECT_TRUE(engine().ping().ok());
  const auto version = engine().version();
  ASSERT_TRUE(version.ok()) << version.error().message;
  EXPECT_FALSE(version->version.empty());
  EXPECT_FALSE(version->api_version.empty());
  EXPECT_EQ(version->os, "linux");
}

TEST_F(EngineClientTest, ContainerLifecycle) {
  const std::string name = objects().container();
  ContainerCreate spec = sleeper(name);
  spec.env = {"BERTH_TEST=1"};
  spec.exposed_ports = {"80/tcp"};
  const auto id = engine().create_container(spec);
  ASSERT_TRUE(id.ok()) << id.error().message;
  ASSERT_TRUE(engine().start_container(name).ok());
  EXPECT_TRUE(engine().start_container(*id).ok()) << "already running is not an error";

  const auto details = engine().inspect_container(name);
  ASSERT_TRUE(details.ok()) << details.error().message;
  EXPECT_EQ(details->id, *id);
  EXPECT_EQ(details->name, name);
  EXPECT_TRUE(details->running);
  EXPECT_EQ(details->status, "running");
  EXPECT_EQ(details->labels.at(k_test_label), name);
  EXPECT_NE(std::find(details->env.begin(), details->env.end(), "BERTH_TEST=1"),
            details->env.end());
  EXPECT_EQ(details->exposed_ports, std::vector<std::string>{"80/tcp"});
  EXPECT_EQ(details->networks.count("bridge"), 1u);

  const auto listed = engine().list_containers({std::string(k_test_label) + "=" + name}, true);
  ASSERT_TRUE(listed.ok()) << listed.error().message;
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].name, name);
  EXPECT_EQ((*listed)[0].state, "running");

  const auto started = std::chrono::steady_clock::now();
  ASSERT_TRUE(engine().stop_container(name, 10).ok());
  EXPECT_LT(std::chrono::steady_clock::now() - started, 8s) << "the TERM trap should end it";
  EXPECT_TRUE(engine().stop_container(name, 10).ok()) << "already stopped is not an error";
  const auto stopped = engine().inspect_container(name);
  ASSERT_TRUE(stopped.ok());
  EXPECT_FALSE(stopped->running);
  EXPECT_EQ(stopped->exit_code, 0);
  EXPECT_EQ(engine().list_containers({std::string(k_test_label) + "=" + name}, false)->size(), 0u);

  ASSERT_TRUE(engine().start_container(name).ok());
  ASSERT_TRUE(engine().kill_container(name, "SIGKILL").ok());
  const auto killed = engine().inspect_container(name);
  ASSERT_TRUE(killed.ok());
  EXPECT_FALSE(killed->running);
  EXPECT_EQ(killed->exit_code, 137);

  ASSERT_TRUE(engine().remove_container(name, true, true).ok());
  EXPECT_EQ(engine().inspect_container(name).error().code, ErrorCode::not_found);
}

TEST_F(EngineClientTest, ContainerOnNetworkWithAliases) {
  const std::string network = objects().network();
  const auto network_id = engine().create_network({network, "bridge", {{k_test_label, network}}});
  ASSERT_TRUE(network_id.ok()) << network_id.error().message;

  const std::string name = objects().container();
  ContainerCreate spec = sleeper(name);
  spec.network = EndpointConfig{network, {"web-alias"}, {}};
  ASSERT_TRUE(engine().create_container(spec).ok());
  ASSERT_TRUE(engine().start_container(name).ok());
  const auto details = engine().inspect_container(name);
  ASSERT_TRUE(details.ok());
  ASSERT_EQ(details->networks.count(network), 1u);
  const auto& attachment = details->networks.at(network);
  EXPECT_FALSE(attachment.ip_address.empty());
  EXPECT_NE(std::find(attachment.aliases.begin(), attachment.aliases.end(), "web-alias"),
            attachment.aliases.end());
  const auto in_use = engine().remove_network(network);
  ASSERT_FALSE(in_use.ok()) << "a network in use cannot be removed";
  EXPECT_EQ(in_use.error().code, ErrorCode::server);  // the engine answers 403
  EXPECT_NE(in_use.error().message.find("has active endpoints"), std::string::npos);
}

TEST_F(EngineClientTest, ConnectAndDisconnectASecondNetwork) {
  const std::string first = objects().network();
  ASSERT_TRUE(engine().create_network({first, "bridge", {{k_test_label, first}}}).ok());
  const std::string second = objects().network();
  NetworkCreate spec{second, "bridge", {{k_test_label, second}}};
  spec.ipam_pools = {{"10.214." + std::to_string(getpid() % 250) + ".0/24", "", ""}};
  spec.internal = true;
  ASSERT_TRUE(engine().create_network(spec).ok());

  const std::string name = objects().container();
  ContainerCreate container = sleeper(name);
  container.network = EndpointConfig{first, {"one"}, {}};
  ASSERT_TRUE(engine().create_container(container).ok());
  // Connected after create and before start, as up does.
  EndpointConfig endpoint{"", {"two", "deux"}, {}};
  endpoint.ipv4_address = "10.214." + std::to_string(getpid() % 250) + ".7";
  const auto connected = engine().connect_network(second, name, endpoint);
  ASSERT_TRUE(connected.ok()) << connected.error().message;
  ASSERT_TRUE(engine().start_container(name).ok());
  auto details = engine().inspect_container(name);
  ASSERT_TRUE(details.ok());
  ASSERT_EQ(details->networks.count(second), 1u);
  EXPECT_EQ(details->networks.at(second).ip_address, endpoint.ipv4_address);
  const auto& aliases = details->networks.at(second).aliases;
  EXPECT_NE(std::find(aliases.begin(), aliases.end(), "deux"), aliases.end());
  EXPECT_EQ(details->networks.count(first), 1u);

  ASSERT_TRUE(engine().disconnect_network(second, name, false).ok());
  details = engine().inspect_container(name);
  ASSERT_TRUE(details.ok());
  EXPECT_EQ(details->networks.count(second), 0u);
  EXPECT_EQ(engine().disconnect_network(second, name, false).error().code, ErrorCode::server)
      << "not connected any more";
  EXPECT_EQ(engine().connect_network(objects().network(), name, {}).error().code,
            ErrorCode::not_found);
}

TEST_F(EngineClientTest, NetworkCreateListRemove) {
  const std::string name = objects().network();
  const std::string label = std::string(k_test_label) + "=" + name;
  const auto id = engine().create_network({name, "bridge", {{k_test_label, name}}});
  ASSERT_TRUE(id.ok()) << id.error().message;
  EXPECT_EQ(engine().create_network({name, "bridge", {}}).error().code, ErrorCode::conflict);

  const auto listed = engine().list_networks({label});
  ASSERT_TRUE(listed.ok()) << listed.error().message;
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].id, *id);
  EXPECT_EQ((*listed)[0].name, name);
  EXPECT_EQ((*listed)[0].driver, "bridge");
  EXPECT_EQ((*listed)[0].labels.at(k_test_label), name);

  ASSERT_TRUE(engine().remove_network(name).ok());
  EXPECT_TRUE(engine().list_networks({label})->empty());
  EXPECT_EQ(engine().remove_network(name).error().code, ErrorCode::not_found);
}

TEST_F(EngineClientTest, VolumeCreateListRemove) {
  const std::string name = objects().volume();
  const std::string label = std::string(k_test_label) + "=" + name;
  ASSERT_TRUE(engine().create_volume({name, "local", {{k_test_label, name}}}).ok());

  const auto listed = engine().list_volumes({label});
  ASSERT_TRUE(listed.ok()) << listed.error().message;
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].name, name);
  EXPECT_EQ((*listed)[0].driver, "local");
  EXPECT_EQ((*listed)[0].labels.at(k_test_label), name);

  ASSERT_TRUE(engine().remove_volume(name).ok());
  const auto after = engine().list_volumes({label});
  ASSERT_TRUE(after.ok()) << after.error().message;
  EXPECT_TRUE(after->empty());
  EXPECT_EQ(engine().remove_volume(name).error().code, ErrorCode::not_found);
}

TEST_F(EngineClientTest, ImageInspect) {
  const auto image = engine().inspect_image(k_image);
  ASSERT_TRUE(image.ok()) << image.error().message;
  EXPECT_EQ(image->id.rfind("sha256:", 0), 0u);
  EXPECT_NE(std::find(image->repo_tags.begin(), image->repo_tags.end(), k_image),
            image->repo_tags.end());
  const auto missing = engine().inspect_image("berth-test/no-such-image:" + unique_name());
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::not_found);
}

TEST_F(EngineClientTest, ErrorsCarryCodeAndEngineMessage) {
  const std::string name = unique_name();
  const auto missing = engine().inspect_container(name);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::not_found);
  EXPECT_EQ(missing.error().http_status, 404);
  EXPECT_EQ(missing.error().message, "No such container: " + name);
  EXPECT_EQ(engine().stop_container(name, 1).error().code, ErrorCode::not_found);

  const std::string taken = objects().container();
  ASSERT_TRUE(engine().create_container(sleeper(taken)).ok());
  const auto twice = engine().create_container(sleeper(taken));
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().code, ErrorCode::conflict);
  EXPECT_NE(twice.error().message.find("is already in use"), std::string::npos)
      << twice.error().message;
  EXPECT_EQ(engine().kill_container(taken, "SIGKILL").error().code, ErrorCode::conflict)
      << "killing a container that is not running";
}

TEST_F(EngineClientTest, ParallelCallersShareOneEngine) {
  constexpr int k_callers = 4;
  std::vector<std::string> names;
  for (int i = 0; i < k_callers; ++i) {
    names.push_back(objects().container());
  }
  std::vector<std::string> failures(k_callers);
  std::vector<std::thread> callers;
  for (int i = 0; i < k_callers; ++i) {
    callers.emplace_back([&, i] {
      auto created = engine().create_container(sleeper(names[i]));
      auto inspected = engine().inspect_container(names[i]);
      if (!created.ok() || !inspected.ok() || inspected->name != names[i]) {
        failures[i] = created.ok() ? "inspect failed" : created.error().message;
      }
    });
  }
  for (auto& caller : callers) {
    caller.join();
  }
  for (const auto& failure : failures) {
    EXPECT_EQ(failure, "");
  }
}

}  // namespace
}  // namespace berth::engine
