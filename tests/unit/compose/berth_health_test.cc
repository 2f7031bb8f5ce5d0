// `x-berth-health:`: berth's own probe for a service, from YAML to the model,
// its errors, several files, extends and `berth config`. The key is berth's,
// so the messages and defaults are berth's too.

#include <gtest/gtest.h>

#include <ostream>

#include "compose/config_output.h"
#include "compose/loader.h"
#include "tests/unit/compose/load_helpers.h"
#include "tests/unit/compose/tree_helpers.h"

namespace berth::compose {
namespace {

using testing::load;
using testing::load_error;
using testing::load_files_error;
using testing::TempDir;

constexpr int64_t k_second_ns = 1'000'000'000;

// A one-service file whose body `body` (indented by four spaces) starts on line 4.
std::string one_service(const std::string& body) {
  return "services:\n  web:\n    image: x\n" + body;
}

// A copy, so that it outlives the loaded project.
BerthHealth health_of(const Project& project, const std::string& name = "web") {
  const Service* service = project.find_service(name);
  EXPECT_NE(service, nullptr) << name;
  EXPECT_TRUE(service != nullptr && service->berth_health.has_value()) << name;
  return service != nullptr && service->berth_health ? *service->berth_health : BerthHealth{};
}

TEST(BerthHealth, HttpWithDefaults) {
  BerthHealth health = health_of(load(one_service(R"(    x-berth-health:
      http: {port: 8080}
)")));
  EXPECT_EQ(health.kind, BerthHealth::Kind::http);
  EXPECT_EQ(health.port, 8080);
  EXPECT_EQ(health.path, "/");
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(health.interval_ns, 5 * k_second_ns);
  EXPECT_EQ(health.timeout_ns, 2 * k_second_ns);
  EXPECT_EQ(health.retries, 3);
  EXPECT_EQ(health.start_period_ns, 0);
  EXPECT_EQ(health.pos.file, "compose.yaml");
  EXPECT_EQ(health.pos.line, 4);
  EXPECT_EQ(health.pos.column, 5);
  EXPECT_EQ(health.pos.key_path, "services.web.x-berth-health");
}

TEST(BerthHealth, HttpWithEveryField) {
  BerthHealth health = health_of(load(one_service(R"(    x-berth-health:
      http: {port: 8080, path: "/health?deep=1", status: 204}
      interval: 2s
      timeout: 500ms
      retries: 5
      start_period: 1m30s
)")));
  EXPECT_EQ(health.kind, BerthHealth::Kind::http);
  EXPECT_EQ(health.port, 8080);
  EXPECT_EQ(health.path, "/health?deep=1");
  EXPECT_EQ(health.status, 204);
  EXPECT_EQ(health.interval_ns, 2 * k_second_ns);
  EXPECT_EQ(health.timeout_ns, k_second_ns / 2);
  EXPECT_EQ(health.retries, 5);
  EXPECT_EQ(health.start_period_ns, 90 * k_second_ns);
}

TEST(BerthHealth, TcpWithDefaults) {
  BerthHealth health = health_of(load(one_service(R"(    x-berth-health:
      tcp: {port: 5984}
      start_period: 0s
)")));
  EXPECT_EQ(health.kind, BerthHealth::Kind::tcp);
  EXPECT_EQ(health.port, 5984);
  EXPECT_EQ(health.interval_ns, 5 * k_second_ns);
  EXPECT_EQ(health.timeout_ns, 2 * k_second_ns);
  EXPECT_EQ(health.retries, 3);
  EXPECT_EQ(health.start_period_ns, 0);
}

TEST(BerthHealth, AbsentOrNullIsNoProbe) {
  Project project = load(R"(services:
  plain:
    image: x
  nulled:
    image: x
    x-berth-health:
)");
  EXPECT_FALSE(project.services[0].berth_health.has_value());
  EXPECT_FALSE(project.services[1].berth_health.has_value());
}

TEST(BerthHealth, InterpolatedNumbersQuotedOrNot) {
  LoadOptions options;
  options.environment = {{"PORT", "8080"}, {"RETRIES", "4"}};
  Project project = load(R"(services:
  web:
    image: x
    x-berth-health:
      http:
        port: ${PORT}
        status: "200"
      retries: ${RETRIES}
  db:
    image: x
    x-berth-health:
      tcp:
        port: "${PORT}"
)",
                         options);
  EXPECT_EQ(health_of(project, "web").port, 8080);
  EXPECT_EQ(health_of(project, "web").status, 200);
  EXPECT_EQ(health_of(project, "web").retries, 4);
  EXPECT_EQ(health_of(project, "db").port, 8080);
}

// Each error alone, with its whole text: one line, file:line:column and key path.
struct ErrorCase {
  const char* body;
  const char* error;
};

// So a failure shows the YAML, not bytes.
void PrintTo(const ErrorCase& error_case, std::ostream* out) { *out << error_case.body; }

class BerthHealthErrors : public ::testing::TestWithParam<ErrorCase> {};

TEST_P(BerthHealthErrors, ExactMessage) {
  EXPECT_EQ(load_error(one_service(GetParam().body)), GetParam().error);
}

// clang-format off
INSTANTIATE_TEST_SUITE_P(Compose, BerthHealthErrors, ::testing::Values(
    ErrorCase{"    x-berth-health: yes\n",
              "compose.yaml:4:21: services.web.x-berth-health: expected a mapping, got a string"},
    ErrorCase{"    x-berth-health:\n      interval: 2s\n",
              "compose.yaml:4:5: services.web.x-berth-health: needs an \"http\" or a \"tcp\" "
              "probe"},
    ErrorCase{"    x-berth-health:\n      http: {port: 80}\n      tcp: {port: 80}\n",
              "compose.yaml:6:7: services.web.x-berth-health: \"http\" and \"tcp\" cannot both "
              "be set; choose one probe"},
    ErrorCase{"    x-berth-health:\n      http: 8080\n",
              "compose.yaml:5:13: services.web.x-berth-health.http: expected a mapping, got a "
              "string"},
    ErrorCase{"    x-berth-health:\n      http: {path: /x}\n",
              "compose.yaml:5:7: services.web.x-berth-health.http: a \"port\" is required"},
    ErrorCase{"    x-berth-health:\n      tcp: {}\n",
              "compose.yaml:5:7: services.web.x-berth-health.tcp: a \"port\" is required"},
    ErrorCase{"    x-berth-health:\n      http: {port: 70000}\n",
              "compose.yaml:5:20: services.web.x-berth-health.http.port: must be between 1 and "
              "65535"},
    ErrorCase{"    x-berth-health:\n      tcp: {port: 0}\n",
              "compose.yaml:5:19: services.web.x-berth-health.tcp.port: must be between 1 and "
              "65535"},
    ErrorCase{"    x-berth-health:\n      tcp: {port: -1}\n",
              "compose.yaml:5:19: services.web.x-berth-health.tcp.port: must be between 1 and "
              "65535"},
    ErrorCase{"    x-berth-health:\n      tcp: {port: 99999999999999999999}\n",
              "compose.yaml:5:19: services.web.x-berth-health.tcp.port: must be between 1 and "
              "65535"},
    ErrorCase{"    x-berth-health:\n      tcp: {port: http}\n",
              "compose.yaml:5:19: services.web.x-berth-health.tcp.port: expected an integer, got "
              "\"http\""},
    ErrorCase{"    x-berth-health:\n      tcp: {port: [80]}\n",
              "compose.yaml:5:19: services.web.x-berth-health.tcp.port: expected a string, got a "
              "sequence"},
    ErrorCase{"    x-berth-health:\n      http: {port: 80, path: health}\n",
              "compose.yaml:5:30: services.web.x-berth-health.http.path: must start with \"/\", "
              "got \"health\""},
    ErrorCase{"    x-berth-health:\n      http: {port: 80, status: 600}\n",
              "compose.yaml:5:32: services.web.x-berth-health.http.status: must be between 100 "
              "and 599"},
    ErrorCase{"    x-berth-health:\n      http: {port: 80, status: 99}\n",
              "compose.yaml:5:32: services.web.x-berth-health.http.status: must be between 100 "
              "and 599"},
    ErrorCase{"    x-berth-health:\n      tcp: {port: 80}\n      retries: 0\n",
              "compose.yaml:6:16: services.web.x-berth-health.retries: must be at least 1"},
    ErrorCase{"    x-berth-health:\n      tcp: {port: 80}\n      retries: 1.5\n",
              "compose.yaml:6:16: services.web.x-berth-health.retries: expected an integer, got "
              "\"1.5\""},
    ErrorCase{"    x-berth-health:\n      tcp: {port: 80}\n      interval: 0s\n",
              "compose.yaml:6:17: services.web.x-berth-health.interval: must be greater than 0"},
    ErrorCase{"    x-berth-health:\n      tcp: {port: 80}\n      timeout: 0ms\n",
              "compose.yaml:6:16: services.web.x-berth-health.timeout: must be greater than 0"},
    ErrorCase{"    x-berth-health:\n      tcp: {port: 80}\n      timeout: 10\n",
              "compose.yaml:6:16: services.web.x-berth-health.timeout: invalid duration \"10\" "
              "(expected a number with a unit h, m, s, ms, us or ns, e.g. \"1m30s\")"},
    ErrorCase{"    x-berth-health:\n      tcp: {port: 80}\n      start_period: -1s\n",
              "compose.yaml:6:21: services.web.x-berth-health.start_period: invalid duration "
              "\"-1s\" (expected a number with a unit h, m, s, ms, us or ns, e.g. \"1m30s\")"},
    ErrorCase{"    x-berth-health:\n      tcp: {port: 80}\n      intervall: 2s\n",
              "compose.yaml:6:7: services.web.x-berth-health: unknown key \"intervall\" (did you "
              "mean \"interval\"?)"},
    ErrorCase{"    x-berth-health:\n      http: {port: 80, pth: /}\n",
              "compose.yaml:5:24: services.web.x-berth-health.http: unknown key \"pth\" (did you "
              "mean \"path\"?)"},
    ErrorCase{"    x-berth-health:\n      tcp: {port: 80, status: 200}\n",
              "compose.yaml:5:23: services.web.x-berth-health.tcp: unknown key \"status\""}));
// clang-format on

TEST(BerthHealth, EveryProblemIsReported) {
  std::string error = load_error(one_service(R"(    x-berth-health:
      http: {port: 0, status: 1}
      retries: 0
)"));
  EXPECT_EQ(error,
            "compose.yaml:5:20: services.web.x-berth-health.http.port: must be between 1 and "
            "65535\n"
            "compose.yaml:5:31: services.web.x-berth-health.http.status: must be between 100 and "
            "599\n"
            "compose.yaml:6:16: services.web.x-berth-health.retries: must be at least 1");
}

TEST(BerthHealth, AnOverrideFileReplacesItWhole) {
  TempDir dir;
  std::string a =
      dir.write("a.yml",
                "services:\n  web:\n    image: a\n    x-berth-health:\n"
                "      http: {port: 8080, path: /health}\n      interval: 7s\n"
                "  db:\n    image: d\n    x-berth-health:\n      tcp: {port: 5432}\n"
                "  cache:\n    image: c\n    x-berth-health:\n      tcp: {port: 6379}\n");
  std::string b = dir.write("b.yml",
                            "services:\n  web:\n    x-berth-health:\n      tcp: {port: 9000}\n"
                            "  db:\n    x-berth-health: null\n  cache:\n    image: c2\n");
  LoadOptions options;
  options.files = {a, b};
  Project project = load_project(options);
  BerthHealth web = health_of(project, "web");
  EXPECT_EQ(web.kind, BerthHealth::Kind::tcp);
  EXPECT_EQ(web.port, 9000);
  EXPECT_EQ(web.interval_ns, 5 * k_second_ns);  // the base's 7s went with the rest
  // The merged tree keeps the key where the first file wrote it.
  EXPECT_EQ(web.pos.file, a);
  EXPECT_EQ(web.pos.line, 4);
  EXPECT_FALSE(project.find_service("db")->berth_health.has_value());
  EXPECT_EQ(health_of(project, "cache").port, 6379);  // untouched by an override without it
}

TEST(BerthHealth, ErrorsInAnOverrideFileNameIt) {
  TempDir dir;
  std::string a = dir.write("a.yml", "services:\n  web:\n    image: a\n");
  std::string b =
      dir.write("b.yml", "services:\n  web:\n    x-berth-health:\n      tcp: {port: 0}\n");
  LoadOptions options;
  options.files = {a, b};
  EXPECT_EQ(load_files_error(options),
            b + ":4:19: services.web.x-berth-health.tcp.port: must be between 1 and 65535");
}

TEST(BerthHealth, IsInheritedThroughExtendsAndReplacedByTheExtender) {
  Project project = load(R"(services:
  base:
    image: b
    x-berth-health:
      tcp: {port: 5984}
      retries: 7
  inherits:
    extends: base
  replaces:
    extends: base
    x-berth-health:
      http: {port: 80}
)");
  BerthHealth inherits = health_of(project, "inherits");
  EXPECT_EQ(inherits.kind, BerthHealth::Kind::tcp);
  EXPECT_EQ(inherits.port, 5984);
  EXPECT_EQ(inherits.retries, 7);
  BerthHealth replaces = health_of(project, "replaces");
  EXPECT_EQ(replaces.kind, BerthHealth::Kind::http);
  EXPECT_EQ(replaces.retries, 3);
}

TEST(BerthHealth, ConfigWritesItWithEveryField) {
  std::string yaml = project_to_yaml(load(R"(name: p
services:
  web:
    image: x
    x-berth-health:
      http: {port: 8080, path: /health}
      interval: 90s
      start_period: 500ms
  db:
    image: y
    x-berth-health:
      tcp: {port: 5984}
)"));
  // Durations as the healthcheck's: format_duration_ns(), quoted by the YAML writer.
  EXPECT_NE(yaml.find("    x-berth-health:\n"
                      "      http:\n"
                      "        path: /health\n"
                      "        port: 8080\n"
                      "        status: 200\n"
                      "      interval: \"90s\"\n"
                      "      retries: 3\n"
                      "      start_period: \"500ms\"\n"
                      "      timeout: \"2s\"\n"),
            std::string::npos)
      << yaml;
  EXPECT_NE(yaml.find("    x-berth-health:\n"
                      "      interval: \"5s\"\n"
                      "      retries: 3\n"
                      "      start_period: \"0s\"\n"
                      "      tcp:\n"
                      "        port: 5984\n"
                      "      timeout: \"2s\"\n"),
            std::string::npos)
      << yaml;
}

TEST(BerthHealth, ConfigOutputLoadsBackTheSame) {
  Project first = load(R"(services:
  web:
    image: x
    x-berth-health:
      http: {port: 8080, path: /ready, status: 204}
      interval: 1m30s
      timeout: 250ms
      retries: 9
      start_period: 1h
  db:
    image: y
    x-berth-health:
      tcp: {port: 5984}
)");
  Project second = load(project_to_yaml(first));
  for (const char* name : {"web", "db"}) {
    BerthHealth a = health_of(first, name);
    BerthHealth b = health_of(second, name);
    EXPECT_EQ(a.kind, b.kind) << name;
    EXPECT_EQ(a.port, b.port) << name;
    EXPECT_EQ(a.path, b.path) << name;
    EXPECT_EQ(a.status, b.status) << name;
    EXPECT_EQ(a.interval_ns, b.interval_ns) << name;
    EXPECT_EQ(a.timeout_ns, b.timeout_ns) << name;
    EXPECT_EQ(a.retries, b.retries) << name;
    EXPECT_EQ(a.start_period_ns, b.start_period_ns) << name;
  }
  EXPECT_EQ(project_to_yaml(second), project_to_yaml(first));
}

}  // namespace
}  // namespace berth::compose
