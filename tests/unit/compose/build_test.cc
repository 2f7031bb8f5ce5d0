#include <gtest/gtest.h>

#include "load_helpers.h"

namespace berth::compose::testing {
namespace {

TEST(Build, ShortFormIsAContextResolvedAgainstTheProject) {
  auto project = load("name: p\nservices:\n  web:\n    build: ./app\n");
  const auto& web = project.services[0];
  ASSERT_TRUE(web.build.has_value());
  EXPECT_EQ(web.build->context, "/proj/app");
  EXPECT_EQ(web.image, "p-web");  // named after the project when only built
}

TEST(Build, LongFormKeepsEveryField) {
  LoadOptions options;
  options.environment = {{"FROM_SHELL", "x"}};
  auto project = load(
      "services:\n  web:\n    image: me/web:1\n    build:\n      context: ./src\n"
      "      dockerfile: Dockerfile.dev\n      target: dev\n      args:\n        A: \"1\"\n"
      "        FROM_SHELL:\n        UNSET:\n      labels: [a=b]\n      shm_size: 1k\n"
      "      cache_from: [me/web:cache]\n",
      options);
  const auto& build = *project.services[0].build;
  EXPECT_EQ(build.context, "/proj/src");
  EXPECT_EQ(build.dockerfile, "Dockerfile.dev");
  EXPECT_EQ(build.target, "dev");
  EXPECT_EQ(build.args, (std::vector<std::pair<std::string, std::string>>{{"A", "1"},
                                                                         {"FROM_SHELL", "x"}}));
  EXPECT_EQ(build.labels.at("a"), "b");
  EXPECT_EQ(build.shm_size, 1024);
  EXPECT_EQ(build.cache_from, (std::vector<std::string>{"me/web:cache"}));
  EXPECT_EQ(project.services[0].image, "me/web:1");
}

TEST(Build, RemoteContextIsKeptAsWritten) {
  auto project =
      load("services:\n  web:\n    build: https://github.com/example/repo.git#main\n");
  EXPECT_EQ(project.services[0].build->context, "https://github.com/example/repo.git#main");
}

// As compose v2: the user named the context, so it may be outside the project.
TEST(Build, AContextOutsideTheProjectIsTaken) {
  EXPECT_EQ(load("services:\n  web:\n    build: ../elsewhere\n").services[0].build->context,
            "/elsewhere");
}

TEST(Build, ADockerfileOutsideItsContextIsAnError) {
  EXPECT_EQ(load_error("services:\n  web:\n    build:\n      context: app\n"
                       "      dockerfile: ../Dockerfile\n"),
            "compose.yaml:5:19: services.web.build.dockerfile: the dockerfile \"../Dockerfile\" "
            "of service \"web\" is outside its build context \"/proj/app\"");
  EXPECT_EQ(load_error("services:\n  web:\n    build:\n      context: app\n"
                       "      dockerfile: /tmp/Dockerfile\n"),
            "compose.yaml:5:19: services.web.build.dockerfile: the dockerfile \"/tmp/Dockerfile\" "
            "of service \"web\" is outside its build context \"/proj/app\"");
  auto project = load("services:\n  web:\n    build:\n      context: .\n"
                      "      dockerfile: docker/../Dockerfile.dev\n");
  EXPECT_EQ(project.services[0].build->dockerfile, "docker/../Dockerfile.dev");
}

TEST(Build, ErrorsArePositioned) {
  EXPECT_EQ(load_error("services:\n  web:\n    build:\n      dockerfile: x\n"),
            "compose.yaml:4:7: services.web.build: a build needs a context");
  EXPECT_EQ(load_error("services:\n  web:\n    build:\n      contxt: .\n      context: .\n"),
            "compose.yaml:4:7: services.web.build: unknown key \"contxt\" (did you mean "
            "\"context\"?)");
}

}  // namespace
}  // namespace berth::compose::testing
