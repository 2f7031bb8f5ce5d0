// Zero-downtime changes of the couchdb REST demo's api service behind web's
// balancer (issue 21): while a client sends 25 requests a second through the
// balancer, each on a new connection, berth replaces, rescales and restarts
// api. api replaces start-first (deploy.update_config) and web reloads Apache
// in place (x-berth-reload) instead of being recreated, so not one request may
// fail. Each test prints the client's p50/p99 latency and how long the change
// took; each has its own stack (project, port, copy of the example).

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <thread>

#include "demo_stack.h"
#include "load_client.h"

namespace berth::testing {
namespace {

constexpr int k_requests_per_second = 25;
// After berth returns, the client goes on for this long: a member taken out
// at the end of the change is drained and stopped meanwhile.
constexpr auto k_settle = std::chrono::seconds(3);

std::string container_id(const std::string& name) {
  auto details = test_engine().inspect_container(name);
  return details ? details->id : "";
}

// Name -> ID of the project's running api containers.
std::map<std::string, std::string> api_ids(const DemoStack& stack) {
  std::map<std::string, std::string> ids;
  for (const auto& name : stack.api_containers()) {
    ids[name] = container_id(name);
  }
  return ids;
}

// The api learns its container's name once, when it starts (X-Instance). A
// start-first replacement starts under a temporary name, "<12 hex digits of
// its ID>_<name>", and is renamed once the old container is gone: it goes on
// calling itself by the temporary name.
std::string without_temporary_prefix(const std::string& instance) {
  const auto underscore = instance.find('_');
  if (underscore == 12 &&
      instance.find_first_not_of("0123456789abcdef") == underscore) {
    return instance.substr(underscore + 1);
  }
  return instance;
}

size_t balancer_members(const std::string& web_container) {
  auto conf = run_shell("/usr/bin/docker exec " + web_container +
                        " cat /etc/apache2/api-balancer.conf");
  size_t members = 0;
  for (auto at = conf.out.find("BalancerMember"); at != std::string::npos;
       at = conf.out.find("BalancerMember", at + 1)) {
    ++members;
  }
  return members;
}

// The demo stack with api=3 and the load client, which runs until
// finish_load(). The test's change goes through change(): berth's exit code,
// output and time.
class ZeroDowntime : public ::testing::Test {
 protected:
  void start_stack(const std::string& hint) {
    m_stack = std::make_unique<DemoStack>(hint);
    const auto began = std::chrono::steady_clock::now();
    ASSERT_NO_FATAL_FAILURE(m_stack->up(3));
    std::printf("stack up (api=3) in %.1f s\n",
                std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count());
    m_web = m_stack->name() + "-web-1";
    m_web_id = container_id(m_web);
    m_load = std::make_unique<LoadClient>(m_stack->port(), "/api/notes", k_requests_per_second);
    m_load->start();
    // Warm: the client's first second answered before anything changes.
    ASSERT_TRUE(eventually([&] { return m_load->sent() >= k_requests_per_second; }, 30));
  }

  CommandResult change(const std::string& args) {
    auto result = m_stack->berth(args);
    std::printf("change `berth %s` took %.1f s (exit %d)\n%s%s", args.c_str(), result.seconds,
                result.exit_code, result.out.c_str(), result.err.c_str());
    std::fflush(stdout);
    return result;
  }

  // Stops the client after the settle time; every request must have had a
  // 2xx answer, at no less than 20 requests a second.
  void finish_load() {
    std::this_thread::sleep_for(k_settle);
    const auto summary = m_load->stop();
    EXPECT_EQ(summary.failed, 0) << summary.to_string();
    EXPECT_GE(summary.sent, static_cast<int>(20 * summary.seconds)) << summary.to_string();
  }

  // web's container is the one the test began with, and berth's output has
  // its "Container <web> Reloaded" progress line.
  void expect_web_reloaded_not_recreated(const CommandResult& change) const {
    EXPECT_EQ(container_id(m_web), m_web_id) << m_web << " was recreated, not reloaded";
    bool reloaded = false;
    for (const auto& line : lines_of(change.out + change.err)) {
      reloaded = reloaded || (line.find("Container " + m_web) != std::string::npos &&
                              line.find("Reloaded") != std::string::npos);
    }
    EXPECT_TRUE(reloaded) << "no \"Container " << m_web << " Reloaded\" line:\n"
                          << change.out << change.err;
  }

  void expect_web_untouched() const {
    EXPECT_EQ(container_id(m_web), m_web_id) << m_web << " was recreated";
  }

  // Every running api container answers through the balancer, and the
  // balancer has exactly one member per container.
  void expect_every_api_serves(size_t containers) const {
    const auto names = m_stack->api_containers();
    EXPECT_EQ(names.size(), containers);
    EXPECT_EQ(balancer_members(m_web), containers);
    std::set<std::string> answering;
    for (const auto& instance : m_stack->instances_answering(static_cast<int>(containers) * 8)) {
      answering.insert(without_temporary_prefix(instance));
    }
    EXPECT_EQ(answering, names);
  }

