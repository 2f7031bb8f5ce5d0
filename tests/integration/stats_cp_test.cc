// The commands compose v2 has that berth lacked (issue 22): stats, cp,
// volumes, attach, commit and export, on the real engine. One project is
// brought up for the suite; attach has projects of its own.

#include <gtest/gtest.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <memory>
#include <regex>

#include "background_berth.h"
#include "docker_cli.h"
#include "harness.h"

namespace berth::testing {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;
namespace fs = std::filesystem;

// sleep as PID 1 ignores SIGTERM: SIGKILL stops it at once.
const std::string k_project = R"(services:
  web:
    image: berth-test/busybox:latest
    command: ["sleep", "1000"]
    stop_signal: SIGKILL
    scale: 2
    volumes: ["data:/data"]
  db:
    image: berth-test/busybox:latest
    command: ["sh", "-c", "mkdir -p /tmp/tree/sub && echo deep > /tmp/tree/sub/file && ln -s sub/file /tmp/tree/link && exec sleep 1001"]
    stop_signal: SIGKILL
volumes:
  data: {}
)";

class StatsCp : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    s_project = std::make_unique<TestProject>("statscp", k_project);
    auto up = s_project->berth("up -d");
    ASSERT_EQ(up.exit_code, 0) << up.err;
  }
  static void TearDownTestSuite() { s_project.reset(); }

  static TestProject& project() { return *s_project; }
  static std::string name() { return s_project->name(); }
  static fs::path dir() { return s_project->dir(); }

 private:
  static inline std::unique_ptr<TestProject> s_project;
};

// "2.098MiB" -> bytes.
double size_of(const std::string& text) {
  static const std::vector<std::pair<std::string, double>> k_units = {
      {"KiB", 1024.0}, {"MiB", 1024.0 * 1024}, {"GiB", 1024.0 * 1024 * 1024}, {"B", 1.0}};
  for (const auto& [unit, factor] : k_units) {
    if (text.ends_with(unit)) {
      return std::stod(text.substr(0, text.size() - unit.size())) * factor;
    }
  }
  ADD_FAILURE() << "no unit in " << text;
  return 0;
}

// A table line's cells: columns are at least three spaces apart.
std::vector<std::string> cells_of(const std::string& line) {
  static const std::regex k_gap(" {3,}");
  return {std::sregex_token_iterator(line.begin(), line.end(), k_gap, -1),
          std::sregex_token_iterator()};
}

TEST_F(StatsCp, StatsShowsEveryContainerAndAProjectTotal) {
  auto stats = project().berth("stats --no-stream");
  ASSERT_EQ(stats.exit_code, 0) << stats.err;
  const auto lines = lines_of(stats.out);
  ASSERT_EQ(lines.size(), 5u) << stats.out;  // header, 3 containers, TOTAL
  EXPECT_EQ(cells_of(lines[0]),
            (std::vector<std::string>{"CONTAINER ID", "NAME", "CPU %", "MEM USAGE / LIMIT", "MEM %",
                                      "NET I/O", "BLOCK I/O", "PIDS"}));
  double memory = 0;
  int pids = 0;
  for (const auto* container : {"-db-1", "-web-1", "-web-2"}) {
    bool found = false;
    for (std::size_t i = 1; i + 1 < lines.size(); ++i) {
      const auto cells = cells_of(lines[i]);
      ASSERT_EQ(cells.size(), 8u) << lines[i];
      if (cells[1] == name() + container) {
        found = true;
        EXPECT_EQ(cells[0].size(), 12u) << lines[i];
        memory += size_of(cells[3].substr(0, cells[3].find(' ')));
        pids += std::stoi(cells[7]);
        EXPECT_GT(size_of(cells[3].substr(cells[3].find("/ ") + 2)), 0) << lines[i];
      }
    }
    EXPECT_TRUE(found) << container << "\n" << stats.out;
  }
  const auto total = cells_of(lines.back());
  ASSERT_EQ(total.size(), 8u) << lines.back();
  EXPECT_EQ(total[0], "") << lines.back();  // no ID
  EXPECT_EQ(total[1], "TOTAL") << lines.back();
  EXPECT_NEAR(size_of(total[3]), memory, memory * 0.01) << stats.out;  // 4 digits each
  EXPECT_EQ(std::stoi(total[7]), pids) << stats.out;
  EXPECT_GE(pids, 3);
}

TEST_F(StatsCp, StatsJsonHasV2sFieldsForTheNamedService) {
  auto stats = project().berth("stats --no-stream --no-trunc --format json web");
  ASSERT_EQ(stats.exit_code, 0) << stats.err;
  const auto lines = lines_of(stats.out);
  ASSERT_EQ(lines.size(), 2u) << stats.out;
  for (const auto& line : lines) {
    for (const auto* key : {"\"BlockIO\":", "\"CPUPerc\":", "\"Container\":", "\"ID\":",
                            "\"MemPerc\":", "\"MemUsage\":", "\"Name\":", "\"NetIO\":",
                            "\"PIDs\":\"1\""}) {
      EXPECT_NE(line.find(key), std::string::npos) << key << " in " << line;
    }
    EXPECT_NE(line.find("\"Name\":\"" + name() + "-web-"), std::string::npos) << line;
    EXPECT_TRUE(std::regex_search(line, std::regex("\"ID\":\"[0-9a-f]{64}\""))) << line;
  }
}

