// Issue 22: the flags compose v2 users type, on the real engine. Each test
// has its own project (unique name, removed by label even on failure).

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "docker_cli.h"
#include "harness.h"

namespace berth::testing {
namespace {

// A service printing three numbered lines, scaled to two.
const std::string k_talkers = R"(services:
  talk:
    image: berth-test/busybox:latest
    command: ["sh", "-c", "for i in 1 2 3; do echo line$$i; done; sleep 1000"]
    stop_signal: SIGKILL
    scale: 2
)";

// A service that idles until killed (SIGKILL stops it at once).
std::string sleeper(const std::string& name) {
  return "  " + name + ":\n    image: berth-test/busybox:latest\n    command: [\"sleep\", \"1000\"]\n" +
         "    stop_signal: SIGKILL\n";
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(V2Flags, LogsTailIndexNoPrefixAndUntil) {
  TestProject project("logsflags", k_talkers);
  ASSERT_EQ(project.berth("up -d").exit_code, 0);
  ASSERT_TRUE(eventually([&] { return contains(project.berth("logs").out, "line3"); }, 20));
  ASSERT_TRUE(eventually(
      [&] { return lines_of(project.berth("logs --no-log-prefix").out).size() == 6; }, 20));

  auto tail = project.berth("logs -n 1 --index 2 --no-log-prefix");
  ASSERT_EQ(tail.exit_code, 0) << tail.err;
  EXPECT_EQ(tail.out, "line3\n");  // one container, its last line, nothing before it

  auto prefixed = project.berth("logs -n 1 --index 1");
  EXPECT_EQ(lines_of(prefixed.out).size(), 1u) << prefixed.out;
  EXPECT_TRUE(contains(prefixed.out, project.name() + "-talk-1")) << prefixed.out;

  // Everything was written before a minute from now, nothing before an hour ago.
  EXPECT_EQ(project.berth("logs --until 2000-01-01T00:00:00Z").out, "");
  EXPECT_EQ(lines_of(project.berth("logs --since 1h --until 0s --no-log-prefix").out).size(), 6u);
  EXPECT_EQ(project.berth("logs --until yesterday").exit_code, 2);
}

TEST(V2Flags, PsFormatsFiltersAndV2Columns) {
  TestProject project("psflags", R"(services:
)" + sleeper("web") + R"(  job:
    image: berth-test/busybox:latest
    command: ["sh", "-c", "exit 3"]
)");
  ASSERT_EQ(project.berth("up -d").exit_code, 0);
  ASSERT_TRUE(eventually([&] { return contains(project.berth("ps").out, "exited"); }, 20));
  const std::string web = project.name() + "-web-1";
  const std::string job = project.name() + "-job-1";

  auto named = project.berth("ps --format '{{.Name}}\\t{{.ExitCode}}'");
  ASSERT_EQ(named.exit_code, 0) << named.err;
  EXPECT_EQ(named.out, job + "\t3\n" + web + "\t0\n");

  auto table = project.berth("ps --format 'table {{.Service}}\\t{{.State}}'");
  EXPECT_EQ(table.out, "SERVICE   STATE\njob       exited\nweb       running\n");

  EXPECT_EQ(project.berth("ps --filter status=exited --format '{{.Service}}'").out, "job\n");
  EXPECT_EQ(project.berth("ps --filter source=image").exit_code, 2);
  EXPECT_EQ(project.berth("ps --filter colour=red").exit_code, 2);
  EXPECT_EQ(project.berth("ps --format '{{.Nope}}'").exit_code, 2);

  auto ids = project.berth("ps --no-trunc -q web");
  EXPECT_EQ(ids.out.size(), 65u) << ids.out;
  EXPECT_EQ(project.berth("ps --format '{{.ID}}' web").out.size(), 13u);

  // One JSON object per line, with v2's fields and types.
  auto json = project.berth("ps --format json");
  auto rows = lines_of(json.out);
  ASSERT_EQ(rows.size(), 2u) << json.out;
  const auto first = nlohmann::json::parse(rows[0]);
  EXPECT_EQ(first["Name"], job);
  EXPECT_EQ(first["ExitCode"], 3);
  EXPECT_EQ(first["Image"], "berth-test/busybox:latest");
  EXPECT_EQ(first["Networks"], project.name() + "_default");
  EXPECT_EQ(first["Command"], "\"sh -c 'exit 3'\"");

  for (const std::string& v2 : {std::string("ps --compat v2"), std::string("ps")}) {
    auto shown = run_shell((v2 == "ps" ? "COMPOSE_COMPAT=v2 " : "") + shell_quote(BERTH_BINARY) +
                               " -p " + project.name() + " " + v2,
                           project.dir());
    ASSERT_EQ(shown.exit_code, 0) << shown.err;
    EXPECT_EQ(first_line(shown.out).substr(0, 5), "NAME ") << shown.out;
    for (const char* column : {"IMAGE", "COMMAND", "SERVICE", "CREATED", "STATUS", "PORTS"}) {
      EXPECT_TRUE(contains(first_line(shown.out), column)) << column << "\n" << shown.out;
    }
  }
  EXPECT_TRUE(contains(first_line(project.berth("ps").out), "STATE")) << "berth's own columns";

  // An orphan: listed by default, as compose v2, and not with --orphans=false.
  project.write_file("compose.yaml", R"(services:
  web:
    image: berth-test/busybox:latest
    command: ["sleep", "1000"]
)");
  EXPECT_TRUE(contains(project.berth("ps").out, job));
  auto declared = project.berth("ps --orphans=false --format '{{.Name}}'");
  EXPECT_EQ(declared.out, web + "\n") << declared.err;
}

TEST(V2Flags, ImagesJsonAndLsFilter) {
  TestProject project("imgls", R"(services:
)" + sleeper("web"));
  ASSERT_EQ(project.berth("up -d").exit_code, 0);
  auto images = project.berth("images --format json");
  ASSERT_EQ(images.exit_code, 0) << images.err;
  const auto listed = nlohmann::json::parse(images.out);
  ASSERT_EQ(listed.size(), 1u) << images.out;
  EXPECT_EQ(listed[0]["ContainerName"], project.name() + "-web-1");
  EXPECT_EQ(listed[0]["Repository"], "berth-test/busybox");
  EXPECT_EQ(listed[0]["Tag"], "latest");
  EXPECT_EQ(listed[0]["ID"].get<std::string>().substr(0, 7), "sha256:");
  EXPECT_GT(listed[0]["Size"].get<long long>(), 100000);

  auto ls = project.berth("ls -q --filter name=^" + project.name() + "$");
  ASSERT_EQ(ls.exit_code, 0) << ls.err;
  EXPECT_EQ(ls.out, project.name() + "\n");
  EXPECT_EQ(project.berth("ls -q --filter name=^no-such-project$").out, "");
  EXPECT_EQ(project.berth("ls --filter label=x").exit_code, 2);
}

TEST(V2Flags, EventsSinceUntilReplaysAndEnds) {
  TestProject project("evsince", R"(services:
)" + sleeper("web"));
  ASSERT_EQ(project.berth("up -d").exit_code, 0);
  std::this_thread::sleep_for(std::chrono::seconds(1));
  auto events = project.berth("events --since 5m --until 0s");
  ASSERT_EQ(events.exit_code, 0) << events.err;
  EXPECT_TRUE(contains(events.out, " container create ")) << events.out;
  EXPECT_TRUE(contains(events.out, " container start ")) << events.out;
  EXPECT_TRUE(contains(events.out, project.name() + "-web-1")) << events.out;
  EXPECT_EQ(project.berth("events --since soon").exit_code, 2);
}

TEST(V2Flags, ConfigListsAndWritesAndReadsStdin) {
  TestProject project("cfgflags", R"(services:
  web:
    image: "berth-test/busybox:${TAG:-latest}"
    environment: ["A=${REQ?}", "B=$FROM_DOTENV"]
    networks: [front]
networks:
  front: {}
)");
  project.write_file(".env", "FROM_DOTENV=dotenv-value\nREQ=r\n");
  EXPECT_EQ(project.berth("config --images").out, "berth-test/busybox:latest\n");
  EXPECT_EQ(project.berth("config --networks").out, "front\n");

  auto variables = project.berth("config --variables");
  ASSERT_EQ(variables.exit_code, 0) << variables.err;
  const auto rows = lines_of(variables.out);
  ASSERT_EQ(rows.size(), 4u) << variables.out;
  EXPECT_EQ(rows[0].substr(0, 5), "NAME ");
  EXPECT_TRUE(contains(rows[1], "FROM_DOTENV") && contains(rows[1], "dotenv-value")) << rows[1];
  EXPECT_TRUE(contains(rows[2], "REQ") && contains(rows[2], "true")) << rows[2];
  EXPECT_TRUE(contains(rows[3], "TAG") && contains(rows[3], "latest") && contains(rows[3], "(unset)"))
      << rows[3];
  auto json = nlohmann::json::parse(project.berth("config --variables --format json").out);
  EXPECT_EQ(json["REQ"]["Required"], true);

  EXPECT_TRUE(contains(project.berth("config --environment").out, "FROM_DOTENV=dotenv-value\n"));

  ASSERT_EQ(project.berth("config -o resolved.yaml").exit_code, 0);
  EXPECT_TRUE(contains(read_text(project.dir() + "/resolved.yaml"), "B: dotenv-value"));
  EXPECT_EQ(project.berth("config -o /nonexistent/dir/x.yaml").exit_code, 1);

  // --no-interpolate: every variable as written, with the project's name and default
  // network added as v2 adds them; JSON too. A required variable unset is no error there.
  auto raw = project.berth("config --no-interpolate");
  ASSERT_EQ(raw.exit_code, 0) << raw.err;
  EXPECT_TRUE(contains(raw.out, "image: berth-test/busybox:${TAG:-latest}\n")) << raw.out;
  EXPECT_TRUE(contains(raw.out, "- A=${REQ?}\n")) << raw.out;
  EXPECT_TRUE(contains(raw.out, "name: " + project.name() + "\n")) << raw.out;
  auto raw_json = project.berth("config --no-interpolate --format json");
  ASSERT_EQ(raw_json.exit_code, 0) << raw_json.err;
  EXPECT_EQ(nlohmann::json::parse(raw_json.out)["services"]["web"]["environment"][1],
            "B=$FROM_DOTENV");
  project.write_file("broken.yaml", "services:\n  web: [\n");
  auto broken = project.berth("-f broken.yaml config --no-interpolate");
  EXPECT_EQ(broken.exit_code, 1);
  EXPECT_TRUE(contains(broken.err, "broken.yaml:")) << broken.err;

  // -f -: the file from standard input, paths relative to the current directory.
  auto piped = run_shell("printf 'services:\\n  piped:\\n    image: busybox\\n' | " +
                             shell_quote(BERTH_BINARY) + " -f - config --services",
                         project.dir());
  EXPECT_EQ(piped.out, "piped\n") << piped.err;

  // From a sub-directory, the file is found in the parent, as compose v2 finds it.
  std::filesystem::create_directories(project.dir() + "/src/deep");
  auto found = run_shell(shell_quote(BERTH_BINARY) + " config --services",
                         project.dir() + "/src/deep");
  EXPECT_EQ(found.out, "web\n") << found.err;
}

TEST(V2Flags, AttachedUpPrefixTimestampsAndFailureAbort) {
  TestProject project("upattach", R"(services:
)" + sleeper("steady") + R"(  failing:
    image: berth-test/busybox:latest
    command: ["sh", "-c", "echo about-to-fail; sleep 1; exit 3"]
)");
  auto up = project.berth("up --abort-on-container-failure --no-log-prefix --timestamps");
  EXPECT_EQ(up.exit_code, 3) << up.out << up.err;
  bool stamped = false;
  for (const auto& line : lines_of(up.out)) {
    if (contains(line, "about-to-fail")) {
      stamped = line.substr(0, 2) == "20" && line.find('|') == std::string::npos;
    }
  }
  EXPECT_TRUE(stamped) << up.out;
  // The steady one was stopped because the other failed.
  ASSERT_TRUE(eventually(
      [&] {
        return docker_inspect(project.name() + "-steady-1")["State"]["Running"] == false;
      },
      20));
  EXPECT_EQ(project.berth("up --abort-on-container-failure --abort-on-container-exit").exit_code,
            2);
}

TEST(V2Flags, AttachDependenciesShowsTheDependencysLogs) {
  TestProject project("upattdeps", R"(services:
  dep:
    image: berth-test/busybox:latest
    command: ["sh", "-c", "echo from-the-dependency; sleep 2"]
  app:
    image: berth-test/busybox:latest
    command: ["sh", "-c", "sleep 1; echo from-the-app"]
    depends_on: [dep]
)");
  auto plain = project.berth("up app");
  EXPECT_EQ(plain.exit_code, 0) << plain.err;
  EXPECT_FALSE(contains(plain.out, "from-the-dependency")) << plain.out;
  ASSERT_EQ(project.berth("rm -fs").exit_code, 0);
  auto with_deps = project.berth("up --attach-dependencies app");
  EXPECT_EQ(with_deps.exit_code, 0) << with_deps.err;
  EXPECT_TRUE(contains(with_deps.out, "from-the-dependency")) << with_deps.out;
  EXPECT_TRUE(contains(with_deps.out, "from-the-app")) << with_deps.out;
}

TEST(V2Flags, RenewAnonVolumesPullAndCreateScale) {
  TestProject project("renewanon", R"(services:
)" + sleeper("web") + R"(    volumes: ["/data"]
)");
  ASSERT_EQ(project.berth("up -d -y").exit_code, 0);
  const std::string web = project.name() + "-web-1";
  docker_exec_sh(web, "echo kept > /data/file");
  ASSERT_EQ(project.berth("up -d --force-recreate").exit_code, 0);
  EXPECT_EQ(docker_exec_sh(web, "cat /data/file 2>&1"), "kept\n");
  ASSERT_EQ(project.berth("up -d --force-recreate -V").exit_code, 0);
  EXPECT_NE(docker_exec_sh(web, "cat /data/file 2>&1"), "kept\n");

  // --pull never: a missing image is an error naming the flag, before any change.
  project.write_file("compose.yaml", R"(services:
  web:
    image: berth-test/no-such-image:never
)");
  auto never = project.berth("up -d --pull never");
  EXPECT_EQ(never.exit_code, 1);
  EXPECT_TRUE(contains(never.err, "--pull never forbids pulling it")) << never.err;
  EXPECT_EQ(project.berth("up -d --pull sometimes").exit_code, 2);

  project.write_file("compose.yaml", R"(services:
  web:
    image: berth-test/busybox:latest
    command: ["sleep", "1000"]
)");
  ASSERT_EQ(project.berth("down").exit_code, 0);
  ASSERT_EQ(project.berth("create --scale web=2 --pull missing").exit_code, 0);
  auto created = project.berth("ps -a --format '{{.Name}} {{.State}}'");
  EXPECT_EQ(created.out, web + " created\n" + project.name() + "-web-2 created\n");
}

TEST(V2Flags, DownRmiRemovesTheProjectsImagesOnly) {
  TestProject project("downrmi", R"(services:
  built:
    build: ./ctx
    command: ["sleep", "1000"]
    stop_signal: SIGKILL
  named:
    image: ${NAMED_IMAGE}
    command: ["sleep", "1000"]
    stop_signal: SIGKILL
)");
  const std::string named = "berth-rmi-" + project.name() + ":t";
  project.write_file("ctx/Dockerfile", "FROM berth-test/busybox:latest\nRUN echo built > /built\n");
  project.write_file(".env", "NAMED_IMAGE=" + named + "\n");
  ASSERT_EQ(run_shell("/usr/bin/docker tag berth-test/busybox:latest " + named).exit_code, 0);
  ASSERT_EQ(project.berth("up -d").exit_code, 0);
  const std::string built = project.name() + "-built";

  auto dry = project.berth("--dry-run down --rmi local");
  EXPECT_TRUE(contains(dry.out, "RemoveImage " + built)) << dry.out;

  ASSERT_EQ(project.berth("down --rmi local").exit_code, 0);
  EXPECT_NE(run_shell("/usr/bin/docker image inspect " + built).exit_code, 0);
  EXPECT_EQ(run_shell("/usr/bin/docker image inspect " + named).exit_code, 0);

  ASSERT_EQ(project.berth("up -d").exit_code, 0);
  ASSERT_EQ(project.berth("down --rmi all").exit_code, 0);
  EXPECT_NE(run_shell("/usr/bin/docker image inspect " + named).exit_code, 0);
  EXPECT_NE(run_shell("/usr/bin/docker image inspect " + built).exit_code, 0);
  EXPECT_EQ(run_shell("/usr/bin/docker image inspect berth-test/busybox:latest").exit_code, 0);
  EXPECT_EQ(project.berth("down --rmi some").exit_code, 2);
  run_shell("/usr/bin/docker rmi " + named + " " + built + " 2>/dev/null");
}

TEST(V2Flags, KillOrphansScaleAndRestartNoDeps) {
  TestProject project("nodeps", R"(services:
)" + sleeper("db") + sleeper("app") + R"(    depends_on:
      db: {condition: service_started, restart: true}
)" + sleeper("gone"));
  // scale --no-deps: app alone, db not made.
  ASSERT_EQ(project.berth("scale --no-deps app=1").exit_code, 0);
  EXPECT_EQ(project.berth("ps --format '{{.Service}}'").out, "app\n");
  ASSERT_EQ(project.berth("up -d").exit_code, 0);

  // restart --no-deps db: app, which asked to follow db, is left alone.
  const std::string app = project.name() + "-app-1";
  const auto started = docker_inspect(app)["State"]["StartedAt"];
  ASSERT_EQ(project.berth("restart --no-deps db").exit_code, 0);
  EXPECT_EQ(docker_inspect(app)["State"]["StartedAt"], started);
  ASSERT_EQ(project.berth("restart db").exit_code, 0);
  EXPECT_NE(docker_inspect(app)["State"]["StartedAt"], started);

  // kill --remove-orphans: the orphan's container too.
  project.write_file("compose.yaml", R"(services:
  db:
    image: berth-test/busybox:latest
    command: ["sleep", "1000"]
)");
  const std::string gone = project.name() + "-gone-1";
  ASSERT_EQ(project.berth("kill db").exit_code, 0);
  EXPECT_EQ(docker_inspect(gone)["State"]["Running"], true);
  ASSERT_EQ(project.berth("kill --remove-orphans").exit_code, 0);
  EXPECT_EQ(docker_inspect(gone)["State"]["Running"], false);
}

TEST(V2Flags, WaitDownProjectAndStartWait) {
  TestProject project("waitdown", R"(services:
  job:
    image: berth-test/busybox:latest
    command: ["sh", "-c", "sleep 1; exit 4"]
  web:
    image: berth-test/busybox:latest
    command: ["sh", "-c", "sleep 2; touch /ready; sleep 1000"]
    stop_signal: SIGKILL
    healthcheck: {test: ["CMD", "test", "-f", "/ready"], interval: 1s, retries: 30}
)");
  ASSERT_EQ(project.berth("create").exit_code, 0);
  auto start = project.berth("start --wait web");
  ASSERT_EQ(start.exit_code, 0) << start.err;
  EXPECT_EQ(docker_inspect(project.name() + "-web-1")["State"]["Health"]["Status"], "healthy");

  ASSERT_EQ(project.berth("start job").exit_code, 0);
  auto wait = project.berth("wait --down-project job");
  EXPECT_EQ(wait.exit_code, 4) << wait.err;
  EXPECT_TRUE(project.containers().empty());
  EXPECT_TRUE(project.networks().empty());
}

TEST(V2Flags, RunFlagsReachTheContainer) {
  TestProject project("runflags", R"(services:
  web:
    image: berth-test/busybox:latest
    networks:
      default:
        aliases: [webalias]
)");
  project.write_file("vars.env", "FROM_FILE=file-value\nOVERRIDDEN=file\n");
  auto run = project.berth(
      "run -d -i --name " + project.name() + "-probe -l purpose=probe --cap-add NET_ADMIN "
      "--cap-drop CHOWN --env-from-file vars.env -e OVERRIDDEN=flag --use-aliases web "
      "sleep 1000");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto probe = docker_inspect(project.name() + "-probe");
  EXPECT_EQ(probe["Config"]["Labels"]["purpose"], "probe");
  EXPECT_EQ(probe["HostConfig"]["CapAdd"], nlohmann::json::array({"NET_ADMIN"}));
  EXPECT_EQ(probe["HostConfig"]["CapDrop"], nlohmann::json::array({"CHOWN"}));
  const auto env = probe["Config"]["Env"].dump();
  EXPECT_TRUE(contains(env, "FROM_FILE=file-value")) << env;
  EXPECT_TRUE(contains(env, "OVERRIDDEN=flag")) << env;
  EXPECT_FALSE(contains(env, "OVERRIDDEN=file")) << env;
  const auto aliases =
      probe["NetworkSettings"]["Networks"][project.name() + "_default"]["Aliases"].dump();
  EXPECT_TRUE(contains(aliases, "webalias")) << aliases;

  auto quiet = project.berth("run --rm -q -T web echo quiet-run");
  EXPECT_EQ(quiet.exit_code, 0) << quiet.err;
  EXPECT_EQ(quiet.out, "quiet-run\n");
  EXPECT_EQ(quiet.err, "");

  // A flag berth lacks, before the service, is never taken for the service.
  auto unknown = project.berth("run --no-such-flag web echo hi");
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_TRUE(contains(unknown.err, "unknown option --no-such-flag")) << unknown.err;
  EXPECT_EQ(project.berth("run -l com.docker.compose.project=other web true").exit_code, 2);
  EXPECT_EQ(project.berth("run --env-from-file missing.env web true").exit_code, 1);
}

TEST(V2Flags, BuildPrintAndWithDependencies) {
  TestProject project("buildflags", R"(services:
  base:
    build: {context: ./base, args: {A: one}, target: final}
    image: ${BASE_IMAGE}
  app:
    build: ./app
    depends_on: [base]
)");
  project.write_file(".env", "BASE_IMAGE=berth-build-" + project.name() + "-base\n");
  project.write_file("base/Dockerfile", "FROM berth-test/busybox:latest AS final\n");
  project.write_file("app/Dockerfile", "FROM berth-test/busybox:latest\n");
  auto print = project.berth("build --print --build-arg B=two app");
  ASSERT_EQ(print.exit_code, 0) << print.err;
  const auto bake = nlohmann::json::parse(print.out);
  EXPECT_EQ(bake["group"]["default"]["targets"], nlohmann::json::array({"app"}));
  EXPECT_EQ(bake["target"]["app"]["context"], project.dir() + "/app");
  EXPECT_EQ(bake["target"]["app"]["args"]["B"], "two");

  const auto with = nlohmann::json::parse(project.berth("build --print --with-dependencies app").out);
  EXPECT_EQ(with["target"]["base"]["target"], "final");
  EXPECT_EQ(with["target"]["base"]["args"]["A"], "one");
  EXPECT_TRUE(with["target"].contains("app"));

  auto built = project.berth("build -q --with-dependencies app");
  EXPECT_EQ(built.exit_code, 0) << built.err;
  const std::string base_image = "berth-build-" + project.name() + "-base";
  EXPECT_EQ(run_shell("/usr/bin/docker image inspect " + base_image).exit_code, 0);
  run_shell("/usr/bin/docker rmi " + base_image + " " + project.name() + "-app 2>/dev/null");
}

}  // namespace
}  // namespace berth::testing
