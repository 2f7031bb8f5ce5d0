// Start-first replacement on dockerd (issue 21, item 1): three replicas of a
// busybox httpd with a health check, `order: start-first`. Changing their
// environment replaces them with, at every moment, at least three healthy
// containers of the service (read back from the engine's events of the run),
// under the old names and numbers. A new version whose check fails exits
// non-zero with one line naming the container and the check's last output;
// the old containers keep running, untouched, and no temporary one is left.

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <signal.h>

#include <sstream>
#include <thread>

#include "background_berth.h"
#include "harness.h"

namespace berth::testing {
namespace {

// `port`: where the health check looks; httpd listens on 8080.
std::string project_file(const std::string& version, int port = 8080,
                         const std::string& interval = "1s") {
  return R"(services:
  web:
    image: berth-test/busybox:latest
    command: ["sh", "-c", "mkdir -p /www && echo $$VERSION > /www/index.html && exec httpd -f -p 8080 -h /www"]
    environment: {VERSION: ")" +
         version + R"("}
    stop_grace_period: 1s
    healthcheck:
      test: ["CMD", "wget", "-q", "-O-", "http://localhost:)" +
         std::to_string(port) + R"(/"]
      interval: )" + interval + R"(
      timeout: 2s
      retries: 2
    deploy:
      replicas: 3
      update_config:
        order: start-first
)";
}

std::string unix_now() {
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  char text[32];
  std::snprintf(text, sizeof text, "%.3f",
                std::chrono::duration<double>(now).count());
  return text;
}

struct Event {
  long long time_nano = 0;
  std::string id;
  std::string action;
};

// The project's container events while it lives, streamed live from the
// engine into a file: a `docker events --since/--until` query afterwards
// reads dockerd's short in-memory history (256 events), which the health
// checks of other tests running in parallel can push a run's first events out of.
class EventRecording {
 public:
  EventRecording(const std::string& project, const std::string& directory)
      : m_file(directory + "/events.log") {
    auto started = run_shell(
        "docker events --since " + unix_now() +
        " --filter type=container --filter label=com.docker.compose.project=" + project +
        " --format '{{.TimeNano}} {{.Actor.ID}} {{.Action}}' >" + m_file +
        " 2>&1 </dev/null & echo $!");
    m_pid = std::atoi(started.out.c_str());
  }
  ~EventRecording() { end(); }

  // Stops recording, once the engine has had a moment to deliver the last
  // events, and returns them in time order.
  std::vector<Event> end() {
    if (m_pid > 0) {
      std::this_thread::sleep_for(std::chrono::milliseconds(500));
      ::kill(m_pid, SIGTERM);
      m_pid = 0;
    }
    auto listed = run_shell("cat " + m_file);
    std::vector<Event> events;
    for (const auto& line : lines_of(listed.out)) {
      std::istringstream in(line);
      Event event;
      in >> event.time_nano >> event.id;
      std::getline(in >> std::ws, event.action);
      events.push_back(event);
    }
    std::stable_sort(events.begin(), events.end(),
                     [](const Event& a, const Event& b) { return a.time_nano < b.time_nano; });
    return events;
  }

