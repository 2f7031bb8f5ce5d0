// Loading fig v1 files (services at the top level) and choosing the project name.

#include <gtest/gtest.h>

#include "compose/config_error.h"
#include "compose/loader.h"
#include "tests/unit/compose/load_helpers.h"

namespace berth::compose {
namespace {

using testing::load;
using testing::load_error;

const char* const k_fig = R"(web:
  image: nginx
  links:
    - db
  volumes:
    - data:/data
    - ./site:/site
  ports:
    - "8000:80"
db:
  image: postgres
  volumes:
    - data:/var/lib/postgresql/data
    - logs:/logs:ro
x-ignored: {image: x}
)";

TEST(LoadLegacyFormat, EveryTopLevelKeyIsAService) {
  Project project = load(k_fig);
  EXPECT_TRUE(project.legacy_format);
  ASSERT_EQ(project.services.size(), 2u);
  EXPECT_EQ(project.services[0].name, "web");
  EXPECT_EQ(project.services[0].image, "nginx");
  EXPECT_EQ(project.services[1].name, "db");
  EXPECT_EQ(project.services[0].ports[0].host_start, 8000);
  EXPECT_EQ(project.services[0].volumes[1].source, "/proj/site");
}

TEST(LoadLegacyFormat, KeyPathsStartAtTheService) {
  Project project = load(k_fig);
  EXPECT_EQ(project.services[1].pos.key_path, "db");
  EXPECT_EQ(project.services[1].pos.line, 10);
  EXPECT_EQ(project.services[1].pos.column, 1);
  EXPECT_EQ(project.services[0].links[0].pos.key_path, "web.links[0]");
  EXPECT_EQ(project.services[0].links[0].pos.line, 4);
  EXPECT_EQ(project.services[0].links[0].pos.column, 7);
}

TEST(LoadLegacyFormat, NamedVolumesAreDeclaredImplicitlyAsExternal) {
  Project project = load(k_fig);
  ASSERT_EQ(project.volumes.size(), 2u);
  EXPECT_EQ(project.volumes[0].key, "data");
  EXPECT_EQ(project.volumes[0].name, "data");
  EXPECT_TRUE(project.volumes[0].external);
  EXPECT_EQ(project.volumes[1].key, "logs");
  EXPECT_EQ(project.volumes[1].name, "logs");
  EXPECT_TRUE(project.volumes[1].external);
  EXPECT_EQ(project.services[1].volumes[0].kind, VolumeMount::Kind::named);
  EXPECT_TRUE(project.services[1].volumes[1].read_only);
}

TEST(LoadLegacyFormat, ErrorsUseTheServiceAsThePathRoot) {
  EXPECT_EQ(load_error("web:\n  image: x\n  ports: [\"80:x\"]\n"),
            "compose.yaml:3:11: web.ports[0]: expected \"[ip:]host:container[/proto]\", got "
            "\"80:x\"");
}

TEST(ProjectName, DefaultsToTheDirectoryName) {
  Project project = load_project_text(k_fig, "compose.yaml", "/home/me/My Proj.v2/", {});
  EXPECT_EQ(project.name, "myprojv2");
  EXPECT_EQ(project.directory, "/home/me/My Proj.v2");
}

TEST(ProjectName, DirectoryWithoutUsableCharactersGivesDefault) {
  EXPECT_EQ(load_project_text(k_fig, "compose.yaml", "/", {}).name, "default");
  EXPECT_EQ(load_project_text(k_fig, "compose.yaml", "/srv/__", {}).name, "default");
}

TEST(ProjectName, TopLevelNameBeatsTheDirectory) {
  EXPECT_EQ(load("name: shop_1\nservices: {}\n").name, "shop_1");
}

TEST(ProjectName, EnvironmentBeatsTopLevelName) {
  LoadOptions options;
  options.environment = {{"COMPOSE_PROJECT_NAME", "fromenv"}};
  EXPECT_EQ(load("name: shop\nservices: {}\n", options).name, "fromenv");
}

TEST(ProjectName, OptionBeatsEnvironment) {
  LoadOptions options;
  options.project_name = "cli";
  options.environment = {{"COMPOSE_PROJECT_NAME", "fromenv"}};
  EXPECT_EQ(load("name: shop\nservices: {}\n", options).name, "cli");
}

const char* const k_rule =
    "\": it must match ^[a-z0-9][a-z0-9_-]*$ (lowercase letters, digits, '-' and '_', starting "
    "with a letter or digit)";

// Issue 19: `-p rp.coll.a` was normalised to `rpcolla`, and `down -v` removed that
// project's data. A chosen name is refused, never normalised.
TEST(ProjectName, InvalidOptionIsRefusedNotNormalised) {
  for (const char* name : {"rp.coll.a", "!!!", "-cli", "Shop", "a b"}) {
    LoadOptions options;
    options.project_name = name;
    EXPECT_EQ(load_error(k_fig, options), std::string("invalid project name \"") + name + k_rule);
  }
}

TEST(ProjectName, InvalidEnvironmentVariableIsRefused) {
  LoadOptions options;
  options.environment = {{"COMPOSE_PROJECT_NAME", "rp.coll.a"}};
  EXPECT_EQ(load_error(k_fig, options),
            std::string("COMPOSE_PROJECT_NAME: invalid project name \"rp.coll.a") + k_rule);
}

TEST(ProjectName, InvalidTopLevelNameIsRefused) {
  EXPECT_EQ(load_error("name: Shop_1\nservices: {}\n"),
            std::string("compose.yaml:1:7: name: invalid project name \"Shop_1") + k_rule);
  EXPECT_EQ(load_error("name: \"___\"\nservices: {}\n"),
            std::string("compose.yaml:1:7: name: invalid project name \"___") + k_rule);
}

TEST(ProjectName, RefusalEscapesAndCutsTheName) {
  LoadOptions options;
  options.project_name = "a\x1b[31m" + std::string(100, 'x');
  EXPECT_EQ(load_error(k_fig, options),
            "invalid project name \"a\\x1b[31m" + std::string(58, 'x') + "..." + k_rule);
}

TEST(ProjectName, LongValidNameIsKept) {
  LoadOptions options;
  options.project_name = std::string(242, 'p');
  EXPECT_EQ(load("services: {}\n", options).name, std::string(242, 'p'));
}

TEST(ProjectName, PrefixesVolumeNames) {
  LoadOptions options;
  options.project_name = "other";
  Project project = load("name: shop\nservices: {}\nvolumes:\n  data: {}\n", options);
  EXPECT_EQ(project.volumes[0].name, "other_data");
}

}  // namespace
}  // namespace berth::compose
