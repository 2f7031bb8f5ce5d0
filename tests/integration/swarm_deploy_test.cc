// berth deploy / services / undeploy on a real single-node swarm: the suite
// makes this dockerd a swarm manager (`docker swarm init --advertise-addr
// 127.0.0.1`) and leaves the swarm again afterwards, unless the engine was in
// one already. Swarm mode changes the engine for everyone, so these tests run
// alone (RUN_SERIAL, tests/CMakeLists.txt).
//
// The sandbox this runs in has no IPVS, so a service's virtual IP does not
// route; nothing here sends traffic through one (task states, labels, the
// environment and the engine's own records are what is checked).

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "harness.h"

namespace berth::testing {
namespace {

std::string docker(const std::string& args) {
  return run_shell("/usr/bin/docker " + args + " 2>&1").out;
}

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) {
    text.pop_back();
  }
  return text;
}

bool swarm_active() {
  return trimmed(docker("info --format '{{.Swarm.LocalNodeState}}'")) == "active";
}

class SwarmDeploy : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!swarm_active()) {
      CommandResult init = run_shell("/usr/bin/docker swarm init --advertise-addr 127.0.0.1");
      ASSERT_EQ(init.exit_code, 0) << init.err;
      s_joined_here = true;
    }
  }
  static void TearDownTestSuite() {
    if (s_joined_here) {
      run_shell("/usr/bin/docker swarm leave --force");
      s_joined_here = false;
    }
  }
  static bool s_joined_here;
};
bool SwarmDeploy::s_joined_here = false;

// Removes the stack's services and networks whatever the test left, even when
// berth's own undeploy is what failed.
class StackCleanup {
 public:
  explicit StackCleanup(std::string project) : m_project(std::move(project)) {}
  ~StackCleanup() {
    std::string filter = "--filter label=com.docker.stack.namespace=" + m_project;
    docker("service ls -q " + filter + " | xargs -r /usr/bin/docker service rm");
    eventually([&] { return trimmed(docker("ps -aq " + filter)).empty(); }, 30);
    eventually(
        [&] {
          docker("network ls -q " + filter + " | xargs -r /usr/bin/docker network rm");
          return trimmed(docker("network ls -q " + filter)).empty();
        },
        30);
  }

 private:
  std::string m_project;
};

nlohmann::json inspect(const std::string& what, const std::string& name) {
  nlohmann::json all = nlohmann::json::parse(docker(what + " inspect " + name), nullptr, false);
  return all.is_array() && !all.empty() ? all[0] : nlohmann::json();
}

// Seconds since the epoch of an engine timestamp ("2026-11-28T12:00:01.123456789Z").
double epoch_seconds(const std::string& timestamp) {
  std::tm parts{};
  strptime(timestamp.c_str(), "%Y-%m-%dT%H:%M:%S", &parts);
  double seconds = static_cast<double>(timegm(&parts));
  size_t dot = timestamp.find('.');
  if (dot != std::string::npos) {
    seconds += std::stod("0" + timestamp.substr(dot, timestamp.find('Z') - dot));
  }
  return seconds;
}

// db becomes healthy 3 s after it starts; api needs it healthy and links to
// it; web needs api started. Replicas: db 1, api 2, web 1. SIGKILL: `sleep`
// as PID 1 ignores SIGTERM, and every stop would wait out 10 s.
const char* k_three_tier = R"(services:
  db:
    image: berth-test/busybox:latest
    command: sh -c "sleep 3; touch /tmp/ready; exec sleep 3600"
    stop_signal: SIGKILL
    environment: {DB_NAME: notes}
    expose: ["5984"]
    volumes: [data:/data]
    healthcheck:
      test: ["CMD", "test", "-f", "/tmp/ready"]
      interval: 1s
      retries: 30
  api:
    image: berth-test/busybox:latest
    command: sleep 3600
    stop_signal: SIGKILL
    environment: {GREETING: hello}
    links: ["db:database"]
    depends_on:
      db: {condition: service_healthy}
    deploy:
      replicas: 2
      update_config: {parallelism: 1, order: start-first, monitor: 1s}
  web:
    image: berth-test/busybox:latest
    command: sleep 3600
    stop_signal: SIGKILL
    depends_on: [api]
    ports: ["18180:8080"]
