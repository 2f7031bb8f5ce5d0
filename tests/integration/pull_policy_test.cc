// pull_policy against a real registry (tests/integration/local_registry.h):
// what `up` and `pull` fetch, and what `never` refuses.

#include <gtest/gtest.h>

#include "harness.h"
#include "local_registry.h"

namespace berth::testing {
namespace {

std::string image_id(const std::string& reference) {
  auto result = run_shell("/usr/bin/docker image inspect -f '{{.Id}}' " + shell_quote(reference));
  return result.exit_code == 0 ? result.out.substr(0, result.out.find('\n')) : "";
}

// Pushes berth-test/busybox to the registry as `image`, then leaves locally
// under that name an image of its own (built, no network), so a pull shows
// as the image id changing back to busybox's.
void push_then_shadow(const std::string& image) {
  ASSERT_EQ(run_shell("/usr/bin/docker tag berth-test/busybox:latest " + shell_quote(image))
                .exit_code,
            0);
  auto pushed = run_shell("/usr/bin/docker push " + shell_quote(image));
  ASSERT_EQ(pushed.exit_code, 0) << pushed.err;
  auto built = run_shell("printf 'FROM berth-test/busybox:latest\\nRUN touch /shadow\\n' | "
                         "/usr/bin/docker build -q -t " +
                         shell_quote(image) + " -");
  ASSERT_EQ(built.exit_code, 0) << built.err;
  ASSERT_NE(image_id(image), image_id("berth-test/busybox:latest"));
}

std::string project_file(const std::string& image, const std::string& policy) {
  return "services:\n  app:\n    image: " + image + "\n    pull_policy: " + policy +
         "\n    command: [\"sh\", \"-c\", \"trap 'exit 0' TERM; sleep 2147483647 & wait\"]\n";
}

TEST(PullPolicy, MissingKeepsALocalImageAndAlwaysPulls) {
  const std::string registry = local_registry();
  TestProject project("pullpolicy", "");
  const std::string image = registry + "/" + project.name() + "/app:1";
  push_then_shadow(image);
  const std::string shadow = image_id(image);
  const std::string busybox = image_id("berth-test/busybox:latest");

  project.write_file("compose.yaml", project_file(image, "missing"));
  auto up = project.berth("up -d");
  ASSERT_EQ(up.exit_code, 0) << up.err;
  EXPECT_EQ(image_id(image), shadow);  // present: not pulled
  auto pulled = project.berth("pull");  // pull honours it too
  ASSERT_EQ(pulled.exit_code, 0) << pulled.err;
  EXPECT_EQ(image_id(image), shadow);

  project.write_file("compose.yaml", project_file(image, "always"));
  up = project.berth("up -d");
  ASSERT_EQ(up.exit_code, 0) << up.err;
  EXPECT_EQ(image_id(image), busybox);  // pulled although present
  EXPECT_NE(up.err.find("Pulled"), std::string::npos) << up.err;
  run_shell("/usr/bin/docker rmi -f " + shell_quote(image));
}

TEST(PullPolicy, NeverRefusesAMissingImageAndMissingPullsIt) {
  const std::string registry = local_registry();
  TestProject project("pullnever", "");
  const std::string image = registry + "/" + project.name() + "/app:1";
  push_then_shadow(image);
  ASSERT_EQ(run_shell("/usr/bin/docker rmi -f " + shell_quote(image)).exit_code, 0);

  project.write_file("compose.yaml", project_file(image, "never"));
  auto pulled = project.berth("pull");
  EXPECT_EQ(pulled.exit_code, 0) << pulled.err;
  EXPECT_EQ(image_id(image), "");  // skipped
  auto up = project.berth("up -d");
  EXPECT_EQ(up.exit_code, 1);
  EXPECT_NE(up.err.find("service \"app\": image \"" + image +
                        "\" is not on the engine, and pull_policy \"never\" forbids pulling it"),
            std::string::npos)
      << up.err;
  EXPECT_TRUE(project.containers().empty());

  project.write_file("compose.yaml", project_file(image, "missing"));
  up = project.berth("up -d");
  ASSERT_EQ(up.exit_code, 0) << up.err;
  EXPECT_EQ(image_id(image), image_id("berth-test/busybox:latest"));
  run_shell("/usr/bin/docker rmi -f " + shell_quote(image));
}

}  // namespace
}  // namespace berth::testing
