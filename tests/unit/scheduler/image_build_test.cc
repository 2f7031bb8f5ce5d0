#include "scheduler/images/image_build.h"

#include <gtest/gtest.h>

#include "engine/build_context.h"
#include "project_builder.h"
#include "scheduler/images/image_transfer.h"

namespace berth::scheduler::testing {
namespace {

TEST(ImageBuildFor, CarriesTheFilesBuildAndTheCommandLinesArgsLast) {
  compose::Project project;
  project.name = "p";
  auto& web = add_service(project, "web");
  web.image = "p-web";
  compose::BuildSpec build;
  build.context = "/proj/web";
  build.dockerfile = "Dockerfile.dev";
  build.args = {{"A", "file"}, {"B", "file"}};
  build.target = "dev";
  build.labels = {{"k", "v"}};
  build.network = "host";
  build.shm_size = 1024;
  build.extra_hosts = {"db:10.0.0.2"};
  build.cache_from = {"p-web:cache"};
  web.build = build;
  BuildRequest request;
  request.no_cache = true;
  request.pull = true;
  request.args = {{"A", "cli"}};
  const auto spec = image_build_for(web, request);
  EXPECT_EQ(spec.tag, "p-web");
  EXPECT_EQ(spec.dockerfile, "Dockerfile.dev");
  // The engine keeps the last value of a name: the command line's.
  EXPECT_EQ(spec.args, (std::vector<std::pair<std::string, std::string>>{
                           {"A", "file"}, {"B", "file"}, {"A", "cli"}}));
  EXPECT_EQ(spec.target, "dev");
  EXPECT_EQ(spec.labels.at("k"), "v");
  EXPECT_EQ(spec.network, "host");
  EXPECT_EQ(spec.shm_size, 1024);
  EXPECT_EQ(spec.extra_hosts, std::vector<std::string>{"db:10.0.0.2"});
  EXPECT_EQ(spec.cache_from, std::vector<std::string>{"p-web:cache"});
  EXPECT_TRUE(spec.no_cache);
  EXPECT_TRUE(spec.pull);
  EXPECT_FALSE(spec.quiet);
}

TEST(ImageBuildFor, TheNewerKeysTheClassicBuilderTakes) {
  compose::Project project;
  auto& web = add_service(project, "web");
  web.image = "p-web";
  compose::BuildSpec build;
  build.context = "/proj/web";
  build.dockerfile_inline = "FROM busybox\n";
  build.no_cache = true;
  build.pull = true;
  build.tags = {"p-web:extra", "other"};
  build.platforms = {"linux/amd64"};
  build.ulimits = {{"nofile", 1024, 2048}};
  web.build = build;
  const auto spec = image_build_for(web, BuildRequest{});
  EXPECT_EQ(spec.dockerfile, engine::k_inline_dockerfile_name);
  EXPECT_TRUE(spec.no_cache);
  EXPECT_TRUE(spec.pull);
  EXPECT_EQ(spec.extra_tags, (std::vector<std::string>{"p-web:extra", "other"}));
  EXPECT_EQ(spec.platform, "linux/amd64");
  ASSERT_EQ(spec.ulimits.size(), 1u);
  EXPECT_EQ(spec.ulimits[0].name, "nofile");
  EXPECT_EQ(spec.ulimits[0].soft, 1024);
  EXPECT_EQ(spec.ulimits[0].hard, 2048);
}

TEST(BuildkitRefusal, NamesTheFirstKeyThatNeedsBuildKit) {
  compose::BuildSpec build;
  EXPECT_FALSE(buildkit_refusal(build).has_value());
  build.buildkit_only.push_back({"compose.yaml", 7, 12, "services.web.build.ssh"});
  build.buildkit_only.push_back({"compose.yaml", 8, 16, "services.web.build.secrets"});
  EXPECT_EQ(buildkit_refusal(build),
            "compose.yaml:7:12: services.web.build.ssh: build key \"ssh\" needs BuildKit; berth "
            "builds with the engine's classic builder (API 1.41)");
}

TEST(HasNamedImage, OnlyABuildOnlyServiceHasTheDefaultName) {
  compose::Project project;
  project.name = "p";
  auto& plain = add_service(project, "plain");
  EXPECT_TRUE(has_named_image(project, plain));
  auto& built = add_service(project, "built");
  built.build = compose::BuildSpec{};
  built.image = "p-built";
  EXPECT_FALSE(has_named_image(project, built));
  built.image = "registry.example:5000/team/built:1";
  EXPECT_TRUE(has_named_image(project, built));
}

}  // namespace
}  // namespace berth::scheduler::testing
