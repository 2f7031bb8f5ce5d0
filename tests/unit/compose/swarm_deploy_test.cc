// The swarm-only keys of `deploy:` (what `berth deploy` gives a swarm), from
// YAML to the model, and their errors.

#include <gtest/gtest.h>

#include "compose/loader.h"
#include "tests/unit/compose/load_helpers.h"

namespace berth::compose {
namespace {

using testing::load;
using testing::load_error;

constexpr int64_t k_second_ns = 1'000'000'000;
constexpr int64_t k_mib = 1024 * 1024;

std::string with_deploy(const std::string& deploy_body) {
  return "services:\n  web:\n    image: busybox\n    deploy:\n" + deploy_body;
}

TEST(SwarmDeployKeys, EverySwarmKeyIntoTheModel) {
  Project project = load(with_deploy(R"(      labels: {team: blue}
      placement:
        constraints: [node.role == manager, node.labels.zone == a]
        preferences:
          - spread: node.labels.zone
        max_replicas_per_node: 2
      update_config:
        parallelism: 2
        delay: 10s
        failure_action: rollback
        monitor: 1m
        max_failure_ratio: 0.25
        order: start-first
      rollback_config: {parallelism: 0, order: stop-first, failure_action: pause}
      endpoint_mode: dnsrr
      resources:
        reservations: {cpus: '0.25', memory: 20M}
      restart_policy: {condition: on-failure, delay: 5s, window: 2m}
)"));
  const Deploy& deploy = project.services.at(0).deploy;
  EXPECT_EQ(deploy.labels, (std::map<std::string, std::string>{{"team", "blue"}}));
  EXPECT_EQ(deploy.placement_constraints,
            (std::vector<std::string>{"node.role == manager", "node.labels.zone == a"}));
  EXPECT_EQ(deploy.placement_spreads, std::vector<std::string>{"node.labels.zone"});
  EXPECT_EQ(deploy.max_replicas_per_node, 2);
  ASSERT_TRUE(deploy.update_config);
  EXPECT_EQ(deploy.update_config->parallelism, 2);
  EXPECT_EQ(deploy.update_config->delay_ns, 10 * k_second_ns);
  EXPECT_EQ(deploy.update_config->failure_action, "rollback");
  EXPECT_EQ(deploy.update_config->monitor_ns, 60 * k_second_ns);
  EXPECT_EQ(deploy.update_config->max_failure_ratio, 0.25);
  EXPECT_EQ(deploy.update_config->order, "start-first");
  ASSERT_TRUE(deploy.rollback_config);
  EXPECT_EQ(deploy.rollback_config->parallelism, 0);
  EXPECT_EQ(deploy.rollback_config->order, "stop-first");
  EXPECT_EQ(deploy.endpoint_mode, "dnsrr");
  EXPECT_EQ(deploy.reserve_cpus, 0.25);
  EXPECT_EQ(deploy.reserve_memory, 20 * k_mib);
  ASSERT_TRUE(deploy.restart_policy);
  EXPECT_EQ(deploy.restart_policy->delay_ns, 5 * k_second_ns);
  EXPECT_EQ(deploy.restart_policy->window_ns, 120 * k_second_ns);
}

TEST(SwarmDeployKeys, BadValuesArePositionedErrors) {
  EXPECT_EQ(load_error(with_deploy("      update_config: {order: last-first}\n")),
            "compose.yaml:5:30: services.web.deploy.update_config.order: invalid order "
            "\"last-first\" (expected \"stop-first\" or \"start-first\")");
  EXPECT_EQ(load_error(with_deploy("      rollback_config: {failure_action: rollback}\n")),
            "compose.yaml:5:41: services.web.deploy.rollback_config.failure_action: invalid "
            "failure_action \"rollback\" (expected \"continue\" or \"pause\")");
  EXPECT_EQ(load_error(with_deploy("      endpoint_mode: round-robin\n")),
            "compose.yaml:5:22: services.web.deploy.endpoint_mode: invalid endpoint_mode "
            "\"round-robin\" (expected \"vip\" or \"dnsrr\")");
  EXPECT_NE(load_error(with_deploy("      placement: {constraint: [a]}\n"))
                .find("unknown key \"constraint\" (did you mean \"constraints\"?)"),
            std::string::npos);
  EXPECT_NE(load_error(with_deploy("      update_config: {max_failure_ratio: 2}\n"))
                .find("max_failure_ratio must be between 0 and 1"),
            std::string::npos);
  EXPECT_NE(load_error(with_deploy("      update_config: {delay: soon}\n"))
                .find("services.web.deploy.update_config.delay"),
            std::string::npos);
}

}  // namespace
}  // namespace berth::compose
