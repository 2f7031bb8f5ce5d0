#include "scheduler/image_build.h"

#include <gtest/gtest.h>

#include "project_builder.h"
#include "scheduler/image_transfer.h"

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