volumes:
  data: {}
)";

// A progress line's text: " Service <project>_<service>  <status>".
std::string step_line(const std::string& project, const std::string& service,
                      const std::string& status) {
  return project + "_" + service + "  " + status;
}

std::string services_table(const TestProject& project) {
  return project.berth("services").out;
}

TEST_F(SwarmDeploy, DeploysInDependencyOrderOnlyAfterTheDependencyIsHealthy) {
  TestProject project("swarmorder", k_three_tier);
  StackCleanup cleanup(project.name());
  const std::string p = project.name();

  CommandResult deployed = project.berth("deploy");
  ASSERT_EQ(deployed.exit_code, 0) << deployed.out << deployed.err;
  // Its own account: db ready before api is created, api ready before web.
  const std::string& log = deployed.err + deployed.out;
  size_t db_ready = log.find(step_line(p, "db", "Ready"));
  size_t api_creating = log.find(step_line(p, "api", "Creating"));
  size_t api_ready = log.find(step_line(p, "api", "Ready"));
  size_t web_creating = log.find(step_line(p, "web", "Creating"));
  ASSERT_NE(db_ready, std::string::npos) << log;
  EXPECT_LT(db_ready, api_creating) << log;
  EXPECT_LT(api_ready, web_creating) << log;

  // The engine's account: api was created at least 3 s after db's container
  // started (db's health check passes only then).
  std::string db_container = trimmed(docker(
      "ps -q --filter label=com.docker.swarm.service.name=" + p + "_db"));
  ASSERT_FALSE(db_container.empty());
  double db_started = epoch_seconds(inspect("container", db_container)["State"]["StartedAt"]);
  double api_created = epoch_seconds(inspect("service", p + "_api")["CreatedAt"]);
  EXPECT_GE(api_created - db_started, 2.9);

  // Every replica runs (berth services) and docker's own stack tooling sees a stack.
  std::string table = services_table(project);
  EXPECT_NE(table.find(p + "_db    db        replicated   1/1"), std::string::npos) << table;
  EXPECT_NE(table.find(p + "_api   api       replicated   2/2"), std::string::npos) << table;
  EXPECT_NE(table.find("*:18180->8080/tcp"), std::string::npos) << table;
  EXPECT_EQ(lines_of(docker("stack services -q " + p)).size(), 3u);
  EXPECT_EQ(trimmed(docker("stack ls --format '{{.Name}} {{.Services}}' | grep '^" + p + " '")),
            p + " 3");

  // The link: an alias on the shared network, and the variables pointing at
  // db's virtual IP.
  nlohmann::json db = inspect("service", p + "_db");
  std::string vip = db["Endpoint"]["VirtualIPs"][0]["Addr"];
  vip = vip.substr(0, vip.find('/'));
  auto aliases = db["Spec"]["TaskTemplate"]["Networks"][0]["Aliases"];
  EXPECT_EQ(aliases, nlohmann::json({"db", "database"}));
  std::string api_container = trimmed(docker(
      "ps -q --filter label=com.docker.swarm.service.name=" + p + "_api | head -1"));
  auto env = container_env(api_container);
  EXPECT_EQ(env["DATABASE_PORT_5984_TCP_ADDR"], vip);
  EXPECT_EQ(env["DATABASE_PORT"], "tcp://" + vip + ":5984");
  EXPECT_EQ(env["DATABASE_ENV_DB_NAME"], "notes");
  // The named volume is the stack's.
  EXPECT_EQ(trimmed(docker("volume inspect --format '{{index .Labels \"com.docker.stack.namespace\"}}' " +
                           p + "_data")),
            p);
  docker("volume rm -f " + p + "_data");
}

