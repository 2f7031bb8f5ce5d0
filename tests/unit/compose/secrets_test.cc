// Top-level secrets and configs, a service's secrets and configs: the forms
// compose v2 2.26.1 accepts and prints, and one positioned line per problem.

#include <gtest/gtest.h>

#include "compose/config_output.h"
#include "compose/loader.h"
#include "tests/unit/compose/load_helpers.h"

namespace berth::compose {
namespace {

using testing::load;
using testing::load_error;

LoadOptions with_environment(std::map<std::string, std::string> environment) {
  LoadOptions options;
  options.project_name = "proj";
  options.environment = std::move(environment);
  return options;
}

const char* const k_full = R"(services:
  web:
    image: busybox
    secrets:
      - pw
      - source: tok
        target: token
        uid: "100"
        gid: "101"
        mode: 0400
    configs:
      - cfg
      - source: inline
        target: /etc/inline.conf
        uid: "1"
        mode: 0o640
secrets:
  pw:
    file: ./pw.txt
  tok:
    environment: MY_TOKEN
configs:
  cfg:
    file: sub/../cfg.txt
    labels: {a: b}
  inline:
    name: fixed
    content: |
      hello ${WHO:-world} $$HOME
)";

TEST(Secrets, TopLevelDefinitions) {
  Project project = load(k_full, with_environment({{"MY_TOKEN", "abc"}}));
  ASSERT_EQ(project.secrets.size(), 2u);
  EXPECT_EQ(project.secrets[0].key, "pw");
  EXPECT_EQ(project.secrets[0].name, "proj_pw");
  EXPECT_EQ(project.secrets[0].file, "/proj/pw.txt");
  EXPECT_EQ(project.secrets[1].environment, "MY_TOKEN");
  EXPECT_EQ(project.secrets[1].environment_value, "abc");
  ASSERT_EQ(project.configs.size(), 2u);
  EXPECT_EQ(project.configs[0].file, "/proj/cfg.txt");
  EXPECT_EQ(project.configs[0].labels.at("a"), "b");
  EXPECT_EQ(project.configs[1].name, "fixed");
  EXPECT_EQ(project.configs[1].content, "hello world $HOME\n");
}

TEST(Secrets, ServiceShortAndLongForms) {
  Project project = load(k_full, with_environment({}));
  const Service& web = project.services[0];
  ASSERT_EQ(web.secrets.size(), 2u);
  // The short form of a secret gets its default target written out, as v2 prints it.
  EXPECT_EQ(web.secrets[0].target, "/run/secrets/pw");
  EXPECT_EQ(web.secrets[0].container_path, "/run/secrets/pw");
  EXPECT_EQ(web.secrets[0].definition.file, "/proj/pw.txt");
  EXPECT_EQ(web.secrets[1].target, "token");
  EXPECT_EQ(web.secrets[1].container_path, "/run/secrets/token");
  EXPECT_EQ(web.secrets[1].uid, "100");
  EXPECT_EQ(web.secrets[1].gid, "101");
  EXPECT_EQ(web.secrets[1].mode, 0400u);
  EXPECT_FALSE(web.secrets[1].definition.environment_value);  // unset: refused at up
  ASSERT_EQ(web.configs.size(), 2u);
  EXPECT_EQ(web.configs[0].target, "");
  EXPECT_EQ(web.configs[0].container_path, "/cfg");
  EXPECT_EQ(web.configs[1].container_path, "/etc/inline.conf");
  EXPECT_EQ(web.configs[1].mode, 0640u);
  EXPECT_EQ(web.configs[1].definition.content, "hello world $HOME\n");
}

TEST(Secrets, RelativeConfigTargetGoesUnderRoot) {
  Project project = load(R"(services:
  web:
    image: x
    configs: [{source: c, target: etc/c.conf}]
configs:
  c: {content: hi}
)");
  EXPECT_EQ(project.services[0].configs[0].container_path, "/etc/c.conf");
}

TEST(Secrets, ModesAsYamlReadsThem) {
  auto mode_of = [](const std::string& mode) {
    Project project = load("services:\n  web:\n    image: x\n    configs:\n"
                           "      - {source: c, mode: " + mode + "}\nconfigs:\n  c: {content: x}\n");
    return *project.services[0].configs[0].mode;
  };
  EXPECT_EQ(mode_of("0440"), 0440u);
  EXPECT_EQ(mode_of("0o440"), 0440u);
  EXPECT_EQ(mode_of("288"), 288u);
  EXPECT_EQ(mode_of("\"288\""), 288u);  // v2 reads a quoted mode as decimal
  EXPECT_EQ(mode_of("0x120"), 0440u);
}

TEST(Secrets, RepeatedEntriesAreDroppedAsV2DropsThem) {
  Project project = load(R"(services:
  web:
    image: x
    secrets: [c, {source: c, target: /x}, {source: c}]
    configs: [k, {source: k}]
secrets:
  c: {file: ./x}
configs:
  k: {file: ./x}
)");
  ASSERT_EQ(project.services[0].secrets.size(), 2u);
  EXPECT_EQ(project.services[0].secrets[1].target, "/x");
  EXPECT_EQ(project.services[0].configs.size(), 1u);
}

TEST(Secrets, ExternalOnesAreNamedByTheirKey) {
  Project project = load(R"(services:
  web: {image: x}
secrets:
  a: {external: true}
  b: {external: true, name: real}
  c:
    external: {name: old}
)");
  EXPECT_EQ(project.secrets[0].name, "a");
  EXPECT_EQ(project.secrets[1].name, "real");
  EXPECT_EQ(project.secrets[2].name, "old");
  EXPECT_TRUE(project.secrets[2].external);
}

TEST(Secrets, SourceErrors) {
  EXPECT_EQ(load_error("services: {}\nsecrets:\n  pw:\n    file: ./x\n    environment: X\n"),
            "compose.yaml:5:5: secrets.pw.environment: \"file\" and \"environment\" are mutually "
            "exclusive (a secret has one source)");
  EXPECT_EQ(load_error("services: {}\nsecrets:\n  pw:\n    labels: [a=b]\n"),
            "compose.yaml:3:3: secrets.pw: one of \"file\" or \"environment\" must be set");
  EXPECT_EQ(load_error("services: {}\nconfigs:\n  c: {}\n"),
            "compose.yaml:3:3: configs.c: one of \"file\", \"environment\" or \"content\" must be "
            "set");
  EXPECT_EQ(load_error("services: {}\nconfigs:\n  c:\n"),
            "compose.yaml:3:3: configs.c: expected a mapping, got null");
  EXPECT_EQ(load_error("services: {}\nsecrets:\n  c:\n    content: hi\n"),
            "compose.yaml:3:3: secrets.c: one of \"file\" or \"environment\" must be set\n"
            "compose.yaml:4:5: secrets.c: unknown key \"content\"");
  EXPECT_EQ(load_error("services: {}\nconfigs:\n  c:\n    content: hi\n    driver: x\n"),
            "compose.yaml:5:5: configs.c: unknown key \"driver\"");
  EXPECT_EQ(load_error("services: {}\nsecrets:\n  c:\n    external: true\n    file: ./x\n"),
            "compose.yaml:5:5: secrets.c.file: an external secret is defined outside the "
            "project; it takes no \"file\"");
}

TEST(Secrets, ReferenceErrors) {
  const std::string tail = "configs:\n  c: {content: x}\n";
  EXPECT_EQ(load_error("services:\n  web:\n    image: x\n    secrets: [pw]\n"),
            "compose.yaml:4:15: services.web.secrets[0]: service \"web\" refers to undefined "
            "secret \"pw\"");
  EXPECT_EQ(load_error("services:\n  web:\n    image: x\n    configs:\n      - target: /x\n" + tail),
            "compose.yaml:5:9: services.web.configs[0]: a config in the long syntax needs a "
            "\"source\"");
  EXPECT_EQ(load_error("services:\n  web:\n    image: x\n    configs: {c: {}}\n" + tail),
            "compose.yaml:4:14: services.web.configs: expected a sequence, got a mapping");
  EXPECT_EQ(
      load_error("services:\n  web:\n    image: x\n    configs:\n      - {source: c, foo: 1}\n" +
                 tail),
      "compose.yaml:5:21: services.web.configs[0]: unknown key \"foo\"");
  EXPECT_EQ(
      load_error("services:\n  web:\n    image: x\n    configs:\n      - {source: c, uid: abc}\n" +
                 tail),
      "compose.yaml:5:26: services.web.configs[0].uid: expected a numeric ID, got \"abc\"");
  EXPECT_EQ(
      load_error("services:\n  web:\n    image: x\n    configs:\n      - {source: c, mode: "
                 "\"0440\"}\n" +
                 tail),
      "compose.yaml:5:27: services.web.configs[0].mode: the quoted mode \"0440\" would be read "
      "as a decimal number, as compose v2 reads it; write it unquoted (0440) to mean octal");
  EXPECT_EQ(
      load_error("services:\n  web:\n    image: x\n    configs:\n      - {source: c, mode: "
                 "99999}\n" +
                 tail),
      "compose.yaml:5:27: services.web.configs[0].mode: invalid mode \"99999\" (expected "
      "permission bits such as 0440, at most 07777)");
}

TEST(Secrets, ConfigOutputInV2Shapes) {
  Project project = load(k_full, with_environment({{"MY_TOKEN", "abc"}}));
  const std::string json = project_to_json(project);
  EXPECT_NE(json.find(R"("secrets": {
    "pw": {
      "file": "/proj/pw.txt",
      "name": "proj_pw"
    },
    "tok": {
      "environment": "MY_TOKEN",
      "name": "proj_tok"
    }
  })"),
            std::string::npos)
      << json;
  EXPECT_NE(json.find(R"("secrets": [
        {
          "source": "pw",
          "target": "/run/secrets/pw"
        },
        {
          "gid": "101",
          "mode": 256,
          "source": "tok",
          "target": "token",
          "uid": "100"
        }
      ])"),
            std::string::npos)
      << json;
  EXPECT_NE(json.find(R"("content": "hello world $$HOME\n")"), std::string::npos) << json;
}

TEST(Secrets, ConfigOutputReadsBackToTheSameProject) {
  Project first = load(k_full, with_environment({{"MY_TOKEN", "abc"}}));
  for (const std::string& text : {project_to_yaml(first), project_to_json(first)}) {
    Project second = load(text, with_environment({{"MY_TOKEN", "abc"}}));
    EXPECT_EQ(project_to_json(second), project_to_json(first)) << text;
  }
}

TEST(Secrets, NotSupportedYetNoMore) {
  Project project = load("services:\n  web: {image: x}\nsecrets: {}\nconfigs: {}\n");
  EXPECT_TRUE(project.secrets.empty());
}

}  // namespace
}  // namespace berth::compose
