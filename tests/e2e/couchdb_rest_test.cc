// The couchdb REST demo (examples/couchdb-rest) on the real engine: the notes
// API through the balancer, scaling with the balancer following, data that
// survives down/up, recreates and scale changes, and backup/restore into a
// second project. Each test has its own project, port and copy of the example.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <sstream>

#include "demo_stack.h"

namespace berth::testing {
namespace {

namespace fs = std::filesystem;

std::set<std::string> distinct(const std::multiset<std::string>& values) {
  return {values.begin(), values.end()};
}

std::string container_id(const std::string& name) {
  auto details = test_engine().inspect_container(name);
  return details ? details->id : "";
}

// The engine's events between `since` and now (unix seconds) as
// "<nanoseconds> <action> <container name>" lines.
std::vector<std::string> events_since(long long since, const std::string& project) {
  auto listed = run_shell(
      "/usr/bin/docker events --since " + std::to_string(since) + " --until " +
      std::to_string(std::time(nullptr) + 1) +
      " --filter type=container --filter label=com.docker.compose.project=" + project +
      " --format '{{.TimeNano}} {{.Action}} {{.Actor.Attributes.name}}'");
  std::vector<std::string> lines;
  std::istringstream in(listed.out);
  for (std::string line; std::getline(in, line);) {
    lines.push_back(line);
  }
  return lines;
}

// The time (ns) of the first event whose action and container match, or 0.
long long first_event(const std::vector<std::string>& events, const std::string& action,
                      const std::string& container) {
  for (const auto& line : events) {
    std::istringstream fields(line);
    long long nanoseconds = 0;
    std::string what;
    std::string name;
    fields >> nanoseconds;
    fields.get();
    std::getline(fields, what, ' ');
    if (what == "health_status:") {  // "health_status: healthy <name>"
      std::string state;
      fields >> state;
      what += " " + state;
      fields.get();
    }
    std::getline(fields, name);
    if (what == action && name == container) {
      return nanoseconds;
    }
  }
  return 0;
}

// The times (ns) at which berth ran web's x-berth-reload command in `web`, in order.
std::vector<long long> reload_times(const std::vector<std::string>& events,
                                    const std::string& web) {
  std::vector<long long> times;
  for (const auto& line : events) {
    if (line.find(" exec_start: /usr/local/bin/reload-balancer") != std::string::npos &&
        line.size() > web.size() && line.compare(line.size() - web.size(), web.size(), web) == 0) {
      times.push_back(std::stoll(line.substr(0, line.find(' '))));
    }
  }
  return times;
}

size_t balancer_members(const std::string& web_container) {
  auto conf = run_shell("/usr/bin/docker exec " + web_container +
                        " cat /etc/apache2/api-balancer.conf");
  size_t members = 0;
  for (size_t at = conf.out.find("BalancerMember"); at != std::string::npos;
       at = conf.out.find("BalancerMember", at + 1)) {
    ++members;
  }
  return members;
}

TEST(CouchdbRest, ApiThroughTheBalancerCreatesListsUpdatesDeletesOnEveryInstance) {
  DemoStack stack("demoapi");
  ASSERT_NO_FATAL_FAILURE(stack.up(3));

  // api finds couchdb through the link variables only.
  auto env = container_env(stack.name() + "-api-1");
  EXPECT_FALSE(env["COUCHDB_PORT_5984_TCP_ADDR"].empty());
  EXPECT_EQ(env["COUCHDB_PORT_5984_TCP_PORT"], "5984");

  auto note = stack.create_note("first", "hello");
  const std::string id = note.value("id", "");
  ASSERT_FALSE(id.empty()) << note.dump();
  EXPECT_EQ(stack.note_titles(), std::vector<std::string>{"first"});

  auto fetched = stack.get("/api/notes/" + id);
  ASSERT_EQ(fetched.status, 200) << fetched.body;
  EXPECT_EQ(fetched.json().value("body", ""), "hello");

  auto updated = stack.put("/api/notes/" + id, {{"title", "first"}, {"body", "changed"}});
  ASSERT_EQ(updated.status, 200) << updated.body;
  // Read back through the balancer: most likely another instance answers.
  auto reread = stack.get("/api/notes/" + id);
  EXPECT_EQ(reread.json().value("body", ""), "changed") << reread.body;

  auto bad = stack.post("/api/notes", {{"body", "no title"}});
  EXPECT_EQ(bad.status, 400) << bad.body;

  auto removed = stack.remove("/api/notes/" + id);
  EXPECT_EQ(removed.status, 204) << removed.body;
  EXPECT_EQ(stack.get("/api/notes/" + id).status, 404);
  EXPECT_TRUE(stack.note_titles().empty());

  // Round robin over the three containers, each named in X-Instance.
  auto instances = stack.instances_answering(30);
  const auto containers = stack.api_containers();
  ASSERT_EQ(containers.size(), 3u);
  EXPECT_EQ(distinct(instances), containers);
  for (const auto& name : containers) {
    EXPECT_GE(instances.count(name), 5u) << name;
  }
}

TEST(CouchdbRest, ScalingTo5AndBackTo2TheBalancerFollows) {
  DemoStack stack("demoscale");
  ASSERT_NO_FATAL_FAILURE(stack.up(3));
  stack.create_note("survives scaling", "");
  const std::string web = stack.name() + "-web-1";

  const long long before_scale = std::time(nullptr) - 1;
  auto up5 = stack.berth("scale api=5");
  ASSERT_EQ(up5.exit_code, 0) << up5.out << up5.err;
  ASSERT_EQ(stack.api_containers().size(), 5u);

  // web links to api and has x-berth-reload: it was not recreated, its
  // balancer was reloaded in place, and only once a new api container was
  // healthy (the last reload once both were).
  const auto events = events_since(before_scale, stack.name());
  EXPECT_EQ(first_event(events, "start", web), 0) << "web was restarted, not reloaded";
  const auto reloads = reload_times(events, web);
  ASSERT_FALSE(reloads.empty()) << "web was not reloaded";
  for (const std::string number : {"4", "5"}) {
    const std::string api = stack.name() + "-api-" + number;
    const long long healthy = first_event(events, "health_status: healthy", api);
    ASSERT_NE(healthy, 0) << api << " never reported healthy";
    EXPECT_LT(healthy, reloads.back()) << api << " turned healthy after web's last reload";
  }
  const long long first_healthy =
      std::min(first_event(events, "health_status: healthy", stack.name() + "-api-4"),
               first_event(events, "health_status: healthy", stack.name() + "-api-5"));
  EXPECT_LT(first_healthy, reloads.front()) << "web was reloaded before a new member was ready";

  // All five serve through the balancer.
  ASSERT_TRUE(eventually([&] { return stack.get("/api/notes").status == 200; }, 60));
  auto instances = stack.instances_answering(50);
  EXPECT_EQ(distinct(instances), stack.api_containers());
  EXPECT_EQ(balancer_members(web), 5u);

  // Back to two: no request goes to a removed member.
  auto down2 = stack.berth("scale api=2");
  ASSERT_EQ(down2.exit_code, 0) << down2.out << down2.err;
  ASSERT_TRUE(eventually([&] { return stack.get("/api/notes").status == 200; }, 60));
  EXPECT_EQ(balancer_members(web), 2u);
  auto after = stack.instances_answering(20);
  ASSERT_EQ(stack.api_containers().size(), 2u);
  EXPECT_EQ(distinct(after), stack.api_containers());
  EXPECT_EQ(stack.note_titles(), std::vector<std::string>{"survives scaling"});
}

TEST(CouchdbRest, NotesSurviveDownUpAndACouchdbRecreate) {
  DemoStack stack("demodata");
  ASSERT_NO_FATAL_FAILURE(stack.up(1));
  stack.create_note("kept", "across down and up");

  auto down = stack.berth("down");
  ASSERT_EQ(down.exit_code, 0) << down.err;
  ASSERT_NO_FATAL_FAILURE(stack.up(1));
  EXPECT_EQ(stack.note_titles(), std::vector<std::string>{"kept"});

  const std::string couchdb = stack.name() + "-couchdb-1";
  const std::string before = container_id(couchdb);
  auto recreate = stack.berth("up -d --no-build --force-recreate --wait couchdb");
  ASSERT_EQ(recreate.exit_code, 0) << recreate.out << recreate.err;
  EXPECT_NE(container_id(couchdb), before) << "couchdb was not recreated";
  ASSERT_TRUE(eventually([&] { return stack.get("/api/notes").status == 200; }, 60));
  EXPECT_EQ(stack.note_titles(), std::vector<std::string>{"kept"});
}

TEST(CouchdbRest, BackupRestoresIntoASecondProject) {
  DemoStack first("demobackup");
  ASSERT_NO_FATAL_FAILURE(first.up(1));
  const auto one = first.create_note("one", "first note");
  const auto two = first.create_note("two", "second note");

  auto backup = first.berth("--profile tools run --rm backup");
  ASSERT_EQ(backup.exit_code, 0) << backup.out << backup.err;
  EXPECT_NE(backup.out.find("wrote couchdb-"), std::string::npos) << backup.out;
  std::vector<fs::path> tars;
  for (const auto& entry : fs::directory_iterator(fs::path(first.dir()) / "backups")) {
    if (entry.path().extension() == ".gz") {
      tars.push_back(entry.path());
    }
  }
  ASSERT_EQ(tars.size(), 1u);

  // The second project gets the tar and restores it before couchdb first starts.
  DemoStack second("demorestore");
  fs::copy_file(tars[0], fs::path(second.dir()) / "backups" / tars[0].filename());
  auto created = second.berth("up --no-start --no-build couchdb");
  ASSERT_EQ(created.exit_code, 0) << created.err;
  auto restore = second.berth("--profile tools run --rm --no-deps restore");
  ASSERT_EQ(restore.exit_code, 0) << restore.out << restore.err;
  EXPECT_NE(restore.out.find("restored " + tars[0].filename().string()), std::string::npos)
      << restore.out;
  ASSERT_NO_FATAL_FAILURE(second.up(1));

  EXPECT_EQ(second.note_titles(), first.note_titles());
  auto restored = second.get("/api/notes/" + two.value("id", ""));
  ASSERT_EQ(restored.status, 200) << restored.body;
  EXPECT_EQ(restored.json().value("body", ""), "second note");
  EXPECT_EQ(restored.json().value("rev", ""), two.value("rev", ""));
  EXPECT_EQ(second.get("/api/notes/" + one.value("id", "")).status, 200);
}

}  // namespace
}  // namespace berth::testing
