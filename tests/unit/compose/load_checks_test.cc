// What the engine would refuse only after berth had made networks or
// containers, found at load with its place in the file (issue 19).

#include <gtest/gtest.h>

#include "load_helpers.h"

namespace berth::compose {
namespace {

using testing::load;
using testing::load_error;

const std::string k_head = "services:\n  web:\n    image: busybox\n";

TEST(LoadChecks, NulInAnEnvironmentValue) {
  EXPECT_EQ(load_error(k_head + "    environment:\n      X: \"a\\0b\"\n"),
            "compose.yaml:5:10: services.web.environment.X: an environment variable cannot hold "
            "a NUL character (no process can receive it)");
  EXPECT_EQ(load_error(k_head + "    environment: [\"X=a\\0b\"]\n"),
            "compose.yaml:4:19: services.web.environment[0]: an environment variable cannot "
            "hold a NUL character (no process can receive it)");
}

TEST(LoadChecks, AnEnvironmentNameWithEquals) {
  EXPECT_EQ(load_error(k_head + "    environment: {\"A=B\": c}\n"),
            "compose.yaml:4:19: services.web.environment.A=B: a variable name cannot hold \"=\" "
            "(write the list form \"NAME=value\" to give a value that holds one)");
  // The list form splits at the first "=": A is "B=c", as everywhere.
  Project project = load(k_head + "    environment: [\"A=B=c\"]\n");
  EXPECT_EQ(project.services[0].environment.at(0),
            (std::pair<std::string, std::string>{"A", "B=c"}));
}

TEST(LoadChecks, UnlimitedNofileButOtherUnlimitedLimits) {
  EXPECT_EQ(load_error(k_head + "    ulimits:\n      nofile: {soft: 1024, hard: -1}\n"),
            "compose.yaml:5:15: services.web.ulimits.nofile: \"nofile\" cannot be unlimited "
            "(-1): the kernel caps open files at fs.nr_open (1048576 by default); give a number");
  Project project = load(k_head + "    ulimits:\n      memlock: -1\n      nproc: -1\n");
  EXPECT_EQ(project.services[0].options.ulimits.size(), 2u);
}

TEST(LoadChecks, VolumeNamesTheLocalDriverRefuses) {
  const std::string uses = k_head + "    volumes: [\"data:/data\"]\n";
  EXPECT_EQ(load_error(uses + "volumes:\n  data:\n    name: \"../../../etc\"\n"),
            "compose.yaml:7:11: volumes.data.name: invalid volume name \"../../../etc\": the "
            "local driver takes [a-zA-Z0-9][a-zA-Z0-9_.-]+ (two characters or more)");
  EXPECT_NE(load_error(uses + "volumes:\n  data:\n    name: x\n"), "<loaded without error>");
  EXPECT_EQ(load_error(uses + "volumes:\n  data:\n    name: my.data-1\n"), "<loaded without error>");
  // Other drivers have their own rules; an external volume is only looked up.
  EXPECT_EQ(load_error(uses + "volumes:\n  data:\n    name: a/b\n    driver: nfs\n"),
            "<loaded without error>");
}

// Two services with one container_name: checked for the services a command
// starts (scheduler/container_name_check.h), not at load: hoppscotch gives two
// services in different profiles one name, and `config --profile "*"` prints it.
TEST(LoadChecks, OneContainerNameForTwoServicesLoads) {
  const std::string text = k_head + "    container_name: same\n  worker:\n    image: busybox\n"
                                    "    container_name: same\n";
  EXPECT_EQ(load_error(text), "<loaded without error>");
}

TEST(LoadChecks, ALinkAliasIsAName) {
  EXPECT_EQ(load_error(k_head + "    links: [\"db:my db\"]\n  db:\n    image: busybox\n"),
            "compose.yaml:4:13: services.web.links[0]: invalid link alias \"my db\": an alias is "
            "[a-zA-Z0-9][a-zA-Z0-9_.-]* (it names variables and a host)");
}

TEST(LoadChecks, BinaryValuesAreDecodedAsComposeV2Does) {
  Project project = load("services:\n  web:\n    image: !!binary YnVzeWJveA==\n");
  EXPECT_EQ(project.services[0].image, "busybox");
  EXPECT_EQ(load_error("services:\n  web:\n    image: !!binary \"not base64!\"\n"),
            "compose.yaml:3:12: services.web.image: a !!binary value is not valid base64");
}

}  // namespace
}  // namespace berth::compose