TEST_F(StatsCp, StatsStreamsUntilInterrupted) {
  BackgroundBerth stats(name(), dir().string(), "stats --format json db");
  ASSERT_TRUE(stats.wait_for_output(name() + "-db-1", seconds(20))) << stats.output();
  // A pipe gets every sample, one after another.
  ASSERT_TRUE(eventually([&] { return lines_of(stats.output()).size() >= 2; }, 20))
      << stats.output();
  stats.signal(SIGINT);
  EXPECT_EQ(stats.wait(milliseconds(10000)), 0);
}

TEST_F(StatsCp, StatsOfAnUnknownServiceFails) {
  auto stats = project().berth("stats --no-stream nosuch");
  EXPECT_EQ(stats.exit_code, 1);
  EXPECT_EQ(stats.err, "error: no such service: nosuch\n");
}

TEST_F(StatsCp, CpToAServiceReachesEveryContainerOrTheIndexedOne) {
  project().write_file("hello.txt", "hello from the host\n");
  auto cp = project().berth("cp hello.txt web:/tmp/hello.txt");
  ASSERT_EQ(cp.exit_code, 0) << cp.err;
  EXPECT_EQ(docker_exec_sh(name() + "-web-1", "cat /tmp/hello.txt"), "hello from the host\n");
  EXPECT_EQ(docker_exec_sh(name() + "-web-2", "cat /tmp/hello.txt"), "hello from the host\n");

  project().write_file("only2.txt", "two\n");
  auto indexed = project().berth("cp --index 2 only2.txt web:/tmp/");
  ASSERT_EQ(indexed.exit_code, 0) << indexed.err;
  EXPECT_EQ(docker_exec_sh(name() + "-web-2", "cat /tmp/only2.txt"), "two\n");
  EXPECT_EQ(docker_exec_sh(name() + "-web-1", "test -e /tmp/only2.txt || echo absent"),
            "absent\n");
}

TEST_F(StatsCp, CpDirectoriesBothWays) {
  fs::create_directories(dir() / "tree" / "inner");
  project().write_file("tree/inner/note.txt", "note\n");
  auto to = project().berth("cp tree db:/tmp/");
  ASSERT_EQ(to.exit_code, 0) << to.err;
  EXPECT_EQ(docker_exec_sh(name() + "-db-1", "cat /tmp/tree/inner/note.txt"), "note\n");
  // The container's tree, under a new name, its symlink kept as a link.
  auto from = project().berth("cp db:/tmp/tree copied");
  ASSERT_EQ(from.exit_code, 0) << from.err;
  EXPECT_EQ(read_text(dir() / "copied" / "sub" / "file"), "deep\n");
  EXPECT_EQ(read_text(dir() / "copied" / "inner" / "note.txt"), "note\n");
  EXPECT_EQ(fs::read_symlink(dir() / "copied" / "link"), "sub/file");
  // A file into an existing directory, and a file renamed.
  fs::create_directories(dir() / "got");
  ASSERT_EQ(project().berth("cp db:/etc/hostname got").exit_code, 0);
  ASSERT_EQ(project().berth("cp db:/etc/hostname got/renamed").exit_code, 0);
  const auto hostname = docker_exec_sh(name() + "-db-1", "cat /etc/hostname");
  EXPECT_EQ(read_text(dir() / "got" / "hostname"), hostname);
  EXPECT_EQ(read_text(dir() / "got" / "renamed"), hostname);
  // "-": the engine's tar on stdout.
  auto tar = run_shell(shell_quote(BERTH_BINARY) + " -p " + name() +
                           " cp db:/tmp/tree/sub - | tar tf -",
                       dir().string());
  EXPECT_EQ(tar.out, "sub/\nsub/file\n");
}

TEST_F(StatsCp, CpNeverWritesOutsideTheDestination) {
  // got2/tree is a link to a directory outside got2: docker cp would replace
  // it; berth refuses to write the container's tree through it.
  fs::create_directories(dir() / "got2");
  fs::create_directories(dir() / "outside");
  fs::create_symlink("../outside", dir() / "got2" / "tree");
  auto cp = project().berth("cp db:/tmp/tree got2");
  EXPECT_EQ(cp.exit_code, 1);
  EXPECT_NE(cp.err.find("refused"), std::string::npos) << cp.err;
  EXPECT_EQ(lines_of(cp.err).size(), 1u) << cp.err;
  EXPECT_TRUE(fs::is_empty(dir() / "outside"));
}

