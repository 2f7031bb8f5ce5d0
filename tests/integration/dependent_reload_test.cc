// x-berth-reload on dockerd (issue 21, item 2): `lb` links to three replicas
// of a busybox httpd `api` and has a reload command that appends the reload
// file to a log. When api's containers change (start-first replacement,
// scale up and down, restart), lb is not recreated: it is reloaded, in the
// order new member ready -> added -> old member taken out -> old member
// stopped, and its file always names exactly the containers serving.

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "harness.h"

namespace berth::testing {
namespace {

std::string project_file(const std::string& version, const std::string& reload_command =
                                                         "cat /run/berth/links.env >>/reloads.log "
                                                         "&& echo --- >>/reloads.log") {
  return R"(services:
  api:
    image: berth-test/busybox:latest
    command: ["sh", "-c", "mkdir -p /www && echo $$VERSION > /www/index.html && exec httpd -f -p 8080 -h /www"]
    environment: {VERSION: ")" +
         version + R"("}
    expose: ["8080"]
    stop_grace_period: 1s
    healthcheck:
      test: ["CMD", "wget", "-q", "-O-", "http://localhost:8080/"]
      interval: 1s
      timeout: 2s
      retries: 2
    deploy:
      replicas: 3
      update_config:
        order: start-first
  lb:
    image: berth-test/busybox:latest
    command: ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"]
    links: [api]
    x-berth-reload:
      command: ["sh", "-c", ")" +
         reload_command + R"("]
      drain: 500ms
)";
}

std::string lb_id(const TestProject& project) {
  for (const auto& c : project.containers()) {
    if (c.labels.at("com.docker.compose.service") == "lb") {
      return c.id;
    }
  }
  return "";
}

// The addresses of the API_<n>_PORT_8080_TCP_ADDR lines of `text`, sorted.
std::vector<std::string> members(const std::string& text) {
  std::vector<std::string> found;
  for (const auto& line : lines_of(text)) {
    const auto key_end = line.find("_PORT_8080_TCP_ADDR='");
    if (line.rfind("API_", 0) == 0 && key_end != std::string::npos &&
        line.find_first_not_of("0123456789", 4) == line.find('_', 4)) {
      found.push_back(line.substr(key_end + 21, line.size() - key_end - 22));
    }
  }
  std::sort(found.begin(), found.end());
  return found;
}

// The running api containers' addresses, sorted.
std::vector<std::string> api_addresses(const TestProject& project) {
  std::vector<std::string> out;
  for (const auto& c : project.containers()) {
    if (c.labels.at("com.docker.compose.service") == "api" && c.state == "running") {
      auto ip = run_shell("docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}"
                          "{{end}}' " + c.id);
      out.push_back(first_line(ip.out));
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

// The reloads lb logged: the member count of each, in order.
std::vector<size_t> reload_sizes(const std::string& lb) {
  auto log = run_shell("docker exec " + lb + " cat /reloads.log");
  std::vector<size_t> sizes;
  std::string block;
  for (const auto& line : lines_of(log.out)) {
    if (line == "---") {
      sizes.push_back(members(block).size());
      block.clear();
    } else {
      block += line + "\n";
    }
  }
  return sizes;
}

std::string links_file(const std::string& lb) {
  return run_shell("docker exec " + lb + " cat /run/berth/links.env").out;
}

TEST(DependentReload, StartFirstReplacementReloadsTheDependentInsteadOfRecreatingIt) {
  TestProject project("reload-sf", project_file("1"));
  auto first = project.berth("up -d --wait");
  ASSERT_EQ(first.exit_code, 0) << first.err;
  const std::string lb = lb_id(project);
  ASSERT_FALSE(lb.empty());
  project.write_file("compose.yaml", project_file("2"));
  auto second = project.berth("up -d --wait");
  ASSERT_EQ(second.exit_code, 0) << second.out << second.err;
  EXPECT_EQ(lb_id(project), lb) << "lb was recreated, not reloaded";
  EXPECT_NE(second.err.find("Reloaded"), std::string::npos) << second.err;
  // Per replica: its replacement joins (4 serving), then it leaves (3).
  EXPECT_EQ(reload_sizes(lb), (std::vector<size_t>{4, 3, 4, 3, 4, 3}));
  EXPECT_EQ(members(links_file(lb)), api_addresses(project));
  EXPECT_EQ(members(links_file(lb)).size(), 3u);
  // Numbered 1..n, as a fresh link to three containers would be.
  EXPECT_NE(links_file(lb).find("API_3_PORT_8080_TCP_ADDR="), std::string::npos);
}

TEST(DependentReload, ScaleUpAndDownReloadWithTheContainersServing) {
  TestProject project("reload-scale", project_file("1"));
  auto first = project.berth("up -d --wait");
  ASSERT_EQ(first.exit_code, 0) << first.err;
  const std::string lb = lb_id(project);
  auto up = project.berth("scale api=5");
  ASSERT_EQ(up.exit_code, 0) << up.out << up.err;
  EXPECT_EQ(lb_id(project), lb);
  EXPECT_EQ(members(links_file(lb)).size(), 5u);
  EXPECT_EQ(members(links_file(lb)), api_addresses(project));
  auto down = project.berth("scale api=2");
  ASSERT_EQ(down.exit_code, 0) << down.out << down.err;
  EXPECT_EQ(lb_id(project), lb);
  EXPECT_EQ(members(links_file(lb)), api_addresses(project));
  EXPECT_EQ(members(links_file(lb)).size(), 2u);
  // Two joins (4, then 5), then three departures (4, 3, 2), in that order.
  EXPECT_EQ(reload_sizes(lb).size(), 5u);
  EXPECT_EQ(reload_sizes(lb).back(), 2u);
}

TEST(DependentReload, RestartGoesOneContainerAtATime) {
  TestProject project("reload-restart", project_file("1"));
  auto first = project.berth("up -d --wait");
  ASSERT_EQ(first.exit_code, 0) << first.err;
  const std::string lb = lb_id(project);
  auto restart = project.berth("restart api");
  ASSERT_EQ(restart.exit_code, 0) << restart.out << restart.err;
  EXPECT_EQ(lb_id(project), lb);
  // Each container leaves (2 serving) and joins again (3), one after another.
  EXPECT_EQ(reload_sizes(lb), (std::vector<size_t>{2, 3, 2, 3, 2, 3}));
  EXPECT_EQ(members(links_file(lb)), api_addresses(project));
}

TEST(DependentReload, AFailingReloadIsOneLineAndTheOldContainerKeepsServing) {
  TestProject project("reload-fail", project_file("1", "echo broken balancer config >&2; exit 3"));
  auto first = project.berth("up -d --wait");
  ASSERT_EQ(first.exit_code, 0) << first.err;
  std::set<std::string> old_ids;
  for (const auto& c : project.containers()) {
    old_ids.insert(c.id);
  }
  project.write_file("compose.yaml",
                     project_file("2", "echo broken balancer config >&2; exit 3"));
  auto second = project.berth("up -d --wait");
  EXPECT_NE(second.exit_code, 0);
  EXPECT_NE(second.err.find("x-berth-reload command (sh -c echo broken balancer config >&2; "
                            "exit 3) exited with code 3: broken balancer config"),
            std::string::npos)
      << second.err;
  // The first replica's old container was never taken out, so never stopped.
  size_t old_running = 0;
  for (const auto& c : project.containers()) {
    old_running += old_ids.count(c.id) && c.state == "running";
  }
  EXPECT_EQ(old_running, old_ids.size());
}

}  // namespace
}  // namespace berth::testing
