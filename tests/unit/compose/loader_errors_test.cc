// Every problem in a project file is one line "file:line:column: key.path: message".

#include <gtest/gtest.h>

#include "compose/config_error.h"
#include "compose/loader.h"
#include "tests/unit/compose/load_helpers.h"

namespace berth::compose {
namespace {

using testing::load_error;

// A service "web" with image x and the given extra lines (indented 4), then a service "db".
std::string web_with(const std::string& lines) {
  return "services:\n  web:\n    image: x\n" + lines + "  db:\n    image: y\n";
}

TEST(LoadErrors, InvalidYaml) {
  EXPECT_EQ(load_error("services:\n  web:\n    image: [nginx\n"),
            "compose.yaml:4:1: invalid YAML: end of sequence flow not found");
  EXPECT_EQ(load_error("a: b: c\n"), "compose.yaml:1:5: invalid YAML: illegal map value");
}

TEST(LoadErrors, TabsForIndentation) {
  EXPECT_EQ(load_error("services:\n  web:\n\timage: x\n"),
            "compose.yaml:3:1: tabs cannot be used for indentation");
  EXPECT_EQ(load_error("services:\n  web:\n  \t  image: x\n"),
            "compose.yaml:3:3: tabs cannot be used for indentation");
}

TEST(LoadErrors, TabsInsideValuesAreFine) {
  Project project =
      testing::load("services:\n  web:\n    image: x\t\n    command: |\n      a\n      \tb\n");
  EXPECT_EQ(project.services[0].command, (std::vector<std::string>{"a", "b"}));
}

TEST(LoadErrors, EmptyFile) {
  EXPECT_EQ(load_error(""), "compose.yaml: file is empty");
  EXPECT_EQ(load_error("# nothing here\n\n"), "compose.yaml: file is empty");
}

TEST(LoadErrors, TopLevelNotAMapping) {
  EXPECT_EQ(load_error("- a\n- b\n"),
            "compose.yaml:1:1: expected a mapping at the top level, got a sequence");
  EXPECT_EQ(load_error("hello\n"),
            "compose.yaml:1:1: expected a mapping at the top level, got a string");
}

TEST(LoadErrors, UnknownServiceKeyWithSuggestion) {
  EXPECT_EQ(load_error("services:\n  web:\n    image: nginx\n    enviroment:\n      A: 1\n"),
            "compose.yaml:4:5: services.web: unknown key \"enviroment\" (did you mean "
            "\"environment\"?)");
  EXPECT_EQ(load_error(web_with("    prots: []\n")),
            "compose.yaml:4:5: services.web: unknown key \"prots\" (did you mean \"ports\"?)");
  EXPECT_EQ(load_error(web_with("    helthcheck: {}\n")),
            "compose.yaml:4:5: services.web: unknown key \"helthcheck\" (did you mean "
            "\"healthcheck\"?)");
}

TEST(LoadErrors, UnknownServiceKeyWithoutSuggestion) {
  EXPECT_EQ(load_error(web_with("    frobnicate: 1\n")),
            "compose.yaml:4:5: services.web: unknown key \"frobnicate\"");
}

TEST(LoadErrors, EveryComposeSpecServiceKeyIsKnown) {
  // None of them is "unknown": they are read, or refused by name.
  for (const char* key : {"secrets: []", "configs: []", "security_opt: []", "pids_limit: 5",
                          "attach: false", "pull_policy: never", "cgroup: host"}) {
    std::string error = load_error(web_with(std::string("    ") + key + "\n"));
    EXPECT_EQ(error.find("unknown key"), std::string::npos) << key << ": " << error;
  }
}

TEST(LoadErrors, UnknownTopLevelKey) {
  EXPECT_EQ(load_error("version: \"3\"\nservces:\n  web: {image: x}\n"),
            "compose.yaml:2:1: unknown key \"servces\" (did you mean \"services\"?)");
}

TEST(LoadErrors, WrongTypes) {
  EXPECT_EQ(load_error("services: []\n"),
            "compose.yaml:1:11: services: expected a mapping, got a sequence");
  EXPECT_EQ(load_error("services:\n  web: nginx\n"),
            "compose.yaml:2:8: services.web: expected a mapping, got a string");
  EXPECT_EQ(load_error("services:\n  web:\n    image: [a]\n"),
            "compose.yaml:3:12: services.web.image: expected a string, got a sequence");
  EXPECT_EQ(load_error("services:\n  web:\n    image:\n"),
            "compose.yaml:3:5: services.web.image: expected a string, got null");
  EXPECT_EQ(load_error("services:\n  web:\n    image: ~\n    hostname: null\n"),
            "compose.yaml:3:12: services.web.image: expected a string, got null\n"
            "compose.yaml:4:15: services.web.hostname: expected a string, got null");
  EXPECT_EQ(load_error("services:\n  web:\n    image:\nnull_ish:\n"),
            "compose.yaml:3:5: services.web.image: expected a string, got null\n"
            "compose.yaml:4:1: unknown key \"null_ish\"");
  EXPECT_EQ(load_error(web_with("    ports: \"80\"\n")),
            "compose.yaml:4:12: services.web.ports: expected a sequence, got a string");
  EXPECT_EQ(load_error(web_with("    environment: 5\n")),
            "compose.yaml:4:18: services.web.environment: expected a mapping or a sequence, got "
            "a string");
  EXPECT_EQ(load_error(web_with("    environment:\n      A: [1]\n")),
            "compose.yaml:5:10: services.web.environment.A: expected a string, got a sequence");
  EXPECT_EQ(load_error(web_with("    command: {a: 1}\n")),
            "compose.yaml:4:14: services.web.command: expected a string or a sequence, got a "
            "mapping");
  EXPECT_EQ(load_error(web_with("    depends_on: db\n")),
            "compose.yaml:4:17: services.web.depends_on: expected a sequence or a mapping, got a "
            "string");
  EXPECT_EQ(load_error("services: {}\nnetworks: [a]\n"),
            "compose.yaml:2:11: networks: expected a mapping, got a sequence");
  EXPECT_EQ(load_error("services: {}\nvolumes:\n  v:\n    external: maybe\n"),
            "compose.yaml:4:15: volumes.v.external: expected true or false, got \"maybe\"");
  EXPECT_EQ(load_error("services: {}\nvolumes:\n  v: 1\n"),
            "compose.yaml:3:6: volumes.v: expected a mapping, got a string");
}

TEST(LoadErrors, LongSyntaxNeedsItsRequiredKeys) {
  EXPECT_EQ(load_error(web_with("    ports:\n      - published: 80\n")),
            "compose.yaml:5:9: services.web.ports[0]: a port in the long syntax needs a "
            "\"target\"");
  EXPECT_EQ(load_error(web_with("    volumes:\n      - {type: bind}\n")),
            "compose.yaml:5:9: services.web.volumes[0]: a volume in the long syntax needs a "
            "\"type\" and a \"target\"");
}

TEST(LoadErrors, DuplicateKeys) {
  EXPECT_EQ(load_error("services:\n  web:\n    image: nginx\n    image: httpd\n"),
            "compose.yaml:4:5: services.web: duplicate key \"image\" (first on line 3)");
  EXPECT_EQ(load_error("services:\n  web: {image: a}\n  web: {image: b}\n"),
            "compose.yaml:3:3: services: duplicate key \"web\" (first on line 2)");
  EXPECT_EQ(load_error("services: {}\nservices: {}\n"),
            "compose.yaml:2:1: duplicate key \"services\" (first on line 1)");
}

TEST(LoadErrors, InvalidServiceName) {
  EXPECT_EQ(load_error("services:\n  \"web!\":\n    image: x\n"),
            "compose.yaml:2:3: services.web!: invalid service name \"web!\" (use letters, "
            "digits, \"_\", \".\" and \"-\", starting with a letter or digit)");
  EXPECT_EQ(load_error("_web:\n  image: x\n"),
            "compose.yaml:1:1: _web: invalid service name \"_web\" (use letters, digits, \"_\", "
            "\".\" and \"-\", starting with a letter or digit)");
}

TEST(LoadErrors, MissingImage) {
  EXPECT_EQ(load_error("services:\n  web:\n    hostname: w\n"),
            "compose.yaml:2:3: services.web: service \"web\" has neither an image nor a build "
            "context");
  EXPECT_EQ(load_error("services:\n  web:\n"),
            "compose.yaml:2:3: services.web: service \"web\" has neither an image nor a build "
            "context");
  EXPECT_EQ(load_error("services:\n  web:\n    image: \"\"\n"),
            "compose.yaml:3:12: services.web.image: the image name is empty");
}

TEST(LoadErrors, BadPorts) {
  EXPECT_EQ(load_error(web_with("    ports:\n      - \"80:x\"\n")),
            "compose.yaml:5:9: services.web.ports[0]: expected \"[ip:]host:container[/proto]\", "
            "got \"80:x\"");
  EXPECT_EQ(load_error(web_with("    ports: [\"8000-8001:80-82\"]\n")),
            "compose.yaml:4:13: services.web.ports[0]: expected \"[ip:]host:container[/proto]\", "
            "got \"8000-8001:80-82\"");
}

TEST(LoadErrors, BadExpose) {
  EXPECT_EQ(load_error(web_with("    expose: [80, \"99/http\"]\n")),
            "compose.yaml:4:18: services.web.expose[1]: expected \"port[-port][/proto]\", got "
            "\"99/http\"");
}

TEST(LoadErrors, BadVolumes) {
  EXPECT_EQ(load_error(web_with("    volumes: [\"./a:b\"]\n")),
            "compose.yaml:4:15: services.web.volumes[0]: expected an absolute path in the "
            "container, got \"b\"");
  EXPECT_EQ(load_error(web_with("    volumes: [relative]\n")),
            "compose.yaml:4:15: services.web.volumes[0]: expected an absolute path in the "
            "container, got \"relative\"");
  EXPECT_EQ(load_error(web_with("    volumes: [\"a:/b:ro:x\"]\n")),
            "compose.yaml:4:15: services.web.volumes[0]: expected \"[source:]/path[:ro|:rw]\", "
            "got \"a:/b:ro:x\"");
  EXPECT_EQ(load_error(web_with("    volumes: [\"my/vol:/x\"]\n")),
            "compose.yaml:4:15: services.web.volumes[0]: invalid volume name \"my/vol\" (a host "
            "path must start with \"/\", \".\" or \"~\")");
  EXPECT_EQ(load_error(web_with("    volumes: [\"~bob/x:/x\"]\n")),
            "compose.yaml:4:15: services.web.volumes[0]: \"~user\" paths are not supported: "
            "\"~bob/x\"");
  EXPECT_EQ(load_error(web_with("    volumes: [\"~/x:/x\"]\n")),
            "compose.yaml:4:15: services.web.volumes[0]: cannot expand \"~/x\": HOME is not set");
}

TEST(LoadErrors, UndeclaredNamedVolume) {
  EXPECT_EQ(load_error(web_with("    volumes:\n      - data:/data\n")),
            "compose.yaml:5:9: services.web.volumes[0]: service \"web\" uses volume \"data\", "
            "which is not declared in the top-level volumes");
}

TEST(LoadErrors, BadRestart) {
  EXPECT_EQ(load_error(web_with("    restart: sometimes\n")),
            "compose.yaml:4:14: services.web.restart: invalid restart policy \"sometimes\" "
            "(expected \"no\", \"always\", \"on-failure[:N]\" or \"unless-stopped\")");
  EXPECT_EQ(load_error(web_with("    restart: on-failure:x\n")),
            "compose.yaml:4:14: services.web.restart: invalid restart policy \"on-failure:x\" "
            "(expected \"no\", \"always\", \"on-failure[:N]\" or \"unless-stopped\")");
}

TEST(LoadErrors, BadDependsOn) {
  EXPECT_EQ(load_error(web_with("    depends_on:\n      db:\n        condition: started\n")),
            "compose.yaml:6:20: services.web.depends_on.db.condition: invalid condition "
            "\"started\" (expected service_started, service_healthy or "
            "service_completed_successfully)");
  EXPECT_EQ(load_error(web_with("    depends_on:\n      db: {conditon: service_started}\n")),
            "compose.yaml:5:12: services.web.depends_on.db: unknown key \"conditon\" (did you "
            "mean \"condition\"?)");
  EXPECT_EQ(load_error(web_with("    depends_on: [db, db]\n")),
            "compose.yaml:4:22: services.web.depends_on[1]: duplicate dependency \"db\"");
}

TEST(LoadErrors, BadRelationSyntax) {
  EXPECT_EQ(load_error(web_with("    links: [\"db:a:b\"]\n")),
            "compose.yaml:4:13: services.web.links[0]: expected \"service[:alias]\", got "
            "\"db:a:b\"");
  EXPECT_EQ(load_error(web_with("    volumes_from: [\"db:rx\"]\n")),
            "compose.yaml:4:20: services.web.volumes_from[0]: expected "
            "\"[service:|container:]name[:ro|:rw]\", got \"db:rx\"");
}

TEST(LoadErrors, BadEnvironmentEntry) {
  EXPECT_EQ(load_error(web_with("    environment: [\"=x\"]\n")),
            "compose.yaml:4:19: services.web.environment[0]: expected \"KEY=value\" or \"KEY\", "
            "got \"=x\"");
}

TEST(LoadErrors, UnclosedQuoteInCommand) {
  EXPECT_EQ(load_error(web_with("    command: echo 'hi\n")),
            "compose.yaml:4:14: services.web.command: unclosed quote in command");
  EXPECT_EQ(load_error(web_with("    entrypoint: \"sh \\\"\"\n")),
            "compose.yaml:4:17: services.web.entrypoint: unclosed quote in entrypoint");
}

TEST(LoadErrors, UndefinedServices) {
  EXPECT_EQ(load_error(web_with("    links: [dbx]\n")),
            "compose.yaml:4:13: services.web.links[0]: service \"web\" links to undefined service "
            "\"dbx\"");
  EXPECT_EQ(load_error(web_with("    depends_on:\n      dbx: {condition: service_healthy}\n")),
            "compose.yaml:5:7: services.web.depends_on.dbx: service \"web\" depends on undefined "
            "service \"dbx\"");
  EXPECT_EQ(load_error(web_with("    volumes_from: [\"dbx:ro\"]\n")),
            "compose.yaml:4:20: services.web.volumes_from[0]: service \"web\" mounts volumes from "
            "undefined service \"dbx\"");
}

TEST(LoadErrors, ContainerVolumesFromNeedsNoService) {
  EXPECT_EQ(testing::load(web_with("    volumes_from: [\"container:other\"]\n")).services.size(),
            2u);
}

TEST(LoadErrors, SelfReferences) {
  EXPECT_EQ(load_error(web_with("    links: [web]\n")),
            "compose.yaml:4:13: services.web.links[0]: service \"web\" links to itself");
  EXPECT_EQ(load_error(web_with("    depends_on: [web]\n")),
            "compose.yaml:4:18: services.web.depends_on[0]: service \"web\" depends on itself");
}

TEST(LoadErrors, BadMergeKey) {
  EXPECT_EQ(load_error("services:\n  web:\n    <<: [1]\n    image: x\n"),
            "compose.yaml:3:10: services.web: \"<<\" expects a mapping or a sequence of mappings");
}

TEST(LoadErrors, NonScalarKeys) {
  EXPECT_EQ(load_error("services: {}\n~: x\n? [a]\n: y\n"),
            "compose.yaml:2:1: expected a string key, got null\n"
            "compose.yaml:3:3: expected a string key, got a sequence");
}

TEST(LoadErrors, AliasExpansionIsBounded) {
  // Each level repeats the one before ten times: 10^7 scalars once expanded.
  std::string text = "x-0: &l0 [a, a, a, a, a, a, a, a, a, a]\n";
  for (int level = 1; level <= 6; ++level) {
    std::string previous = "*l" + std::to_string(level - 1);
    text += "x-" + std::to_string(level) + ": &l" + std::to_string(level) + " [";
    for (int i = 0; i < 10; ++i) {
      text += (i == 0 ? "" : ", ") + previous;
    }
    text += "]\n";
  }
  EXPECT_EQ(load_error(text), "compose.yaml:1:14: x-5[1][1][3][8][8][1]: document too large after expanding aliases "
            "(more than 250000 nodes)");
}

TEST(LoadErrors, SeveralErrorsAreCollectedInReadingOrder) {
  const char* text = R"(services:
  web:
    image: nginx
    ports: ["80:x", "8080:80"]
    links: [dbx]
    restart: sometimes
    enviroment: {}
  db:
    image: postgres
    image: postgres
    volumes: [data:/data]
)";
  try {
    testing::load(text);
    FAIL() << "loaded without error";
  } catch (const ConfigError& error) {
    EXPECT_EQ(std::string(error.what()),
              "compose.yaml:4:13: services.web.ports[0]: expected "
              "\"[ip:]host:container[/proto]\", got \"80:x\"\n"
              "compose.yaml:5:13: services.web.links[0]: service \"web\" links to undefined "
              "service \"dbx\"\n"
              "compose.yaml:6:14: services.web.restart: invalid restart policy \"sometimes\" "
              "(expected \"no\", \"always\", \"on-failure[:N]\" or \"unless-stopped\")\n"
              "compose.yaml:7:5: services.web: unknown key \"enviroment\" (did you mean "
              "\"environment\"?)\n"
              "compose.yaml:10:5: services.db: duplicate key \"image\" (first on line 9)\n"
              "compose.yaml:11:15: services.db.volumes[0]: service \"db\" uses volume \"data\", "
              "which is not declared in the top-level volumes");
    EXPECT_EQ(error.diagnostics().size(), 6u);
    EXPECT_EQ(error.diagnostics()[0].pos.key_path, "services.web.ports[0]");
    EXPECT_EQ(error.diagnostics()[0].pos.line, 4);
  }
}

}  // namespace
}  // namespace berth::compose

