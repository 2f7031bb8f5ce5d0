// The inspection commands and the command line itself (port, top, events,
// images, version, ps's filters, ls, graph, help, completion) on the real
// engine. One project is brought up for the suite; the tests only read it,
// except events, which restarts a service.

#include <gtest/gtest.h>

#include <csignal>
#include <memory>

#include "background_berth.h"
#include "harness.h"

namespace berth::testing {
namespace {

using std::chrono::seconds;

// sleep as PID 1 ignores SIGTERM: SIGKILL stops it at once.
const std::string k_project = R"(services:
  web:
    image: berth-test/busybox:latest
    command: ["sleep", "1000"]
    stop_signal: SIGKILL
    ports: ["80", "5353/udp"]
    expose: ["81"]
    links: [db]
  db:
    image: berth-test/busybox:latest
    command: ["sleep", "1001"]
    stop_signal: SIGKILL
  cache:
    image: berth-test/busybox:latest
    command: ["sleep", "1002"]
    stop_signal: SIGKILL
    network_mode: "service:db"
    volumes_from: [db]
    depends_on:
      db: {condition: service_started}
)";

class Commands : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    s_project = std::make_unique<TestProject>("cmds", k_project);
    auto up = s_project->berth("up -d");
    ASSERT_EQ(up.exit_code, 0) << up.err;
  }
  static void TearDownTestSuite() { s_project.reset(); }

  static TestProject& project() { return *s_project; }
  static std::string name() { return s_project->name(); }

 private:
  static inline std::unique_ptr<TestProject> s_project;
};

TEST_F(Commands, PortPrintsThePublishedAddress) {
  auto port = project().berth("port web 80");
  ASSERT_EQ(port.exit_code, 0) << port.err;
  auto docker = run_shell("/usr/bin/docker port " + name() + "-web-1 80/tcp");
  EXPECT_EQ(port.out, docker.out.substr(0, docker.out.find('\n') + 1));
  EXPECT_NE(port.out.find("0.0.0.0:"), std::string::npos) << port.out;

  auto udp = project().berth("port --protocol udp web 5353");
  EXPECT_EQ(udp.exit_code, 0) << udp.err;
  EXPECT_NE(udp.out.find(':'), std::string::npos);
}

TEST_F(Commands, PortOfAnUnpublishedPortFails) {
  auto exposed = project().berth("port web 81");
  EXPECT_EQ(exposed.exit_code, 1);
  EXPECT_EQ(exposed.out, "");
  EXPECT_NE(exposed.err.find("port 81/tcp of " + name() + "-web-1 is not published"),
            std::string::npos)
      << exposed.err;
  EXPECT_EQ(project().berth("port --index 2 web 80").exit_code, 1);
  EXPECT_EQ(project().berth("port nosuch 80").exit_code, 1);
}

TEST_F(Commands, TopShowsEachContainersProcesses) {
  auto top = project().berth("top web db");
  ASSERT_EQ(top.exit_code, 0) << top.err;
  EXPECT_LT(top.out.find(name() + "-db-1\n"), top.out.find(name() + "-web-1\n")) << top.out;
  EXPECT_NE(top.out.find("sleep 1000"), std::string::npos) << top.out;
  EXPECT_NE(top.out.find("sleep 1001"), std::string::npos) << top.out;
  EXPECT_EQ(top.out.find("sleep 1002"), std::string::npos) << top.out;
  EXPECT_NE(top.out.find("PID"), std::string::npos) << top.out;
}

TEST_F(Commands, EventsShowsAStartAfterRestart) {
  BackgroundBerth events(name(), project().dir(), "events db");
  BackgroundBerth json(name(), project().dir(), "events --json");
  // The stream is subscribed a moment after the process starts: restart
  // until the start shows (normally once).
  bool seen = false;
  for (int attempt = 0; attempt < 5 && !seen; ++attempt) {
    ASSERT_EQ(project().berth("restart -t 0 db").exit_code, 0);
    seen = events.wait_for_output(" container start ", seconds(3)) &&
           json.wait_for_output("\"action\": \"start\"", seconds(3));
  }
  ASSERT_TRUE(seen) << events.output() << json.output();
  EXPECT_NE(events.output().find("(image=berth-test/busybox:latest, name=" + name() + "-db-1)"),
            std::string::npos)
      << events.output();
  EXPECT_EQ(events.output().find(name() + "-web-1"), std::string::npos) << events.output();
  EXPECT_NE(json.output().find("\"service\": \"db\""), std::string::npos) << json.output();
  events.signal(SIGINT);
  EXPECT_EQ(events.wait(std::chrono::milliseconds(5000)), 0);
  json.signal(SIGTERM);
  EXPECT_EQ(json.wait(std::chrono::milliseconds(5000)), 0);
}

