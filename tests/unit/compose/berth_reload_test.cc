// `x-berth-reload:`: how a dependent learns of its linked services' new and
// departing containers without being recreated, from YAML to the model, its
// errors and `berth config`.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "compose/config_output.h"
#include "tests/unit/compose/load_helpers.h"

namespace berth::compose {
namespace {

using testing::load;
using testing::load_error;

constexpr int64_t k_second_ns = 1'000'000'000;

std::string one_service(const std::string& body) {
  return "services:\n  web:\n    image: x\n" + body;
}

BerthReload reload_of(const Project& project) {
  const Service* service = project.find_service("web");
  EXPECT_TRUE(service != nullptr && service->berth_reload.has_value());
  return service != nullptr && service->berth_reload ? *service->berth_reload : BerthReload{};
}

TEST(BerthReload, ListCommandWithDefaults) {
  BerthReload reload = reload_of(load(one_service(R"(    x-berth-reload:
      command: [/usr/local/bin/reload-balancer, --graceful]
)")));
  EXPECT_EQ(reload.command, (std::vector<std::string>{"/usr/local/bin/reload-balancer",
                                                      "--graceful"}));
  EXPECT_EQ(reload.file, "/run/berth/links.env");
  EXPECT_EQ(reload.drain_ns, 2 * k_second_ns);
  EXPECT_EQ(reload.pos.line, 4);
  EXPECT_EQ(reload.pos.column, 5);
  EXPECT_EQ(reload.pos.key_path, "services.web.x-berth-reload");
}

TEST(BerthReload, StringCommandIsSplitLikeCommand) {
  BerthReload reload = reload_of(load(one_service(R"(    x-berth-reload:
      command: sh -c 'nginx -s reload'
      file: /etc/nginx/links.env
      drain: 500ms
)")));
  EXPECT_EQ(reload.command, (std::vector<std::string>{"sh", "-c", "nginx -s reload"}));
  EXPECT_EQ(reload.file, "/etc/nginx/links.env");
  EXPECT_EQ(reload.drain_ns, k_second_ns / 2);
}

TEST(BerthReload, NullIsNone) {
  Project project = load(one_service("    x-berth-reload:\n"));
  EXPECT_FALSE(project.services[0].berth_reload.has_value());
}

TEST(BerthReload, ConfigPrintsEveryFieldAndReadsBack) {
  Project project = load(one_service("    x-berth-reload: {command: [reload]}\n"));
  auto doc = nlohmann::json::parse(project_to_json(project));
  const auto& printed = doc["services"]["web"]["x-berth-reload"];
  EXPECT_EQ(printed["command"], nlohmann::json::array({"reload"}));
  EXPECT_EQ(printed["file"], "/run/berth/links.env");
  EXPECT_EQ(printed["drain"], "2s");
  Project again = load(project_to_json(project));
  EXPECT_EQ(reload_of(again).command, std::vector<std::string>{"reload"});
  EXPECT_EQ(reload_of(again).drain_ns, 2 * k_second_ns);
}

struct ErrorCase {
  std::string body;
  std::string error;
};

class BerthReloadErrors : public ::testing::TestWithParam<ErrorCase> {};

TEST_P(BerthReloadErrors, OneLineAtTheKey) {
  EXPECT_EQ(load_error(one_service(GetParam().body)), GetParam().error);
}

// clang-format off
INSTANTIATE_TEST_SUITE_P(Compose, BerthReloadErrors, ::testing::Values(
    ErrorCase{"    x-berth-reload: reload\n",
              "compose.yaml:4:21: services.web.x-berth-reload: expected a mapping, got a string"},
    ErrorCase{"    x-berth-reload:\n      file: /x\n",
              "compose.yaml:4:5: services.web.x-berth-reload: a \"command\" is required"},
    ErrorCase{"    x-berth-reload:\n      command: []\n",
              "compose.yaml:5:16: services.web.x-berth-reload.command: must name a command"},
    ErrorCase{"    x-berth-reload:\n      command: [r]\n      file: links.env\n",
              "compose.yaml:6:13: services.web.x-berth-reload.file: must be an absolute path to "
              "a file, got \"links.env\""},
    ErrorCase{"    x-berth-reload:\n      command: [r]\n      drain: soon\n",
              "compose.yaml:6:14: services.web.x-berth-reload.drain: invalid duration \"soon\" "
              "(expected a number with a unit h, m, s, ms, us or ns, e.g. \"1m30s\")"},
    ErrorCase{"    x-berth-reload:\n      command: [r]\n      signal: HUP\n",
              "compose.yaml:6:7: services.web.x-berth-reload: unknown key \"signal\""}));
// clang-format on

}  // namespace
}  // namespace berth::compose
