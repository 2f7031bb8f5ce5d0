// The newer service keys on the real engine: attach, label_file, env_file's
// long form, build's no_cache/dockerfile_inline/tags, post_start and pre_stop
// hooks, and the keys refused before anything changes (annotations, BuildKit's).

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "background_berth.h"
#include "harness.h"

namespace berth::testing {
namespace {

using nlohmann::json;
using std::chrono::seconds;

const char* const k_sleep =
    R"(["sh", "-c", "echo up; trap 'exit 0' TERM; sleep 2147483647 & wait"])";

json inspect(const std::string& what) {
  auto result = run_shell("/usr/bin/docker inspect " + shell_quote(what));
  json list = json::parse(result.out, nullptr, /*allow_exceptions=*/false);
  return list.is_array() && !list.empty() ? list[0] : json::object();
}

TEST(ServiceExtras, AttachFalseLeavesAServicesLogsOut) {
  TestProject project("attachkey", R"(services:
  exiter:
    image: berth-test/busybox:latest
    command: ["sh", "-c", "echo exiter-says-hi; sleep 1; exit 3"]
  quiet:
    image: berth-test/busybox:latest
    attach: false
    command: ["sh", "-c", "echo quiet-says-hi; trap 'exit 0' TERM; sleep 2147483647 & wait"]
)");
  BackgroundBerth up(project.name(), project.dir(), "up");
  // Only exiter is attached: its exit ends the attachment, as with --no-attach.
  EXPECT_EQ(up.wait(seconds(40)), 0) << up.output();
  EXPECT_NE(up.output().find("exiter-says-hi"), std::string::npos) << up.output();
  EXPECT_EQ(up.output().find("quiet-says-hi"), std::string::npos) << up.output();
}

TEST(ServiceExtras, LabelFilesAndOptionalEnvFilesReachTheContainer) {
  TestProject project("labelfile", std::string(R"(services:
  app:
    image: berth-test/busybox:latest
    command: )") + k_sleep + R"(
    labels: {shared: from-labels}
    label_file: [app.labels]
    env_file:
      - path: app.env
      - path: absent.env
        required: false
)");
  project.write_file("app.labels", "shared=from-file\nonly.file=yes\n");
  project.write_file("app.env", "FROM_FILE=1\n");
  auto up = project.berth("up -d");
  ASSERT_EQ(up.exit_code, 0) << up.err;
  const json config = inspect(project.name() + "-app-1")["Config"];
  EXPECT_EQ(config["Labels"].value("shared", ""), "from-labels");
  EXPECT_EQ(config["Labels"].value("only.file", ""), "yes");
  EXPECT_EQ(container_env(project.name() + "-app-1")["FROM_FILE"], "1");
}

TEST(ServiceExtras, BuildWithAnInlineDockerfileExtraTagsAndNoCache) {
  TestProject project("buildkeys", R"(services:
  app:
    build:
      dockerfile_inline: |
        FROM berth-test/busybox:latest
        RUN echo built > /built
      no_cache: true
      tags: ["${PROJECT_TAG}:extra"]
)");
  const std::string tag = project.name() + "-app:extra";
  const std::string env = "PROJECT_TAG=" + project.name() + "-app ";
  auto first = run_shell(env + BERTH_BINARY " -p " + project.name() + " build", project.dir());
  ASSERT_EQ(first.exit_code, 0) << first.out << first.err;
  const json image = inspect(project.name() + "-app");
  ASSERT_TRUE(image.contains("RepoTags")) << first.err;
  EXPECT_EQ(inspect(tag).value("Id", ""), image.value("Id", ""));
  // no_cache: the RUN step runs again rather than coming from the cache.
  auto second = run_shell(env + BERTH_BINARY " -p " + project.name() + " build", project.dir());
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_EQ((second.out + second.err).find("Using cache"), std::string::npos)
      << second.out << second.err;
  auto cat = run_shell("/usr/bin/docker run --rm " + shell_quote(tag) + " cat /built");
  EXPECT_EQ(cat.out, "built\n");
}

TEST(ServiceExtras, ABuildKitOnlyKeyIsRefusedAtBuildTime) {
  TestProject project("buildkitkey", R"(services:
  app:
    build:
      context: .
      ssh: [default]
)");
  project.write_file("Dockerfile", "FROM berth-test/busybox:latest\n");
  EXPECT_EQ(project.berth("config -q").exit_code, 0);  // loading accepts it
  auto build = project.berth("build");
  EXPECT_NE(build.exit_code, 0);
  EXPECT_NE(build.err.find("compose.yaml:5:12: services.app.build.ssh: build key \"ssh\" needs "
                           "BuildKit"),
            std::string::npos)
      << build.err;
}

TEST(ServiceExtras, AnnotationsAreRefusedBeforeAnythingIsCreated) {
  TestProject project("annotations", R"(services:
  app:
    image: berth-test/busybox:latest
    annotations: {com.example.a: "1"}
)");
  auto up = project.berth("up -d");
  EXPECT_NE(up.exit_code, 0);
  EXPECT_NE(up.err.find("compose.yaml:4:18: services.app.annotations: needs engine API 1.43; "
                        "berth speaks 1.41"),
            std::string::npos)
      << up.err;
  EXPECT_TRUE(project.containers().empty());
  EXPECT_TRUE(project.networks().empty());
  EXPECT_NE(project.berth("config").out.find("annotations:"), std::string::npos);
}

TEST(ServiceExtras, HooksRunAfterStartAndBeforeStopWithTheirOutputShown) {
  TestProject project("hooks", std::string(R"(services:
  app:
    image: berth-test/busybox:latest
    command: )") + k_sleep + R"(
    volumes: [data:/data]
    post_start:
      - command: ["sh", "-c", "echo started > /tmp/started; echo post-start-says-$$GREETING"]
        environment: {GREETING: hi}
    pre_stop:
      - command: ["sh", "-c", "echo stopping > /data/stopped; echo pre-stop-ran"]
volumes:
  data:
)");
  const std::string app = project.name() + "-app-1";
  auto up = project.berth("up -d");
  ASSERT_EQ(up.exit_code, 0) << up.err;
  EXPECT_NE(up.err.find(app + "  | post-start-says-hi"), std::string::npos) << up.err;
  auto started = run_shell("/usr/bin/docker exec " + shell_quote(app) + " cat /tmp/started");
  EXPECT_EQ(started.out, "started\n");
  auto stop = project.berth("stop");
  ASSERT_EQ(stop.exit_code, 0) << stop.err;
  EXPECT_NE(stop.err.find(app + "  | pre-stop-ran"), std::string::npos) << stop.err;
  auto stopped = run_shell("/usr/bin/docker run --rm -v " + project.name() +
                           "_data:/data berth-test/busybox:latest cat /data/stopped");
  EXPECT_EQ(stopped.out, "stopping\n");
  // down stops a running container the same way.
  ASSERT_EQ(project.berth("start").exit_code, 0);
  auto down = project.berth("down");
  EXPECT_EQ(down.exit_code, 0) << down.err;
  EXPECT_NE(down.err.find(app + "  | pre-stop-ran"), std::string::npos) << down.err;
}

TEST(ServiceExtras, AFailingPostStartIsReportedWithItsExitCode) {
  TestProject project("hookfails", std::string(R"(services:
  app:
    image: berth-test/busybox:latest
    command: )") + k_sleep + R"(
    post_start:
      - command: ["sh", "-c", "echo about-to-fail; exit 7"]
)");
  auto up = project.berth("up -d");
  EXPECT_NE(up.exit_code, 0);
  EXPECT_NE(up.err.find("post_start hook 1 (sh -c echo about-to-fail; exit 7) exited with code 7"),
            std::string::npos)
      << up.err;
  EXPECT_NE(up.err.find("about-to-fail"), std::string::npos) << up.err;
}

}  // namespace
}  // namespace berth::testing