TEST_F(StatsCp, CpBadInputIsOneLine) {
  const std::vector<std::pair<std::string, int>> cases = {
      {"cp a.txt b.txt", 2},                 // neither side in a container
      {"cp web:/a db:/b", 2},                // both
      {"cp hello.txt web:", 2},              // no path
      {"cp nosuch:/etc/hosts .", 1},         // no such service
      {"cp db:/no/such/file .", 1},          // nothing there
      {"cp db:/tmp/tree hello.txt", 1},      // a directory onto a file
  };
  project().write_file("hello.txt", "x\n");
  for (const auto& [args, code] : cases) {
    auto cp = project().berth(args);
    EXPECT_EQ(cp.exit_code, code) << args << ": " << cp.err;
    EXPECT_EQ(lines_of(cp.err).size(), 1u) << args << ": " << cp.err;
  }
  auto dry = project().berth("--dry-run cp hello.txt web:/tmp/");
  EXPECT_EQ(dry.exit_code, 2) << dry.err;
}

TEST_F(StatsCp, VolumesListsOnlyThisProjectsVolumes) {
  TestProject other("statscpother", R"(services:
  keeper:
    image: berth-test/busybox:latest
    command: ["true"]
    volumes: ["data:/data"]
volumes:
  data: {}
)");
  ASSERT_EQ(other.berth("up -d").exit_code, 0);
  ASSERT_FALSE(other.volumes().empty());
  auto volumes = project().berth("volumes");
  ASSERT_EQ(volumes.exit_code, 0) << volumes.err;
  EXPECT_EQ(volumes.out, "DRIVER    VOLUME NAME\nlocal     " + name() + "_data\n");
  EXPECT_EQ(project().berth("volumes -q").out, name() + "_data\n");
  auto json = project().berth("volumes --format json web");
  EXPECT_NE(json.out.find("\"Name\":\"" + name() + "_data\""), std::string::npos) << json.out;
  EXPECT_NE(json.out.find("\"Mountpoint\":\"/var/lib/docker/volumes/"), std::string::npos)
      << json.out;
  EXPECT_EQ(project().berth("volumes -q db").out, "");  // db mounts none
  EXPECT_EQ(project().berth("volumes nosuch").exit_code, 1);
}

TEST_F(StatsCp, CommitAndExportTheContainersFilesystem) {
  const std::string image = "berth-test/commit-" + name() + ":v1";
  auto commit = project().berth("commit -m saved -c 'ENV COMMITTED=yes' db " + image);
  ASSERT_EQ(commit.exit_code, 0) << commit.err;
  EXPECT_EQ(commit.out.rfind("sha256:", 0), 0u) << commit.out;
  auto env = run_shell("/usr/bin/docker image inspect -f '{{.Config.Env}} {{.Comment}}' " + image);
  run_shell("/usr/bin/docker rmi -f " + image);
  EXPECT_NE(env.out.find("COMMITTED=yes"), std::string::npos) << env.out << env.err;
  EXPECT_NE(env.out.find(" saved"), std::string::npos) << env.out;

  auto exported = project().berth("export -o fs.tar db");
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  auto listing = run_shell("tar tf fs.tar", dir().string());
  EXPECT_NE(listing.out.find("tmp/tree/sub/file"), std::string::npos);
  EXPECT_EQ(project().berth("export -o x.tar --index 3 web").exit_code, 1);
  EXPECT_FALSE(fs::exists(dir() / "x.tar"));
}

TEST_F(StatsCp, CompletionKnowsTheNewCommands) {
  auto completion = project().berth("completion bash");
  for (const auto* verb : {"stats", "cp", "volumes", "attach", "commit", "export"}) {
    EXPECT_NE(completion.out.find(verb), std::string::npos) << verb;
  }
  EXPECT_NE(completion.out.find("--no-stream"), std::string::npos);
  EXPECT_NE(completion.out.find("--follow-link"), std::string::npos);
}

TEST(Attach, ShowsTheOutputAndExitsWithTheContainersCode) {
  TestProject project("attach", R"(services:
  talker:
    image: berth-test/busybox:latest
    command: ["sh", "-c", "sleep 3; echo from-container; exit 3"]
  reader:
    image: berth-test/busybox:latest
    stdin_open: true
    command: ["sh", "-c", "read line; echo got-$$line; exit 4"]
)");
  ASSERT_EQ(project.berth("up -d").exit_code, 0);
  auto attached = project.berth("attach --no-stdin talker </dev/null");
  EXPECT_EQ(attached.exit_code, 3) << attached.err;
  EXPECT_EQ(attached.out, "from-container\n");
  // stdin stays open meanwhile: the engine ends an attachment's output when
  // its stdin closes (as for docker attach), which could beat the echo.
  auto piped = run_shell("(echo hi; sleep 5) | " + shell_quote(BERTH_BINARY) + " -p " +
                             project.name() +
                             " attach reader",
                         project.dir());
  EXPECT_EQ(piped.exit_code, 4) << piped.err;
  EXPECT_EQ(piped.out, "got-hi\n");
  // Both have exited now.
  auto stopped = project.berth("attach talker </dev/null");
  EXPECT_EQ(stopped.exit_code, 1);
  EXPECT_NE(stopped.err.find("is not running"), std::string::npos) << stopped.err;
  EXPECT_EQ(lines_of(stopped.err).size(), 1u) << stopped.err;
  EXPECT_EQ(project.berth("attach nosuch").exit_code, 1);
}

}  // namespace
}  // namespace berth::testing
