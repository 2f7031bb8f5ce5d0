// `extends:` in the same file, in other files, nested, and its errors.
//
// Checked against docker-compose 1.29.2 (`docker-compose config`, version
// "3.8" files): the merged result of a three-level chain across directories
// (NestedAcrossDirectories), `extends: NAME` reading the first file as
// written, and the refusal to extend a service with depends_on or links.
// The messages are berth's.

#include <gtest/gtest.h>

#include "compose/loader.h"
#include "tests/unit/compose/load_helpers.h"
#include "tests/unit/compose/tree_helpers.h"

namespace berth::compose {
namespace {

using testing::load;
using testing::load_error;
using testing::load_files_error;
using testing::TempDir;
using Environment = std::vector<std::pair<std::string, std::string>>;

const Service& service(const Project& project, const std::string& name) {
  const Service* found = project.find_service(name);
  EXPECT_NE(found, nullptr) << name;
  static const Service k_none;
  return found != nullptr ? *found : k_none;
}

TEST(Extends, SameFile) {
  Project project = load(R"(services:
  web:
    extends: base
    environment: [A=1]
  base:
    image: b
    command: run
    environment: [B=1]
)");
  EXPECT_EQ(service(project, "web").image, "b");
  EXPECT_EQ(service(project, "web").command, (std::vector<std::string>{"run"}));
  EXPECT_EQ(service(project, "web").environment, (Environment{{"B", "1"}, {"A", "1"}}));
  EXPECT_EQ(service(project, "base").environment, (Environment{{"B", "1"}}));
}

TEST(Extends, MappingFormAndOwnKeysWin) {
  Project project = load(R"(services:
  web:
    extends: {service: base}
    image: own
  base:
    image: b
    user: nobody
)");
  EXPECT_EQ(service(project, "web").image, "own");
  EXPECT_EQ(service(project, "web").user, "nobody");
}

TEST(Extends, Nested) {
  Project project = load(R"(services:
  web:
    extends: mid
    labels: {w: "1"}
  mid:
    extends: base
    labels: {m: "1"}
  base:
    image: b
    labels: {b: "1"}
)");
  EXPECT_EQ(service(project, "web").labels,
            (std::map<std::string, std::string>{{"b", "1"}, {"m", "1"}, {"w", "1"}}));
}

TEST(Extends, FigV1Files) {
  Project project = load("web:\n  extends: base\n  image: nginx\nbase:\n  image: b\n  user: x\n");
  EXPECT_EQ(service(project, "web").image, "nginx");
  EXPECT_EQ(service(project, "web").user, "x");
}

TEST(Extends, CycleIsNamedOnce) {
  EXPECT_EQ(load_error(R"(services:
  web:
    extends: base
  base:
    extends: web
    image: b
)"),
            "compose.yaml:3:14: services.web.extends: extends cycle: web -> base -> web");
}

TEST(Extends, ServiceExtendingItself) {
  EXPECT_EQ(load_error("services:\n  web:\n    extends: {service: web}\n    image: a\n"),
            "compose.yaml:3:14: services.web.extends: extends cycle: web -> web");
}

TEST(Extends, ServicesLeadingIntoACycleAddNoError) {
  EXPECT_EQ(load_error(R"(services:
  app:
    extends: web
  web:
    extends: base
  base:
    extends: web
)"),
            "compose.yaml:5:14: services.web.extends: extends cycle: web -> base -> web");
}

TEST(Extends, UndefinedService) {
  EXPECT_EQ(load_error("services:\n  web:\n    extends: nope\n    image: a\n"),
            "compose.yaml:3:14: services.web.extends: cannot extend service \"nope\": no such "
            "service");
}

TEST(Extends, ServicesWithDependenciesAreExtendedAsInComposeV2) {
  Project project = load(R"(services:
  web:
    extends: base
    depends_on: [other]
  base:
    image: b
    depends_on: [db]
    links: [db]
  db:
    image: d
  other:
    image: o
)");
  const Service& web = *project.find_service("web");
  ASSERT_EQ(web.depends_on.size(), 2u);
  EXPECT_EQ(web.depends_on[0].service, "db");
  EXPECT_EQ(web.depends_on[1].service, "other");
  ASSERT_EQ(web.links.size(), 1u);
}

TEST(Extends, FigV1ServicesWithDependenciesCannotBeExtended) {
  // docker-compose 1.29.2: "Cannot extend service 'base' in ...: services with
  // 'links' cannot be extended".
  EXPECT_EQ(load_error(R"(web:
  extends: {service: base}
base:
  image: b
  links: [db]
db:
  image: d
)"),
            "compose.yaml:2:12: web.extends: cannot extend service \"base\": a service "
            "with \"links\" cannot be extended (docker-compose 1.29.2 refuses it)");
}

TEST(Extends, BadValues) {
  EXPECT_EQ(load_error(R"(services:
  a:
    extends: [x]
  b:
    extends: {file: other.yml}
  c:
    extends: {service: x, files: y}
)"),
            "compose.yaml:3:14: services.a.extends: expected a service name or a mapping, got a "
            "sequence\n"
            "compose.yaml:5:14: services.b.extends: missing key \"service\"\n"
            "compose.yaml:7:27: services.c.extends: unknown key \"files\" (did you mean "
            "\"file\"?)");
}

TEST(Extends, OtherFileRelativeToTheExtendingFile) {
  TempDir dir;
  std::string main = dir.write("app/compose.yaml", R"(services:
  web:
    extends: {file: ../common/base.yml, service: base}
    volumes: ['./own:/own']
volumes:
  named:
)");
  dir.write("common/base.yml", R"(services:
  base:
    image: b
    volumes: ['./data:/data', 'named:/named', '~/home:/home']
)");
  LoadOptions options;
  options.files = {main};
  options.environment["HOME"] = "/home/me";
  Project project = load_project(options);
  const Service& web = service(project, "web");
  ASSERT_EQ(web.volumes.size(), 4u);
  EXPECT_EQ(web.volumes[0].source, dir / "common/data");  // the base file's directory
  EXPECT_EQ(web.volumes[1].source, "named");
  EXPECT_EQ(web.volumes[2].source, "/home/me/home");
  EXPECT_EQ(web.volumes[3].source, dir / "app/own");  // the project directory
}

TEST(Extends, NestedAcrossDirectories) {
  // docker-compose 1.29.2 config: environment B, M, W; volumes
  // /…/other/b:/b and /…/sub/m:/m; build context /…/other.
  TempDir dir;
  std::string main = dir.write("compose.yaml", R"(services:
  web:
    extends: {file: sub/common.yml, service: mid}
    environment: [W=1]
)");
  dir.write("sub/common.yml", R"(services:
  mid:
    extends: {file: ../other/base.yml, service: base}
    environment: [M=1]
    volumes: ["./m:/m"]
)");
  dir.write("other/base.yml", R"(services:
  base:
    image: b
    volumes: ["./b:/b"]
    environment: [B=1]
)");
  LoadOptions options;
  options.files = {main};
  Project project = load_project(options);
  const Service& web = service(project, "web");
  EXPECT_EQ(web.image, "b");
  EXPECT_EQ(web.environment, (Environment{{"B", "1"}, {"M", "1"}, {"W", "1"}}));
  ASSERT_EQ(web.volumes.size(), 2u);
  EXPECT_EQ(web.volumes[0].source, dir / "other/b");
  EXPECT_EQ(web.volumes[1].source, dir / "sub/m");
}

TEST(Extends, ErrorsInAnotherFilePointThere) {
  TempDir dir;
  std::string main = dir.write("compose.yaml", R"(services:
  web:
    extends: {file: common.yml, service: base}
)");
  dir.write("common.yml", "services:\n  base:\n    image: [b]\n");
  LoadOptions options;
  options.files = {main};
  EXPECT_EQ(load_files_error(options),
            "common.yml:3:12: services.web.image: expected a string, got a sequence");
}

TEST(Extends, CycleAcrossFiles) {
  TempDir dir;
  std::string main = dir.write("compose.yaml", R"(services:
  web:
    extends: {file: common.yml, service: base}
)");
  dir.write("common.yml",
            "services:\n  base:\n    extends: {file: compose.yaml, service: web}\n");
  LoadOptions options;
  options.files = {main};
  EXPECT_EQ(load_files_error(options),
            main + ":3:14: services.web.extends: extends cycle: web -> base (common.yml) -> web");
}

TEST(Extends, MissingFile) {
  TempDir dir;
  std::string main = dir.write("compose.yaml", R"(services:
  web:
    extends: {file: nope.yml, service: base}
)");
  LoadOptions options;
  options.files = {main};
  EXPECT_EQ(load_files_error(options),
            main + ":3:21: services.web.extends.file: cannot read project file \"nope.yml\": No "
                   "such file or directory");
}

TEST(Extends, FileThatIsNotARegularFile) {
  TempDir dir;
  std::string main = dir.write("compose.yaml", R"(services:
  web:
    extends: {file: sub, service: base}
)");
  dir.write("sub/x.yml", "");
  LoadOptions options;
  options.files = {main};
  EXPECT_EQ(load_files_error(options),
            main + ":3:21: services.web.extends.file: cannot read project file \"sub\": not a "
                   "regular file");
}

TEST(Extends, AChainThatGrowsTooLargeIsRefused) {
  // Each level adds the thousand-item list again: 100 levels would copy 5 million nodes.
  std::string text = "x-dns: &dns [";
  for (int i = 0; i < 1000; ++i) {
    text += (i == 0 ? "" : ", ") + std::to_string(i);
  }
  text += "]\nservices:\n  s0: {image: a, dns: *dns}\n";
  for (int i = 1; i < 100; ++i) {
    text += "  s" + std::to_string(i) + ": {extends: s" + std::to_string(i - 1) + ", dns: *dns}\n";
  }
  EXPECT_NE(load_error(text).find("the project is too large once extends are resolved"),
            std::string::npos);
}

TEST(Extends, UndefinedServiceInAnotherFile) {
  TempDir dir;
  std::string main = dir.write("compose.yaml", R"(services:
  web:
    extends: {file: common.yml, service: nope}
)");
  dir.write("common.yml", "services:\n  base:\n    image: b\n");
  LoadOptions options;
  options.files = {main};
  EXPECT_EQ(load_files_error(options),
            main + ":3:14: services.web.extends: cannot extend service \"nope\": no such service "
                   "in common.yml");
}

TEST(Extends, NameReadsTheFirstFileAsWritten) {
  // docker-compose 1.29.2 gives web image "b": the override's change to base
  // does not reach the services extending it.
  TempDir dir;
  dir.write("docker-compose.yml", R"(services:
  web:
    extends: base
  base:
    image: b
)");
  dir.write("docker-compose.override.yml", "services:\n  base:\n    image: b2\n");
  LoadOptions options;
  options.working_dir = dir.path().string();
  Project project = load_project(options);
  EXPECT_EQ(service(project, "web").image, "b");
  EXPECT_EQ(service(project, "base").image, "b2");
}

TEST(Extends, WrittenInTheOverrideFile) {
  TempDir dir;
  dir.write("docker-compose.yml", "services:\n  base:\n    image: b\n  web:\n    image: w\n");
  dir.write("docker-compose.override.yml",
            "services:\n  web:\n    extends: base\n    user: u\n  only:\n    extends: nope\n");
  LoadOptions options;
  options.working_dir = dir.path().string();
  // As compose 1.29.2, the name is looked up in the first file.
  EXPECT_EQ(load_files_error(options),
            "docker-compose.override.yml:6:14: services.only.extends: cannot extend service "
            "\"nope\": no such service");
}

}  // namespace
}  // namespace berth::compose
