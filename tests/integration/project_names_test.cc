// Project names (issue 19): a chosen name is refused unless valid, never
// normalised into another project's; a long name works; the verbs that need
// only the name work without a project file, as in compose v2.

#include <gtest/gtest.h>

#include "harness.h"

namespace berth::testing {
namespace {

const char* k_with_volume = R"(services:
  web:
    image: berth-test/busybox:latest
    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 2147483647 & wait"]
    volumes: ["data:/data"]
volumes:
  data: {}
)";

const char* k_rule = "must match ^[a-z0-9][a-z0-9_-]*$";

// `berth ARGS` in `directory`, COMPOSE_PROJECT_NAME unset unless `environment` sets it.
std::string berth_in(const std::string& directory, const std::string& args,
                     const std::string& environment = "") {
  return "cd " + shell_quote(directory) + " && env -u COMPOSE_PROJECT_NAME -u COMPOSE_FILE " +
         environment + " " + shell_quote(BERTH_BINARY) + " " + args;
}

// The name with a '.' after its first character: what normalisation turned
// into the name itself.
std::string dotted(const std::string& name) { return name.substr(0, 1) + "." + name.substr(1); }

void expect_whole(const TestProject& project) {
  const auto containers = project.containers();
  ASSERT_EQ(containers.size(), 1u);
  EXPECT_EQ(containers[0].state, "running");
  EXPECT_EQ(project.volumes().size(), 1u);
  EXPECT_EQ(project.networks().size(), 1u);
}

// `-p rp.coll.a down -v` removed rpcolla's containers and volume.
TEST(ProjectNames, InvalidDashPIsRefusedAndTheSimilarProjectStaysWhole) {
  TestProject project("rpcolla", k_with_volume);
  ASSERT_EQ(project.berth("up -d").exit_code, 0);
  auto down = run_shell(berth_in(project.dir(), "-p " + dotted(project.name()) + " down -v"));
  EXPECT_EQ(down.exit_code, 2) << down.err;  // a usage error
  EXPECT_EQ(first_line(down.err), "error: --project-name: invalid project name \"" +
                                      dotted(project.name()) +
                                      "\": it must match ^[a-z0-9][a-z0-9_-]*$ (lowercase "
                                      "letters, digits, '-' and '_', starting with a letter or "
                                      "digit)");
  expect_whole(project);
}

TEST(ProjectNames, InvalidEnvironmentNameIsRefused) {
  TestProject project("envname", k_with_volume);
  ASSERT_EQ(project.berth("up -d").exit_code, 0);
  for (const std::string& name : {dotted(project.name()), std::string("Upper")}) {
    auto down = run_shell(berth_in(project.dir(), "down -v", "COMPOSE_PROJECT_NAME=" + name));
    EXPECT_EQ(down.exit_code, 1) << down.err;
    EXPECT_EQ(lines_of(down.err).size(), 1u) << down.err;
    EXPECT_EQ(down.err.rfind("COMPOSE_PROJECT_NAME: invalid project name \"" + name + "\"", 0),
              0u)
        << down.err;
    EXPECT_NE(down.err.find(k_rule), std::string::npos) << down.err;
  }
  expect_whole(project);
}

TEST(ProjectNames, InvalidTopLevelNameIsRefusedAtItsPlace) {
  TestProject project("filename", k_with_volume);
  ASSERT_EQ(project.berth("up -d").exit_code, 0);
  project.write_file("other.yaml", "name: " + dotted(project.name()) + "\nservices: {}\n");
  auto down = run_shell(berth_in(project.dir(), "-f other.yaml down -v"));
  EXPECT_EQ(down.exit_code, 1) << down.err;
  EXPECT_EQ(lines_of(down.err).size(), 1u) << down.err;
  EXPECT_EQ(down.err.rfind("other.yaml:1:7: name: invalid project name", 0), 0u) << down.err;
  expect_whole(project);
}

TEST(ProjectNames, DirectoryNameIsStillNormalised) {
  TestProject project("dirname", k_with_volume);
  const std::string dir = project.dir() + "/My.App";
  project.write_file("My.App/compose.yaml", k_with_volume);
  auto config = run_shell(berth_in(dir, "config"));
  ASSERT_EQ(config.exit_code, 0) << config.err;
  EXPECT_EQ(first_line(config.out), "name: myapp");
}

// compose v2 runs it; berth's lock said "File name too long".
TEST(ProjectNames, LongNameRuns) {
  TestProject project("longname", k_with_volume);
  std::string name = project.name() + "-";
  name += std::string(242 - name.size(), 'x');
  ASSERT_EQ(name.size(), 242u);
  struct Cleanup {
    std::string name;
    ~Cleanup() { remove_project_objects(name); }
  } cleanup{name};
  auto up = run_shell(berth_in(project.dir(), "-p " + name + " up -d"));
  ASSERT_EQ(up.exit_code, 0) << up.err;
  auto ps = run_shell(berth_in(project.dir(), "-p " + name + " ps --format json"));
  EXPECT_EQ(ps.exit_code, 0) << ps.err;
  EXPECT_NE(ps.out.find(name + "-web-1"), std::string::npos) << ps.out;
  auto down = run_shell(berth_in(project.dir(), "-p " + name + " down -v"));
  EXPECT_EQ(down.exit_code, 0) << down.err;
  auto left = test_engine().list_containers({"com.docker.compose.project=" + name}, true);
  ASSERT_TRUE(left.ok());
  EXPECT_TRUE(left->empty());
}

TEST(ProjectNames, ScaleOfAnUnknownServiceFails) {
  TestProject project("scalenosuch", k_with_volume);
  auto up = project.berth("up -d --scale nosuch=2");
  EXPECT_EQ(up.exit_code, 1) << up.err;
  EXPECT_NE(up.err.find("no such service: nosuch"), std::string::npos) << up.err;
  EXPECT_TRUE(project.containers().empty());
  EXPECT_TRUE(project.networks().empty());
}

// compose v2 acts on the project by its labels when no file is there.
TEST(ProjectNames, NameOnlyVerbsWorkWithoutAProjectFile) {
  TestProject project("nofile", k_with_volume);
  ASSERT_EQ(project.berth("up -d").exit_code, 0);
  const std::string empty = make_temp_dir("nofile-empty").string();
  const std::string p = "-p " + project.name() + " ";
  const std::string container = project.name() + "-web-1";
  auto ps = run_shell(berth_in(empty, p + "ps"));
  ASSERT_EQ(ps.exit_code, 0) << ps.err;
  EXPECT_NE(ps.out.find(container), std::string::npos) << ps.out;
  for (const char* verb : {"pause", "unpause", "top", "logs", "images", "stop", "start",
                           "restart", "kill -s SIGTERM", "start web", "stop -t 1 web",
                           "rm -f"}) {
    auto result = run_shell(berth_in(empty, p + verb));
    EXPECT_EQ(result.exit_code, 0) << verb << ": " << result.err;
  }
  EXPECT_TRUE(project.containers().empty()) << "rm -f removed the stopped container";
  ASSERT_EQ(project.berth("up -d").exit_code, 0);
  // COMPOSE_PROJECT_NAME names it as well as -p.
  auto by_env =
      run_shell(berth_in(empty, "ps --services", "COMPOSE_PROJECT_NAME=" + project.name()));
  EXPECT_EQ(by_env.exit_code, 0) << by_env.err;
  EXPECT_EQ(by_env.out, "web\n");
  auto down = run_shell(berth_in(empty, p + "down -v"));
  EXPECT_EQ(down.exit_code, 0) << down.err;
  EXPECT_TRUE(project.containers().empty());
  EXPECT_TRUE(project.networks().empty());
  EXPECT_TRUE(project.volumes().empty());
  // Without a name there is nothing to act on: the file is missing.
  auto nameless = run_shell(berth_in(empty, "down"));
  EXPECT_EQ(nameless.exit_code, 1);
  EXPECT_NE(nameless.err.find("no project file found"), std::string::npos) << nameless.err;
}

}  // namespace
}  // namespace berth::testing