 private:
  std::string m_file;
  int m_pid = 0;
};

struct Replica {
  std::string id;
  std::string hash;
  std::string state;
};

// By name: the project's containers.
std::map<std::string, Replica> replicas(const TestProject& project) {
  std::map<std::string, Replica> out;
  for (const auto& c : project.containers()) {
    out[c.name] = {c.id, c.labels.at("com.docker.compose.config-hash"), c.state};
  }
  return out;
}

std::vector<std::string> proper_names(const TestProject& project) {
  return {project.name() + "-web-1", project.name() + "-web-2", project.name() + "-web-3"};
}

std::vector<std::string> names_of(const std::map<std::string, Replica>& replicas) {
  std::vector<std::string> names;
  for (const auto& [name, replica] : replicas) {
    names.push_back(name);
  }
  return names;
}

TEST(StartFirst, ChangedReplicasAreReplacedWithThreeHealthyAtEveryMoment) {
  TestProject project("startfirst", project_file("1"));
  auto first = project.berth("up -d --wait");
  ASSERT_EQ(first.exit_code, 0) << first.err;
  const auto before = replicas(project);
  ASSERT_EQ(names_of(before), proper_names(project));

  project.write_file("compose.yaml", project_file("2"));
  EventRecording recording(project.name(), project.dir());
  auto second = project.berth("up -d");
  const auto events = recording.end();
  ASSERT_EQ(second.exit_code, 0) << second.err;

  // Replayed from the events: the healthy containers of the service.
  std::set<std::string> healthy;
  for (const auto& [name, replica] : before) {
    healthy.insert(replica.id);
  }
  int new_healthy = 0;
  std::string timeline;
  for (const auto& event : events) {
    if (event.action.rfind("exec_", 0) == 0) {
      continue;  // the health checks' own execs
    }
    timeline += "\n  " + event.id.substr(0, 12) + " " + event.action;
    if (event.action == "health_status: healthy") {
      new_healthy += healthy.insert(event.id).second ? 1 : 0;
    } else if (event.action == "kill" || event.action == "die" || event.action == "stop" ||
               event.action == "destroy" || event.action == "health_status: unhealthy") {
      healthy.erase(event.id);
    }
    EXPECT_GE(healthy.size(), 3u) << "fewer than 3 healthy after: " << timeline;
  }
  EXPECT_EQ(new_healthy, 3) << timeline;

  // The old names and numbers are kept, by new containers of the new config.
  const auto after = replicas(project);
  ASSERT_EQ(names_of(after), proper_names(project)) << second.err;
  for (const auto& [name, replica] : after) {
    EXPECT_NE(replica.id, before.at(name).id) << name;
    EXPECT_NE(replica.hash, before.at(name).hash) << name;
    EXPECT_EQ(replica.state, "running") << name;
    EXPECT_EQ(container_env(name).at("VERSION"), "2") << name;
    auto details = test_engine().inspect_container(name);
    ASSERT_TRUE(details) << name;
    EXPECT_EQ(details->labels.at("com.docker.compose.container-number"),
              name.substr(name.size() - 1));
  }
}

TEST(StartFirst, FailingCheckLeavesTheOldReplicasServingAndExitsNonZero) {
  TestProject project("startfirstfail", project_file("1"));
  auto first = project.berth("up -d --wait");
  ASSERT_EQ(first.exit_code, 0) << first.err;
  const auto before = replicas(project);

  // The new version's check looks where nothing listens.
  project.write_file("compose.yaml", project_file("2", 8081));
  auto second = project.berth("up -d");
  EXPECT_NE(second.exit_code, 0) << second.err;

  const auto after = replicas(project);
  EXPECT_EQ(names_of(after), proper_names(project)) << "a temporary container is left:\n"
                                                    << second.err;
  for (const auto& [name, replica] : before) {
    ASSERT_TRUE(after.count(name)) << name;
    EXPECT_EQ(after.at(name).id, replica.id) << name;
    EXPECT_EQ(after.at(name).hash, replica.hash) << name;
    EXPECT_EQ(after.at(name).state, "running") << name;
  }
  // One line names the container and the check's last output.
  int lines = 0;
  for (const auto& line : lines_of(second.err)) {
    if (line.find(project.name() + "-web-1") != std::string::npos &&
        line.find("unhealthy") != std::string::npos &&
        line.find("Connection refused") != std::string::npos) {
      ++lines;
    }
  }
  EXPECT_EQ(lines, 1) << second.err;
}

// Ctrl+C while a replacement waits for its check: the wait ends, the
// replacement is removed, the old containers serve on under their names.
TEST(StartFirst, CtrlCWhileAReplacementWaitsLeavesTheOldReplicas) {
  TestProject project("startfirstint", project_file("1", 8080, "3s"));
  auto first = project.berth("up -d --wait");
  ASSERT_EQ(first.exit_code, 0) << first.err;
  const auto before = replicas(project);

  project.write_file("compose.yaml", project_file("2", 8080, "3s"));
  BackgroundBerth up(project.name(), project.dir(), "up -d");
  ASSERT_TRUE(up.wait_for_output("Waiting", std::chrono::seconds(20))) << up.output();
  up.signal(SIGINT);
  EXPECT_NE(up.wait(std::chrono::seconds(30)), 0) << up.output();

  const auto after = replicas(project);
  EXPECT_EQ(names_of(after), proper_names(project)) << up.output();
  for (const auto& [name, replica] : before) {
    ASSERT_TRUE(after.count(name)) << name;
    EXPECT_EQ(after.at(name).id, replica.id) << name;
    EXPECT_EQ(after.at(name).state, "running") << name;
  }
}

}  // namespace
}  // namespace berth::testing
