#include "scheduler/images/image_digests.h"

#include <gtest/gtest.h>

#include "tests/fake/fake_engine.h"

namespace berth::verbs_test {
namespace {

using berth::testing::FakeEngine;
using scheduler::pinned_image;
using scheduler::pinned_service_images;

compose::Service& add_service(compose::Project& project, const std::string& name) {
  project.services.emplace_back();
  project.services.back().name = name;
  return project.services.back();
}

const std::string k_digest = "sha256:" + std::string(64, 'a');
const std::string k_old = "sha256:" + std::string(64, 'b');

TEST(PinnedImage, TakesTheRegistrysDigestAndWritesTheFullName) {
  FakeEngine engine;
  engine.set_registry_digest("busybox", k_digest);
  engine.set_registry_digest("localhost:5000/app:2", k_digest);
  std::vector<std::string> warnings;
  EXPECT_EQ(pinned_image(engine, "busybox", warnings).value(),
            "docker.io/library/busybox:latest@" + k_digest);
  EXPECT_EQ(pinned_image(engine, "localhost:5000/app:2", warnings).value(),
            "localhost:5000/app:2@" + k_digest);
  EXPECT_TRUE(warnings.empty());
}

TEST(PinnedImage, LeavesAnImageThatNamesADigestAsItIs) {
  FakeEngine engine;
  std::vector<std::string> warnings;
  const std::string image = "busybox@" + k_old;
  EXPECT_EQ(pinned_image(engine, image, warnings).value(), image);
  EXPECT_TRUE(engine.transcript().empty());  // the registry was not asked
}

TEST(PinnedImage, FallsBackOnTheDigestTheEngineHasWhenTheRegistryIsAway) {
  FakeEngine engine;
  engine.add_image("localhost:5000/app:2", "sha256:1");
  engine.add_repo_digest("localhost:5000/app:2", "localhost:5000/other@" + k_digest);
  engine.add_repo_digest("localhost:5000/app:2", "localhost:5000/app@" + k_old);
  engine.fail_call("registry_digest",
                   engine::Error{engine::ErrorCode::server, 500, "dial tcp: connection refused"});
  std::vector<std::string> warnings;
  EXPECT_EQ(pinned_image(engine, "localhost:5000/app:2", warnings).value(),
            "localhost:5000/app:2@" + k_old);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find("connection refused"), std::string::npos) << warnings[0];
  // A registry that says it has no such image is believed.
  warnings.clear();
  EXPECT_FALSE(pinned_image(engine, "localhost:5000/app:2", warnings));
}

TEST(PinnedImage, FailsWithTheRegistrysAnswerWhenNothingIsKnown) {
  FakeEngine engine;
  engine.add_image("app:1", "sha256:1");  // built here: no repo digest
  std::vector<std::string> warnings;
  auto pinned = pinned_image(engine, "app:1", warnings);
  ASSERT_FALSE(pinned);
  EXPECT_NE(pinned.error().message.find("manifest unknown"), std::string::npos);
  EXPECT_FALSE(pinned_image(engine, "Bad Name", warnings));
}

TEST(PinnedServiceImages, PinsNamedImagesSkipsBuildOnlyOnesAndNamesTheFailingService) {
  compose::Project project;
  project.name = "p";
  add_service(project, "db").image = "busybox";
  auto& built = add_service(project, "web");
  built.image = "p-web";
  built.build = compose::BuildSpec{};
  FakeEngine engine;
  engine.set_registry_digest("busybox", k_digest);
  std::vector<std::string> warnings;
  auto pinned = pinned_service_images(engine, project, warnings);
  ASSERT_TRUE(pinned) << pinned.error().message;
  EXPECT_EQ(
      *pinned,
      (std::map<std::string, std::string>{{"db", "docker.io/library/busybox:latest@" + k_digest}}));
  add_service(project, "cache").image = "redis:7";
  pinned = pinned_service_images(engine, project, warnings);
  ASSERT_FALSE(pinned);
  EXPECT_EQ(pinned.error().message.rfind("service cache: image redis:7: ", 0), 0u)
      << pinned.error().message;
}

}  // namespace
}  // namespace berth::verbs_test