TEST_F(Commands, ImagesListsTheBusyboxImage) {
  auto images = project().berth("images web");
  ASSERT_EQ(images.exit_code, 0) << images.err;
  EXPECT_NE(images.out.find("Container"), std::string::npos) << images.out;
  EXPECT_NE(images.out.find(name() + "-web-1   berth-test/busybox   latest"), std::string::npos)
      << images.out;
  auto id = run_shell("/usr/bin/docker image inspect -f '{{.Id}}' berth-test/busybox:latest");
  EXPECT_NE(images.out.find(id.out.substr(7, 12)), std::string::npos) << images.out;
  EXPECT_NE(images.out.find(" MB"), std::string::npos) << images.out;
}

TEST_F(Commands, VersionShowsClientAndEngine) {
  auto version = project().berth("version");
  ASSERT_EQ(version.exit_code, 0) << version.err;
  EXPECT_NE(version.out.find("Client:\n Version:"), std::string::npos) << version.out;
  EXPECT_NE(version.out.find(" API version:       1.41\n"), std::string::npos) << version.out;
  auto engine = run_shell("/usr/bin/docker version -f '{{.Server.Version}}'");
  EXPECT_NE(version.out.find("Server:\n Engine:\n  Version:          " + engine.out),
            std::string::npos)
      << version.out;
  EXPECT_NE(version.out.find("(minimum version 1.12)"), std::string::npos) << version.out;

  auto json = project().berth("version --format json");
  EXPECT_NE(json.out.find("\"Server\""), std::string::npos) << json.out;
  auto short_form = project().berth("version --short");
  EXPECT_EQ(short_form.out.find('\n'), short_form.out.size() - 1) << short_form.out;
}

TEST_F(Commands, PsFilters) {
  // A stopped one-off container: shown with -a only, as docker-compose 1.29.2.
  const std::string one_off = name() + "-db-run-0001";
  ASSERT_EQ(run_shell("/usr/bin/docker create --name " + one_off +
                      " --label com.docker.compose.project=" + name() +
                      " --label com.docker.compose.service=db"
                      " --label com.docker.compose.oneoff=True berth-test/busybox:latest true")
                .exit_code,
            0);
  EXPECT_EQ(project().berth("ps").out.find(one_off), std::string::npos);
  EXPECT_NE(project().berth("ps -a").out.find(one_off), std::string::npos);
  EXPECT_EQ(project().berth("ps -a -q").out.size(), 4 * 65u);

  EXPECT_EQ(project().berth("ps --services").out, "web\ndb\ncache\n");
  EXPECT_EQ(project().berth("ps -a --services --status created").out, "db\n");

  auto created = project().berth("ps -a --status created --status paused");
  EXPECT_NE(created.out.find(one_off), std::string::npos) << created.out;
  EXPECT_EQ(created.out.find(name() + "-web-1"), std::string::npos) << created.out;

  auto json = project().berth("ps --format json web");
  ASSERT_EQ(json.exit_code, 0) << json.err;
  EXPECT_EQ(json.out.substr(0, 12), "{\"Command\":\"") << json.out;  // a line per container
  EXPECT_EQ(lines_of(json.out).size(), 1u) << json.out;
  EXPECT_NE(json.out.find("\"Name\":\"" + name() + "-web-1\""), std::string::npos) << json.out;
  EXPECT_NE(json.out.find("\"State\":\"running\""), std::string::npos) << json.out;
  EXPECT_EQ(json.out.find("-db-1"), std::string::npos) << json.out;

  EXPECT_EQ(project().berth("ps --status sleeping").exit_code, 2);
  run_shell("/usr/bin/docker rm -f " + one_off);
}

TEST_F(Commands, LsShowsTheProjectWithItsStatus) {
  auto ls = project().berth("ls");
  ASSERT_EQ(ls.exit_code, 0) << ls.err;
  EXPECT_EQ(ls.out.find("NAME "), 0u) << ls.out;
  const auto line = ls.out.find("\n" + name() + " ");
  ASSERT_NE(line, std::string::npos) << ls.out;
  const auto text = ls.out.substr(line + 1, ls.out.find('\n', line + 1) - line - 1);
  EXPECT_NE(text.find("running(3)"), std::string::npos) << text;
  EXPECT_NE(text.find(project().dir() + "/compose.yaml"), std::string::npos) << text;

  auto json = project().berth("ls --format json");
  EXPECT_NE(json.out.find("{\"ConfigFiles\":\"" + project().dir() + "/compose.yaml\",\"Name\":\"" +
                          name() + "\",\"Status\":\"running(3)\"}"),
            std::string::npos)
      << json.out;
  EXPECT_NE(project().berth("ls -q").out.find(name() + "\n"), std::string::npos);
}