namespace berth::compose {
namespace {

using testing::load;
using testing::load_error;

TEST(Documents, ASecondDocumentIsAnErrorAtItsMarker) {
  EXPECT_EQ(load_error("\n\n---\nservices: {}\n---\nx: 1\n"),
            "compose.yaml:5:1: invalid YAML: a project file holds one YAML document; this is a "
            "second one");
}

TEST(Documents, OneDocumentWithMarkersOrLeadingBlankLinesIsRead) {
  EXPECT_EQ(load("---\nservices:\n  web:\n    image: x\n...\n").services.size(), 1u);
  EXPECT_EQ(load("\n\nservices:\n  web:\n    image: x\n").services.size(), 1u);
  // Found by fuzzing: a leading newline once made the marker scan loop forever.
  EXPECT_EQ(load_error("\n:Ie':r\x01"),
            "compose.yaml:2:1: expected a mapping at the top level, got a string");
}

TEST(Documents, AnUnterminatedQuoteIsAnErrorAtTheQuote) {
  EXPECT_EQ(load_error("services:\n  web:\n    image: 'x\n    command: y\n"),
            "compose.yaml:3:12: services.web.image: unterminated quoted string: no closing quote "
            "before the end of the file");
  EXPECT_EQ(load("services:\n  web:\n    image: 'it''s'\n").services[0].image, "it's");
}

TEST(Documents, InvalidUtf8IsAnErrorAtItsByte) {
  EXPECT_EQ(load_error("services:\n  web:\n    image: caf\xC3\x28\n"),
            "compose.yaml:3:15: invalid UTF-8 (byte 0xC3); project files are UTF-8 text");
}

}  // namespace
}  // namespace berth::compose