TEST_F(SwarmDeploy, RedeployUpdatesOnlyTheChangedServicePrunesAndUndeployLeavesNothing) {
  TestProject project("swarmupdate", k_three_tier);
  StackCleanup cleanup(project.name());
  const std::string p = project.name();
  ASSERT_EQ(project.berth("deploy --detach").exit_code, 0);
  ASSERT_EQ(project.berth("deploy --wait --wait-timeout 60").exit_code, 0)
      << services_table(project);
  uint64_t db_version = inspect("service", p + "_db")["Version"]["Index"];
  uint64_t web_version = inspect("service", p + "_web")["Version"]["Index"];

  std::string changed = k_three_tier;
  changed.replace(changed.find("GREETING: hello"), 15, "GREETING: howdy");
  changed.replace(changed.find("replicas: 2"), 11, "replicas: 3");
  project.write_file("compose.yaml", changed);
  CommandResult redeployed = project.berth("deploy --wait --wait-timeout 60");
  ASSERT_EQ(redeployed.exit_code, 0) << redeployed.err;
  std::string log = redeployed.err + redeployed.out;
  EXPECT_NE(log.find(step_line(p, "api", "Updated")), std::string::npos) << log;
  EXPECT_NE(log.find(step_line(p, "db", "Unchanged")), std::string::npos) << log;
  EXPECT_NE(log.find(step_line(p, "web", "Unchanged")), std::string::npos) << log;
  EXPECT_EQ(inspect("service", p + "_db")["Version"]["Index"], db_version);
  EXPECT_EQ(inspect("service", p + "_web")["Version"]["Index"], web_version);
  // The rolling update reached every replica: 3 running tasks, all with the new value.
  EXPECT_NE(services_table(project).find(p + "_api   api       replicated   3/3"),
            std::string::npos)
      << services_table(project);
  // start-first: the old tasks' containers stop once the new ones run.
  std::vector<std::string> api_containers;
  EXPECT_TRUE(eventually(
      [&] {
        api_containers = lines_of(
            docker("ps -q --filter label=com.docker.swarm.service.name=" + p + "_api"));
        return api_containers.size() == 3;
      },
      30));
  ASSERT_EQ(api_containers.size(), 3u);
  for (const std::string& container : api_containers) {
    EXPECT_EQ(container_env(container)["GREETING"], "howdy");
  }

  // --prune: a service the file no longer has goes; the others stay as they are.
  std::string without_web = changed.substr(0, changed.find("  web:")) +
                            changed.substr(changed.find("volumes:\n  data"));
  project.write_file("compose.yaml", without_web);
  CommandResult pruned = project.berth("deploy --prune");
  ASSERT_EQ(pruned.exit_code, 0) << pruned.err;
  EXPECT_NE((pruned.err + pruned.out).find(p + "_web  Removed"), std::string::npos) << pruned.err;
  EXPECT_EQ(lines_of(docker("stack services -q " + p)).size(), 2u);
  EXPECT_EQ(inspect("service", p + "_db")["Version"]["Index"], db_version);

  CommandResult removed = project.berth("undeploy");
  ASSERT_EQ(removed.exit_code, 0) << removed.err;
  std::string filter = "--filter label=com.docker.stack.namespace=" + p;
  EXPECT_EQ(trimmed(docker("service ls -q " + filter)), "");
  EXPECT_EQ(trimmed(docker("network ls -q " + filter)), "");
  EXPECT_EQ(trimmed(docker("ps -aq " + filter)), "");
  // The named volume keeps its data, as `docker stack rm` leaves it.
  EXPECT_EQ(trimmed(docker("volume ls -q " + filter)), p + "_data");
  docker("volume rm -f " + p + "_data");
}

// --dry-run: deploy and undeploy print their plans, one line per operation
// with its cause and what it waits on, and change nothing.
TEST_F(SwarmDeploy, DryRunPrintsThePlanAndChangesNothing) {
  TestProject project("swarmdry", k_three_tier);
  StackCleanup cleanup(project.name());
  const std::string p = project.name();
  const std::string filter = "--filter label=com.docker.stack.namespace=" + p;
  CommandResult planned = project.berth("--dry-run deploy");
  ASSERT_EQ(planned.exit_code, 0) << planned.out << planned.err;
  EXPECT_NE(planned.out.find("dry run: #1 CreateNetwork " + p + "_default: no overlay network"),
            std::string::npos)
      << planned.out;
  EXPECT_NE(planned.out.find("dry run: #3 AwaitService " + p + "_db (service db): api depends "
                             "on it; after #2"),
            std::string::npos)
      << planned.out;
  EXPECT_NE(planned.out.find("dry run: #4 CreateService " + p + "_api (service api): no service " +
                             p + "_api; after #1 #3"),
            std::string::npos)
      << planned.out;
  EXPECT_EQ(trimmed(docker("service ls -q " + filter)), "");
  EXPECT_EQ(trimmed(docker("network ls -q " + filter)), "");

  ASSERT_EQ(project.berth("deploy --detach").exit_code, 0);
  CommandResult unplanned = project.berth("--dry-run undeploy");
  ASSERT_EQ(unplanned.exit_code, 0) << unplanned.out << unplanned.err;
  EXPECT_NE(unplanned.out.find("RemoveService " + p + "_web (service web): undeploy"),
            std::string::npos)
      << unplanned.out;
  EXPECT_NE(unplanned.out.find("RemoveNetwork " + p + "_default: undeploy; after"),
            std::string::npos)
      << unplanned.out;
  EXPECT_EQ(lines_of(docker("service ls -q " + filter)).size(), 3u);
  ASSERT_EQ(project.berth("undeploy").exit_code, 0);
}

