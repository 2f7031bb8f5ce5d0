// build, pull, push and up --build on the real engine, with a real registry
// (docker-registry on 127.0.0.1:5000) for the transfers.

#include <gtest/gtest.h>

#include <filesystem>

#include "harness.h"
#include "local_registry.h"

namespace berth::testing {
namespace {

constexpr const char* k_base = "FROM berth-test/busybox:latest\n";

std::string docker(const std::string& args) {
  return run_shell("/usr/bin/docker " + args).out;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::string trim(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) {
    text.pop_back();
  }
  return text;
}

std::string image_id(const std::string& reference) {
  auto result = run_shell("/usr/bin/docker image inspect -f '{{.Id}}' " + shell_quote(reference));
  return result.exit_code == 0 ? result.out.substr(0, result.out.find('\n')) : "";
}

std::string container_id(const TestProject& project, const std::string& name) {
  for (const auto& container : project.containers()) {
    if (container.name == name) {
      return container.id;
    }
  }
  return "";
}

TEST(Build, DockerignoredFilesAreLeftOutAndSymlinksAreNotFollowed) {
  TestProject project("buildctx", "services:\n  web:\n    build: ./app\n");
  const auto p = project.name();
  project.write_file("app/Dockerfile", std::string(k_base) + "COPY . /ctx/\n");
  project.write_file("app/keep.txt", "kept\n");
  project.write_file("app/secret.txt", "do not send\n");
  project.write_file("app/logs/today.log", "noise\n");
  project.write_file("app/.dockerignore", "secret.txt\nlogs\n");
  std::filesystem::create_symlink("/etc/hostname", project.dir() + "/app/outside");
  auto built = project.berth("build");
  ASSERT_EQ(built.exit_code, 0) << built.err;
  EXPECT_NE(built.err.find("Step 2/2 : COPY . /ctx/"), std::string::npos) << built.err;
  const auto listing = docker("run --rm " + p + "-web ls -lA /ctx");
  EXPECT_NE(listing.find("keep.txt"), std::string::npos) << listing;
  EXPECT_EQ(listing.find("secret.txt"), std::string::npos) << listing;
  EXPECT_EQ(listing.find("logs"), std::string::npos) << listing;
  // Sent as a link, not as the host's /etc/hostname.
  EXPECT_NE(listing.find("outside -> /etc/hostname"), std::string::npos) << listing;
}

TEST(Build, ArgsFromTheFileAndTheCommandLineReachTheBuild) {
  TestProject project("buildargs", R"yaml(services:
  web:
    build:
      context: .
      dockerfile: images/web.Dockerfile
      args: {GREETING: hello, NAME: file}
      labels: {org.example.kind: test}
)yaml");
  project.write_file("images/web.Dockerfile",
                     std::string(k_base) + "ARG GREETING\nARG NAME\n"
                                           "RUN echo \"$GREETING $NAME\" > /greeting\n");
  auto built = project.berth("build -q --build-arg NAME=cli");
  ASSERT_EQ(built.exit_code, 0) << built.err;
  EXPECT_EQ(built.err.find("Step "), std::string::npos) << "-q shows no build output";
  EXPECT_EQ(docker("run --rm " + project.name() + "-web cat /greeting"), "hello cli\n");
  EXPECT_EQ(docker("image inspect -f '{{index .Config.Labels \"org.example.kind\"}}' " +
                   project.name() + "-web"),
            "test\n");
}

TEST(Build, AFailingStepPrintsTheEnginesErrorAndFails) {
  TestProject project("buildfail", "services:\n  web:\n    build: .\n");
  project.write_file("Dockerfile", std::string(k_base) + "RUN echo about to fail; exit 3\n");
  auto built = project.berth("build");
  EXPECT_EQ(built.exit_code, 1);
  EXPECT_NE(built.err.find("returned a non-zero code: 3"), std::string::npos) << built.err;
  EXPECT_NE(built.err.find("about to fail"), std::string::npos) << built.err;
  EXPECT_EQ(image_id(project.name() + "-web"), "");
}

TEST(Build, AMissingDockerfileIsOneClearLine) {
  TestProject project("buildnofile", "services:\n  web:\n    build: .\n");
  auto built = project.berth("build");
  EXPECT_EQ(built.exit_code, 1);
  EXPECT_NE(built.err.find("Dockerfile"), std::string::npos) << built.err;
  EXPECT_EQ(built.err.find("Traceback"), std::string::npos);
}

TEST(UpBuild, UpBuildsAMissingImageAndNoBuildRefuses) {
  TestProject project("upbuildmissing", R"yaml(services:
  web:
    build: .
    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 2147483647 & wait"]
)yaml");
  project.write_file("Dockerfile", std::string(k_base) + "RUN touch /built\n");
  auto refused = project.berth("up -d --no-build");
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("--no-build"), std::string::npos) << refused.err;
  EXPECT_TRUE(project.containers().empty());
  auto up = project.berth("up -d");
  ASSERT_EQ(up.exit_code, 0) << up.err;
  EXPECT_NE(image_id(project.name() + "-web"), "");
  EXPECT_EQ(run_shell("/usr/bin/docker exec " + project.name() + "-web-1 test -f /built").exit_code,
            0);
}

// The image ID is in the config hash: a rebuilt image recreates exactly the
// services that use it; one whose build hit the cache keeps its container.
TEST(UpBuild, EditingAContextRecreatesOnlyTheServicesUsingThatImage) {
  TestProject project("upbuildchange", R"yaml(services:
  web:
    build: ./web
    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 2147483647 & wait"]
  api:
    build: ./api
    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 2147483647 & wait"]
  db:
    image: berth-test/busybox:latest
    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 2147483647 & wait"]
)yaml");
  const auto p = project.name();
  project.write_file("web/Dockerfile", std::string(k_base) + "COPY page.html /page.html\n");
  project.write_file("web/page.html", "v1\n");
  project.write_file("api/Dockerfile", std::string(k_base) + "COPY app.sh /app.sh\n");
  project.write_file("api/app.sh", "echo api\n");
  ASSERT_EQ(project.berth("up -d").exit_code, 0);
  const auto web = container_id(project, p + "-web-1");
  const auto api = container_id(project, p + "-api-1");
  const auto db = container_id(project, p + "-db-1");
  ASSERT_FALSE(web.empty());
  project.write_file("web/page.html", "v2\n");
  auto up = project.berth("up -d --build");
  ASSERT_EQ(up.exit_code, 0) << up.err;
  EXPECT_NE(container_id(project, p + "-web-1"), web) << up.err;
  EXPECT_EQ(container_id(project, p + "-api-1"), api) << up.err;
  EXPECT_EQ(container_id(project, p + "-db-1"), db) << up.err;
  EXPECT_EQ(docker("exec " + p + "-web-1 cat /page.html"), "v2\n");
}

TEST(Registry, BuildPushRemovePullUpEndToEnd) {
  const std::string registry = local_registry();
  TestProject project("registry", "");
  // Named after the project, so the harness removes the image whatever happens.
  const std::string image = registry + "/" + project.name() + "/web:1";
  project.write_file("compose.yaml", "services:\n  web:\n    image: " + image +
                                         "\n    build: .\n    command: [\"sh\", \"-c\", \"trap "
                                         "'exit 0' TERM; sleep 2147483647 & wait\"]\n");
  project.write_file("Dockerfile", std::string(k_base) + "RUN echo from-the-registry > /origin\n");
  ASSERT_EQ(project.berth("build -q").exit_code, 0);
  auto pushed = project.berth("push");
  ASSERT_EQ(pushed.exit_code, 0) << pushed.err;
  EXPECT_NE(pushed.err.find("Pushed"), std::string::npos) << pushed.err;
  ASSERT_EQ(run_shell("/usr/bin/docker rmi " + shell_quote(image)).exit_code, 0);
  ASSERT_EQ(image_id(image), "");
  auto pulled = project.berth("pull");
  ASSERT_EQ(pulled.exit_code, 0) << pulled.err;
  EXPECT_NE(image_id(image), "");
  auto up = project.berth("up -d --no-build");
  ASSERT_EQ(up.exit_code, 0) << up.err;
  EXPECT_EQ(docker("exec " + project.name() + "-web-1 cat /origin"), "from-the-registry\n");
  run_shell("/usr/bin/docker rmi -f " + shell_quote(image));
}

TEST(Registry, AnUnreachableRegistryIsOneClearLinePerImageNotAHang) {
  TestProject project("registrydown", R"yaml(services:
  a:
    image: 127.0.0.1:5999/nothing/a:1
  b:
    image: 127.0.0.1:5999/nothing/b:1
  c:
    image: berth-test/busybox:latest
)yaml");
  auto pulled = project.berth("pull");
  EXPECT_EQ(pulled.exit_code, 1);
  EXPECT_LT(pulled.seconds, 60);
  // Both images are tried, each failure is one line naming its image.
  EXPECT_NE(pulled.err.find("127.0.0.1:5999/nothing/a:1"), std::string::npos) << pulled.err;
  EXPECT_NE(pulled.err.find("127.0.0.1:5999/nothing/b:1"), std::string::npos) << pulled.err;
  EXPECT_NE(pulled.err.find("connection refused"), std::string::npos) << pulled.err;
  auto ignored = project.berth("pull --ignore-pull-failures a");
  EXPECT_EQ(ignored.exit_code, 0) << ignored.err;
  // up pulls a missing image: the same clear failure, and nothing created.
  auto up = project.berth("up -d a");
  EXPECT_EQ(up.exit_code, 1);
  EXPECT_NE(up.err.find("could not be pulled"), std::string::npos) << up.err;
  EXPECT_TRUE(project.containers().empty());
}

// config --resolve-image-digests: pinned to the digest the registry holds (the one
// the push left in the image's RepoDigests), through the engine; an unreachable
// registry is one line naming the service, exit 1.
TEST(Registry, ConfigResolveImageDigestsPinsToTheRegistrysDigest) {
  const std::string registry = local_registry();
  TestProject project("pindigest", "");
  const std::string image = registry + "/" + project.name() + "/web:1";
  project.write_file("compose.yaml", "services:\n  web:\n    image: " + image +
                                         "\n    build: .\n  local:\n    build: .\n");
  project.write_file("Dockerfile", std::string(k_base) + "RUN echo pinned > /origin\n");
  ASSERT_EQ(project.berth("build -q web").exit_code, 0);
  auto pushed = project.berth("push web");
  ASSERT_EQ(pushed.exit_code, 0) << pushed.err;
  const std::string repo_digest =
      trim(docker("image inspect --format '{{index .RepoDigests 0}}' " + shell_quote(image)));
  const std::string digest = repo_digest.substr(repo_digest.find('@') + 1);
  ASSERT_EQ(digest.rfind("sha256:", 0), 0u) << repo_digest;
  const std::string pinned = image + "@" + digest;

  auto images = project.berth("config --resolve-image-digests --images");
  ASSERT_EQ(images.exit_code, 0) << images.err;
  // The built-only service has no image to pin and keeps its default name.
  EXPECT_EQ(images.out, pinned + "\n" + project.name() + "-local\n");
  // The writer quotes a value that starts with a digit, as 127.0.0.1 does.
  auto full = project.berth("config --resolve-image-digests");
  EXPECT_TRUE(contains(full.out, "image: \"" + pinned + "\"\n")) << full.out;
  auto raw = project.berth("config --no-interpolate --resolve-image-digests");
  EXPECT_TRUE(contains(raw.out, "image: \"" + pinned + "\"\n")) << raw.out;

  project.write_file("away.yaml", "services:\n  gone:\n    image: 127.0.0.1:5999/nothing/a:1\n");
  auto away = project.berth("-f away.yaml config --resolve-image-digests");
  EXPECT_EQ(away.exit_code, 1);
  EXPECT_LT(away.seconds, 60);
  EXPECT_TRUE(contains(away.err, "service gone: image 127.0.0.1:5999/nothing/a:1: ")) << away.err;
  EXPECT_EQ(lines_of(away.err).size(), 1u) << away.err;
  run_shell("/usr/bin/docker rmi -f " + shell_quote(image));
}

TEST(Registry, PushWithoutANamedImageIsSkippedWithAWarning) {
  TestProject project("pushunnamed", "services:\n  web:\n    build: .\n");
  project.write_file("Dockerfile", k_base);
  ASSERT_EQ(project.berth("build -q").exit_code, 0);
  auto pushed = project.berth("push");
  EXPECT_EQ(pushed.exit_code, 0) << pushed.err;
  EXPECT_NE(pushed.err.find("has no image: to push; skipped"), std::string::npos) << pushed.err;
}

}  // namespace
}  // namespace berth::testing
