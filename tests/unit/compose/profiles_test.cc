// `profiles:`, the enabled profiles, and which services are active.
//
// The activation rules were checked against docker-compose 1.29.2 on dockerd
// 20.10 (`docker-compose -p x up --no-start [SERVICE]`): a dependency left out
// by the profiles fails with "Service "db" was pulled in as a dependency of
// service "web" but is not enabled by the active profiles..."; --profile
// replaces COMPOSE_PROFILES rather than adding to it. One difference on
// purpose (NamedServiceEnablesItsProfilesForAllItNeeds): compose 1.29.2
// checks dependencies of dependencies against --profile alone, so `up web`
// fails for web[debug] -> a[debug] -> b[debug]; berth starts all three.

#include <gtest/gtest.h>

#include <algorithm>

#include "compose/config_error.h"
#include "compose/config_output.h"
#include "compose/profiles.h"
#include "tests/unit/compose/load_helpers.h"

namespace berth::compose {
namespace {

using testing::load;
using testing::load_error;
using Names = std::vector<std::string>;

const char* const k_project = R"(services:
  web:
    image: w
    depends_on: [db]
  db:
    image: d
  debug:
    image: x
    profiles: [debug]
    links: [tools]
  tools:
    image: t
    profiles: [debug, tools]
  cache:
    image: c
    profiles: [cache]
)";

std::string active_error(const Project& project, const Names& profiles, const Names& named) {
  try {
    active_services(project, profiles, named);
  } catch (const ConfigError& error) {
    return error.what();
  }
  return "<no error>";
}

TEST(Profiles, AreParsed) {
  Project project = load(k_project);
  EXPECT_EQ(project.services.size(), 5u);  // every service is loaded
  EXPECT_EQ(project.find_service("tools")->profiles, (Names{"debug", "tools"}));
  EXPECT_TRUE(project.find_service("web")->profiles.empty());
}

TEST(Profiles, BadValues) {
  EXPECT_EQ(load_error("services:\n  a:\n    image: x\n    profiles: debug\n  b:\n"
                       "    image: x\n    profiles: [ok, 'no good', -x, [y]]\n"),
            "compose.yaml:4:15: services.a.profiles: expected a sequence, got a string\n"
            "compose.yaml:7:20: services.b.profiles[1]: invalid profile name \"no good\" (use "
            "letters, digits, \"_\", \".\" and \"-\", starting with a letter or digit)\n"
            "compose.yaml:7:31: services.b.profiles[2]: invalid profile name \"-x\" (use "
            "letters, digits, \"_\", \".\" and \"-\", starting with a letter or digit)\n"
            "compose.yaml:7:35: services.b.profiles[3]: expected a string, got a sequence");
}

// `config`'s output is a project file: read back, the same services are active.
TEST(Profiles, ConfigPrintsThemAndTheyReadBack) {
  Project first = load(k_project);
  std::string yaml = project_to_yaml(first);
  EXPECT_NE(yaml.find("    profiles:\n      - debug\n      - tools\n"), std::string::npos) << yaml;
  for (const std::string& text : {yaml, project_to_json(first)}) {
    Project second = load(text);
    EXPECT_EQ(second.find_service("tools")->profiles, (Names{"debug", "tools"}));
    EXPECT_TRUE(second.find_service("web")->profiles.empty());
    // The output lists services by name, so the order is not the file's.
    auto sorted = [](Names names) {
      std::sort(names.begin(), names.end());
      return names;
    };
    EXPECT_EQ(sorted(active_services(second, {}, {})), (Names{"db", "web"}));
    EXPECT_EQ(sorted(active_services(second, {"cache"}, {})), (Names{"cache", "db", "web"}));
  }
}

TEST(EnabledProfiles, ComeFromTheOptionElseTheVariable) {
  LoadOptions options;
  options.environment["COMPOSE_PROFILES"] = "a,,b";
  EXPECT_EQ(load(k_project, options).enabled_profiles, (Names{"a", "b"}));
  options.profiles = {"c"};
  EXPECT_EQ(load(k_project, options).enabled_profiles, (Names{"c"}));
  EXPECT_TRUE(load(k_project).enabled_profiles.empty());
}

TEST(ActiveServices, WithoutProfilesOnlyServicesWithoutProfiles) {
  EXPECT_EQ(active_services(load(k_project), {}, {}), (Names{"web", "db"}));
}

TEST(ActiveServices, AnEnabledProfileAddsItsServices) {
  Project project = load(k_project);
  EXPECT_EQ(active_services(project, {"debug"}, {}), (Names{"web", "db", "debug", "tools"}));
  EXPECT_EQ(active_services(project, {"tools", "cache"}, {}),
            (Names{"web", "db", "tools", "cache"}));
}

TEST(ActiveServices, StarEnablesEveryProfile) {
  // compose v2's `--profile "*"`.
  EXPECT_EQ(active_services(load(k_project), {"*"}, {}),
            (Names{"web", "db", "debug", "tools", "cache"}));
}

TEST(ActiveServices, NamedServicesAndTheirDependencies) {
  Project project = load(k_project);
  EXPECT_EQ(active_services(project, {}, {"web"}), (Names{"web", "db"}));
  EXPECT_EQ(active_services(project, {}, {"db"}), (Names{"db"}));
  // Naming a service enables its profiles, so tools (debug) comes along.
  EXPECT_EQ(active_services(project, {}, {"debug"}), (Names{"debug", "tools"}));
  EXPECT_EQ(active_services(project, {}, {"cache", "db"}), (Names{"db", "cache"}));
}

TEST(ActiveServices, NamedServiceEnablesItsProfilesForAllItNeeds) {
  Project project = load(R"(services:
  web: {image: x, profiles: [debug], depends_on: [a]}
  a: {image: x, profiles: [debug], depends_on: [b]}
  b: {image: x, profiles: [debug]}
)");
  EXPECT_EQ(active_services(project, {}, {"web"}), (Names{"web", "a", "b"}));
}

TEST(ActiveServices, ADependencyLeftOutByTheProfilesIsAnError) {
  Project project = load(R"(services:
  web:
    image: w
    depends_on: [db]
  db:
    image: d
    profiles: [dbp]
)");
  std::string message =
      "compose.yaml:4:18: services.web.depends_on[0]: service \"db\" was pulled in as a "
      "dependency of service \"web\" but is not enabled by the active profiles; you may fix this "
      "by adding a common profile to \"db\" and \"web\"";
  EXPECT_EQ(active_error(project, {}, {}), message);
  EXPECT_EQ(active_error(project, {}, {"web"}), message);
  EXPECT_EQ(active_services(project, {"dbp"}, {}), (Names{"web", "db"}));
}

TEST(ActiveServices, AnUnknownNameIsAnError) {
  EXPECT_EQ(active_error(load(k_project), {}, {"nope"}), "no such service: \"nope\"");
}

}  // namespace
}  // namespace berth::compose
