// The service keys of compose/service_extras.h, `label_file:`, the long form
// of `env_file:` and the compose keys berth refuses by name. Shapes of the
// `config` output were compared with compose v2 2.26.1's
// (`docker compose config --format json`).

#include <gtest/gtest.h>

#include "compose/config_error.h"
#include "compose/config_output.h"
#include "compose/loader.h"
#include "load_helpers.h"
#include "temp_dir.h"

namespace berth::compose::testing {
namespace {

using Strings = std::vector<std::string>;
using Pairs = std::vector<std::pair<std::string, std::string>>;

Project load_in(const TempDir& dir, const std::string& text) {
  return load_project_text(text, "compose.yaml", dir.path().string(), {});
}

std::string load_in_error(const TempDir& dir, const std::string& text) {
  try {
    load_in(dir, text);
  } catch (const ConfigError& error) {
    return error.what();
  }
  return "<loaded without error>";
}

TEST(Attach, IsABoolean) {
  Project project = load("services:\n  a: {image: x, attach: false}\n  b: {image: x}\n");
  EXPECT_EQ(project.services[0].attach, false);
  EXPECT_FALSE(project.services[1].attach.has_value());
  EXPECT_EQ(load_error("services:\n  a: {image: x, attach: sometimes}\n"),
            "compose.yaml:2:25: services.a.attach: expected true or false, got \"sometimes\"");
}

TEST(Annotations, AreReadAndNeedApi143) {
  Project project = load("services:\n  a:\n    image: x\n    annotations: [com.x=1, b]\n");
  const Service& a = project.services[0];
  EXPECT_EQ(a.annotations, (std::map<std::string, std::string>{{"com.x", "1"}, {"b", ""}}));
  ASSERT_EQ(a.api_requirements.size(), 1u);
  EXPECT_EQ(a.api_requirements[0].version, "1.43");
  EXPECT_EQ(a.api_requirements[0].pos.key_path, "services.a.annotations");
  EXPECT_EQ(a.api_requirements[0].pos.line, 4);
  EXPECT_EQ(a.api_requirements[0].pos.column, 18);
}

TEST(CredentialSpec, IsKeptForConfig) {
  Project project = load("services:\n  a:\n    image: x\n    credential_spec: {config: c}\n");
  ASSERT_TRUE(project.services[0].credential_spec.has_value());
  EXPECT_EQ(project.services[0].credential_spec->config, "c");
  EXPECT_EQ(load_error("services:\n  a:\n    image: x\n    credential_spec: {configs: c}\n"),
            "compose.yaml:4:23: services.a.credential_spec: unknown key \"configs\" (did you "
            "mean \"config\"?)");
}

TEST(Hooks, BothFormsOfTheCommandAndEveryField) {
  Project project = load(R"(services:
  a:
    image: x
    post_start:
      - command: touch /tmp/started
        user: root
        privileged: true
        working_dir: /tmp
        environment: [A=1, B]
    pre_stop:
      - command: [sh, -c, "echo bye"]
        environment: {C: "3"}
)",
                         LoadOptions{});
  const Service& a = project.services[0];
  ASSERT_EQ(a.post_start.size(), 1u);
  EXPECT_EQ(a.post_start[0].command, (Strings{"touch", "/tmp/started"}));
  EXPECT_EQ(a.post_start[0].user, "root");
  EXPECT_TRUE(a.post_start[0].privileged);
  EXPECT_EQ(a.post_start[0].working_dir, "/tmp");
  EXPECT_EQ(a.post_start[0].environment, (Pairs{{"A", "1"}}));  // B is unset: left out
  ASSERT_EQ(a.pre_stop.size(), 1u);
  EXPECT_EQ(a.pre_stop[0].command, (Strings{"sh", "-c", "echo bye"}));
  EXPECT_EQ(a.pre_stop[0].environment, (Pairs{{"C", "3"}}));
}

// Stricter than compose v2, which accepts a hook without a command.
TEST(Hooks, BadInputIsPositioned) {
  EXPECT_EQ(load_error("services:\n  a:\n    image: x\n    post_start:\n      - user: root\n"),
            "compose.yaml:5:9: services.a.post_start[0]: a hook needs a command");
  EXPECT_EQ(load_error("services:\n  a:\n    image: x\n    pre_stop: {command: x}\n"),
            "compose.yaml:4:15: services.a.pre_stop: expected a sequence, got a mapping");
  EXPECT_EQ(load_error("services:\n  a:\n    image: x\n    pre_stop:\n      - command: x\n"
                       "        usr: root\n"),
            "compose.yaml:6:9: services.a.pre_stop[0]: unknown key \"usr\" (did you mean "
            "\"user\"?)");
}

TEST(Develop, WatchRulesAreRead) {
  Project project = load(R"(services:
  a:
    image: x
    develop:
      watch:
        - action: sync
          path: ./src
          target: /app
          ignore: [node_modules/]
          include: ["*.js"]
          initial_sync: true
        - action: rebuild
          path: package.json
        - action: sync+exec
          path: conf
          target: /etc/app
          exec: {command: kill -HUP 1}
)");
  const auto& watch = project.services[0].develop->watch;
  ASSERT_EQ(watch.size(), 3u);
  EXPECT_EQ(watch[0].action, WatchRule::Action::sync);
  EXPECT_EQ(watch[0].path, "/proj/src");
  EXPECT_EQ(watch[0].target, "/app");
  EXPECT_EQ(watch[0].ignore, (Strings{"node_modules/"}));
  EXPECT_EQ(watch[0].include, (Strings{"*.js"}));
  EXPECT_TRUE(watch[0].initial_sync);
  EXPECT_EQ(watch[1].action, WatchRule::Action::rebuild);
  EXPECT_EQ(watch[2].action, WatchRule::Action::sync_exec);
  ASSERT_TRUE(watch[2].exec.has_value());
  EXPECT_EQ(watch[2].exec->command, (Strings{"kill", "-HUP", "1"}));
}

TEST(Develop, BadRulesArePositioned) {
  EXPECT_EQ(load_error("services:\n  a:\n    image: x\n    develop:\n      watch:\n"
                       "        - {action: copy, path: .}\n"),
            "compose.yaml:6:20: services.a.develop.watch[0].action: invalid action \"copy\" "
            "(expected \"sync\", \"rebuild\", \"sync+restart\", \"sync+exec\" or \"restart\")");
  EXPECT_EQ(load_error("services:\n  a:\n    image: x\n    develop:\n      watch:\n"
                       "        - {action: sync, path: .}\n"),
            "compose.yaml:6:11: services.a.develop.watch[0]: action \"sync\" needs a target");
  EXPECT_EQ(load_error("services:\n  a:\n    image: x\n    develop:\n      watch:\n"
                       "        - {action: rebuild}\n"),
            "compose.yaml:6:11: services.a.develop.watch[0]: a watch rule needs a path");
  EXPECT_EQ(load_error("services:\n  a:\n    image: x\n    develop:\n      watch:\n"
                       "        - {action: sync+exec, path: ., target: /a}\n"),
            "compose.yaml:6:11: services.a.develop.watch[0]: action \"sync+exec\" needs an exec "
            "command");
  EXPECT_EQ(load_error("services:\n  a:\n    image: x\n    develop: {wach: []}\n"),
            "compose.yaml:4:15: services.a.develop: unknown key \"wach\" (did you mean "
            "\"watch\"?)");
}

TEST(LabelFile, LabelsWinOverTheFilesAndALaterFileOverAnEarlier) {
  TempDir dir;
  dir.write("a.labels", "one=from-a\ntwo=from-a\n");
  dir.write("b.labels", "# comment\ntwo=from-b\nthree=\"quoted\"\n");
  Project project = load_in(dir, R"(services:
  s:
    image: x
    labels: {one: mine}
    label_file: [a.labels, b.labels]
)");
  EXPECT_EQ(project.services[0].labels,
            (std::map<std::string, std::string>{
                {"one", "mine"}, {"two", "from-b"}, {"three", "quoted"}}));
  Project single = load_in(dir, "services:\n  s:\n    image: x\n    label_file: a.labels\n");
  EXPECT_EQ(single.services[0].labels.at("one"), "from-a");
}

TEST(LabelFile, AMissingFileIsAnError) {
  TempDir dir;
  EXPECT_EQ(load_in_error(dir, "services:\n  s:\n    image: x\n    label_file: nope\n"),
            "compose.yaml:4:17: services.s.label_file: label file \"nope\" not found");
}

// issue 19: read through the bounded reader, like every file berth reads.
TEST(LabelFile, ADeviceIsRefusedUnread) {
  TempDir dir;
  EXPECT_EQ(load_in_error(dir, "services:\n  s:\n    image: x\n    label_file: /dev/zero\n"),
            "compose.yaml:4:17: services.s.label_file: label file \"/dev/zero\" is a device");
}

TEST(EnvFileLongForm, PathAndRequired) {
  TempDir dir;
  dir.write("a.env", "A=1\n");
  Project project = load_in(dir, R"(services:
  s:
    image: x
    env_file:
      - path: a.env
        required: true
      - path: missing.env
        required: false
      - a.env
)");
  EXPECT_EQ(project.services[0].environment, (Pairs{{"A", "1"}}));
  EXPECT_EQ(load_in_error(dir,
                          "services:\n  s:\n    image: x\n    env_file:\n"
                          "      - path: missing.env\n"),
            "compose.yaml:5:15: services.s.env_file[0].path: env file \"missing.env\" not found");
}

// compose v2 2.26.1 refuses every `format` ("unsupported env_file format \"raw\"").
TEST(EnvFileLongForm, FormatIsRefusedAsComposeRefusesIt) {
  TempDir dir;
  dir.write("a.env", "A=1\n");
  EXPECT_EQ(load_in_error(dir,
                          "services:\n  s:\n    image: x\n    env_file:\n"
                          "      - {path: a.env, format: raw}\n"),
            "compose.yaml:5:31: services.s.env_file[0].format: unsupported env file format "
            "\"raw\"");
  EXPECT_EQ(load_in_error(dir,
                          "services:\n  s:\n    image: x\n    env_file:\n"
                          "      - {required: false}\n"),
            "compose.yaml:5:9: services.s.env_file[0]: missing \"path\" (the env file to read)");
}

TEST(RefusedKeys, AreNamedNotUnknown) {
  EXPECT_EQ(load_error("services:\n  a:\n    image: x\n    use_api_socket: true\n"),
            "compose.yaml:4:21: services.a.use_api_socket: key \"use_api_socket\" is not "
            "supported by berth (it would hand the engine's socket and credentials to the "
            "container)");
  EXPECT_EQ(load_error("services:\n  a:\n    image: x\n    pull_refresh_after: 1h\n"),
            "compose.yaml:4:25: services.a.pull_refresh_after: key \"pull_refresh_after\" is "
            "not supported by berth (pull_policy refresh intervals)");
  EXPECT_EQ(load_error("services:\n  a: {image: x}\nmodels:\n  m: {model: ai/x}\n"),
            "compose.yaml:3:1: models: key \"models\" is not supported by berth (AI models run "
            "by Docker Model Runner)");
}

TEST(ServiceExtras, ConfigPrintsThemAndTheyReadBack) {
  const char* const text = R"(services:
  a:
    image: x
    attach: false
    annotations: {com.x: "1"}
    credential_spec: {file: spec.json}
    post_start:
      - {command: touch /x, user: root, environment: [A=1]}
    pre_stop:
      - command: [sh, -c, "echo $$HOME"]
        privileged: true
        working_dir: /tmp
    develop:
      watch:
        - {action: sync+exec, path: src, target: /app, ignore: [x], exec: {command: ls}}
        - {action: restart, path: conf, initial_sync: true}
)";
  Project first = load(text);
  std::string yaml = project_to_yaml(first);
  EXPECT_NE(yaml.find("    attach: false\n"), std::string::npos) << yaml;
  EXPECT_NE(yaml.find("    post_start:\n      - command:\n          - touch\n"), std::string::npos)
      << yaml;
  std::string json = project_to_json(first);
  EXPECT_NE(json.find("\"action\": \"sync+exec\""), std::string::npos) << json;
  for (const std::string& printed : {yaml, json}) {
    Project second = load(printed);
    const Service& a = second.services[0];
    EXPECT_EQ(a.attach, false);
    EXPECT_EQ(a.annotations.at("com.x"), "1");
    EXPECT_EQ(a.credential_spec->file, "spec.json");
    EXPECT_EQ(a.post_start[0].environment, (Pairs{{"A", "1"}}));
    EXPECT_EQ(a.pre_stop[0].command, (Strings{"sh", "-c", "echo $HOME"}));
    EXPECT_TRUE(a.pre_stop[0].privileged);
    EXPECT_EQ(a.develop->watch[0].exec->command, (Strings{"ls"}));
    EXPECT_TRUE(a.develop->watch[1].initial_sync);
    EXPECT_EQ(project_to_yaml(second), yaml);
  }
}

}  // namespace
}  // namespace berth::compose::testing