TEST_F(Commands, GraphPrintsEveryEdgeKind) {
  auto graph = project().berth("graph");
  ASSERT_EQ(graph.exit_code, 0) << graph.err;
  EXPECT_EQ(graph.out.find("digraph G {\n"), 0u) << graph.out;
  for (const char* edge :
       {"0->1 [label=link]", "2->1 [label=network_mode]", "2->1 [label=volumes_from]",
        "2->1 [label=\"depends_on: service_started\"]"}) {
    EXPECT_NE(graph.out.find(edge), std::string::npos) << edge << "\n" << graph.out;
  }
}

// dot names the nodes by their ids (<title>0</title>); the service names and
// edge kinds are the labels, drawn as <text ...>web</text>.
TEST_F(Commands, GraphSvgRendersThroughDot) {
  if (run_shell("command -v dot").exit_code != 0) {
    GTEST_SKIP() << "Graphviz's dot is not installed (scripts/setup installs it)";
  }
  auto svg = project().berth("graph --format svg");
  ASSERT_EQ(svg.exit_code, 0) << svg.err;
  EXPECT_EQ(svg.err, "");
  EXPECT_EQ(svg.out.find("<?xml"), 0u) << svg.out;
  EXPECT_NE(svg.out.find("<svg"), std::string::npos) << svg.out;
  EXPECT_NE(svg.out.find("</svg>"), std::string::npos) << svg.out;
  for (const char* text :
       {">web</text>", ">db</text>", ">cache</text>", ">link</text>", ">network_mode</text>",
        ">volumes_from</text>", ">depends_on: service_started</text>"}) {
    EXPECT_NE(svg.out.find(text), std::string::npos) << text << "\n" << svg.out;
  }
}

// berth looks dot up through the shell's PATH; without it, svg fails with one
// line naming the way out.
TEST_F(Commands, GraphSvgWithoutDotSaysSo) {
  auto svg = run_shell(
      "PATH=/nonexistent " + shell_quote(BERTH_BINARY) + " -p " + name() + " graph --format svg",
      project().dir());
  EXPECT_EQ(svg.exit_code, 1);
  EXPECT_EQ(svg.out, "");
  EXPECT_EQ(svg.err, "error: graphviz's dot is not installed; use --format dot\n");
}

TEST_F(Commands, HelpOfACommandIsItsDashDashHelp) {
  auto help = project().berth("help ps");
  ASSERT_EQ(help.exit_code, 0) << help.err;
  EXPECT_EQ(help.out, project().berth("ps --help").out);
  EXPECT_NE(help.out.find("--status"), std::string::npos) << help.out;
  EXPECT_EQ(project().berth("help nosuch").exit_code, 2);
  for (const char* command : {"port", "top", "events", "images", "ls", "graph", "completion"}) {
    auto out = project().berth(std::string(command) + " --help");
    EXPECT_EQ(out.exit_code, 0) << command;
    EXPECT_NE(out.out.find("Usage"), std::string::npos) << command << out.out;
  }
}

TEST_F(Commands, VerboseLogsEngineCalls) {
  auto ps = project().berth("-v ps -q");
  ASSERT_EQ(ps.exit_code, 0) << ps.err;
  EXPECT_NE(ps.err.find("engine: GET /v1.41/containers/json"), std::string::npos) << ps.err;
  EXPECT_EQ(project().berth("ps -q").err, "");
  EXPECT_EQ(project().berth("--ansi sometimes ps").exit_code, 2);
  EXPECT_EQ(project().berth("--ansi never ps -q").exit_code, 0);
}

TEST_F(Commands, BashCompletionCompletesFlagsCommandsAndServices) {
  const std::string binary_dir =
      std::string(BERTH_BINARY).substr(0, std::string(BERTH_BINARY).rfind('/'));
  auto complete = [&](const std::string& words, int index) {
    const std::string script = "PATH=" + shell_quote(binary_dir) + ":$PATH; " +
                               "source <(berth completion bash); COMP_WORDS=(" + words +
                               "); COMP_CWORD=" + std::to_string(index) +
                               "; _berth; printf '%s\\n' \"${COMPREPLY[@]}\"";
    return run_shell("bash -c " + shell_quote(script), project().dir()).out;
  };
  EXPECT_EQ(complete("berth ps --s", 2), "--services\n--status\n");
  EXPECT_EQ(complete("berth -p " + name() + " gr", 3), "graph\n");
  EXPECT_EQ(complete("berth -p " + name() + " port w", 4), "web\n");
  EXPECT_EQ(complete("berth help ver", 2), "version\n");
}

}  // namespace
}  // namespace berth::testing