TEST_F(SwarmDeploy, AnUnhealthyDependencyStopsTheDeployBeforeItsDependents) {
  TestProject project("swarmsick", R"(services:
  db:
    image: berth-test/busybox:latest
    command: sleep 3600
    stop_signal: SIGKILL
    healthcheck: {test: ["CMD", "false"], interval: 1s, retries: 1}
  api:
    image: berth-test/busybox:latest
    command: sleep 3600
    stop_signal: SIGKILL
    depends_on: {db: {condition: service_healthy}}
)");
  StackCleanup cleanup(project.name());
  const std::string p = project.name();
  CommandResult deployed = project.berth("deploy --wait-timeout 5");
  EXPECT_EQ(deployed.exit_code, 1);
  EXPECT_NE(deployed.err.find(p + "_db: not ready in time (0/1 tasks running"), std::string::npos)
      << deployed.err;
  EXPECT_NE(deployed.err.find(p + "_api: not deployed: its dependency \"db\" is not ready"),
            std::string::npos)
      << deployed.err;
  EXPECT_EQ(trimmed(docker("service ls -q --filter name=" + p + "_api")), "");
}

TEST_F(SwarmDeploy, WhatASwarmCannotRunIsReportedAllAtOnceAndNothingChanges) {
  TestProject project("swarmbad", R"(services:
  built:
    build: .
  shared:
    image: berth-test/busybox:latest
    volumes_from: [built]
    network_mode: host
)");
  project.write_file("Dockerfile", "FROM scratch\n");
  StackCleanup cleanup(project.name());
  CommandResult deployed = project.berth("deploy");
  EXPECT_EQ(deployed.exit_code, 1);
  std::vector<std::string> errors = lines_of(deployed.err);
  ASSERT_EQ(errors.size(), 3u) << deployed.err;
  EXPECT_NE(errors[0].find("compose.yaml:2:3: services.built.build: a swarm cannot build"),
            std::string::npos)
      << deployed.err;
  EXPECT_NE(errors[1].find("services.shared.volumes_from[0]:"), std::string::npos);
  EXPECT_NE(errors[2].find("services.shared.network_mode:"), std::string::npos);
  std::string filter = "--filter label=com.docker.stack.namespace=" + project.name();
  EXPECT_EQ(trimmed(docker("service ls -q " + filter)), "");
  EXPECT_EQ(trimmed(docker("network ls -q " + filter)), "");
}

// Outside a swarm: one line that says what to do, and nothing created.
TEST(SwarmAbsent, DeployToAnEngineOutsideASwarmIsOneLine) {
  if (swarm_active()) {
    GTEST_SKIP() << "the engine is in a swarm";
  }
  TestProject project("swarmnone", "services:\n  web: {image: berth-test/busybox:latest}\n");
  CommandResult deployed = project.berth("deploy");
  EXPECT_EQ(deployed.exit_code, 1);
  ASSERT_EQ(lines_of(deployed.err).size(), 1u) << deployed.err;
  EXPECT_NE(deployed.err.find("the engine is not part of a swarm (its swarm state is "
                              "\"inactive\"): run `docker swarm init`"),
            std::string::npos)
      << deployed.err;
  EXPECT_EQ(project.berth("services").exit_code, 1);
}

}  // namespace
}  // namespace berth::testing