  // Destroyed in reverse: the client stops before the stack goes, whatever failed.
  std::unique_ptr<DemoStack> m_stack;
  std::unique_ptr<LoadClient> m_load;
  std::string m_web;
  std::string m_web_id;
};

TEST_F(ZeroDowntime, UpAfterAnEnvironmentChangeReplacesApiWithoutAFailedRequest) {
  ASSERT_NO_FATAL_FAILURE(start_stack("zdenv"));
  const auto before = api_ids(*m_stack);
  // A new release through interpolation: API_RELEASE: ${API_RELEASE:-1}.
  std::ofstream(m_stack->dir() + "/.env") << "API_RELEASE=2\n";

  auto up = change("up -d --no-build --scale api=3 --wait --wait-timeout 240");
  finish_load();
  ASSERT_EQ(up.exit_code, 0) << up.out << up.err;

  const auto after = api_ids(*m_stack);
  ASSERT_EQ(after.size(), 3u);
  for (const auto& [name, id] : after) {
    EXPECT_NE(before.at(name), id) << name << " was not replaced";
    EXPECT_EQ(container_env(name)["API_RELEASE"], "2") << name;
  }
  expect_web_reloaded_not_recreated(up);
  expect_every_api_serves(3);
}

TEST_F(ZeroDowntime, ScaleTo5ThenTo2WithoutAFailedRequest) {
  ASSERT_NO_FATAL_FAILURE(start_stack("zdscale"));

  auto up5 = change("scale api=5");
  ASSERT_EQ(up5.exit_code, 0) << up5.out << up5.err;
  EXPECT_EQ(m_stack->api_containers().size(), 5u);
  EXPECT_EQ(balancer_members(m_web), 5u);
  expect_web_reloaded_not_recreated(up5);

  auto down2 = change("scale api=2");
  finish_load();
  ASSERT_EQ(down2.exit_code, 0) << down2.out << down2.err;
  expect_web_reloaded_not_recreated(down2);
  expect_every_api_serves(2);
}

TEST_F(ZeroDowntime, RestartApiWithoutAFailedRequest) {
  ASSERT_NO_FATAL_FAILURE(start_stack("zdrestart"));
  const auto before = api_ids(*m_stack);

  auto restart = change("restart api");
  finish_load();
  ASSERT_EQ(restart.exit_code, 0) << restart.out << restart.err;
  EXPECT_EQ(api_ids(*m_stack), before) << "restart must keep the containers";
  expect_web_reloaded_not_recreated(restart);
  expect_every_api_serves(3);
}

TEST_F(ZeroDowntime, ForceRecreateApiWithoutAFailedRequest) {
  ASSERT_NO_FATAL_FAILURE(start_stack("zdforce"));
  const auto before = api_ids(*m_stack);
  const std::string couchdb = m_stack->name() + "-couchdb-1";
  const std::string couchdb_id = container_id(couchdb);

  auto up = change("up -d --no-build --force-recreate --scale api=3 --wait --wait-timeout 240 api");
  finish_load();
  ASSERT_EQ(up.exit_code, 0) << up.out << up.err;
  // As compose v2: --force-recreate is for the services named; a dependency
  // is recreated only when its configuration changed.
  EXPECT_EQ(container_id(couchdb), couchdb_id) << couchdb << " (api's dependency) was recreated";
  const auto after = api_ids(*m_stack);
  ASSERT_EQ(after.size(), 3u);
  for (const auto& [name, id] : after) {
    EXPECT_NE(before.at(name), id) << name << " was not recreated";
  }
  expect_web_reloaded_not_recreated(up);
  expect_every_api_serves(3);
}

// A new release whose check never passes: its first replacement is removed,
// the rollout pauses (failure_action: pause), the old containers go on
// serving, and berth says which container failed and what the check printed.
TEST_F(ZeroDowntime, UnhealthyNewVersionLeavesTheOldContainersServing) {
  ASSERT_NO_FATAL_FAILURE(start_stack("zdbad"));
  const auto before = api_ids(*m_stack);
  const std::string check_output = "release 2 refuses: notes index not migrated";
  std::ofstream(m_stack->dir() + "/bad-health.yaml")
      << "services:\n"
         "  api:\n"
         "    environment:\n"
         "      API_RELEASE: \"2\"\n"
         "    healthcheck:\n"
         "      test: [CMD, bash, -c, \"echo '"
      << check_output
      << "'; exit 1\"]\n"
         "      interval: 2s\n"
         "      retries: 2\n"
         "      start_period: 0s\n";

  auto up = change(
      "-f compose.yaml -f bad-health.yaml up -d --no-build --scale api=3 --wait "
      "--wait-timeout 120");
  finish_load();
  EXPECT_NE(up.exit_code, 0) << up.out << up.err;
  // One line names the failed container and carries the check's last output.
  bool named = false;
  for (const auto& line : lines_of(up.out + up.err)) {
    if (line.find(check_output) != std::string::npos &&
        line.find(m_stack->name() + "-api-") != std::string::npos) {
      named = true;
      std::printf("berth said: %s\n", line.c_str());
    }
  }
  EXPECT_TRUE(named) << "no line names an api container with the check's output:\n"
                     << up.out << up.err;

  EXPECT_EQ(api_ids(*m_stack), before) << "the old containers must stay, the same";
  for (const auto& [name, id] : before) {
    EXPECT_EQ(container_env(name)["API_RELEASE"], "1") << name;
  }
  expect_web_untouched();
  expect_every_api_serves(3);
}

}  // namespace
}  // namespace berth::testing
