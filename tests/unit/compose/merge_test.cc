// merge_service() and merge_files(): one file's tree laid over another's.
//
// The expectations follow `docker-compose -f a.yml -f b.yml config` of
// docker-compose 1.29.2 (version "3.8" files), checked by hand on the same
// input, except where a comment says berth differs on purpose: merged lists
// keep the written order (compose sorts them), and "8080:80" equals
// "8080:80/tcp" (compose keeps both, binding the port twice).

#include <gtest/gtest.h>

#include "compose/merge.h"
#include "tests/unit/compose/tree_helpers.h"

namespace berth::compose {
namespace {

using testing::flow;
using testing::flow_of;
using testing::tree;

// `base` and `override` are service bodies; the merged body, flowed.
std::string merged(const std::string& base, const std::string& override, bool legacy = false) {
  return flow(merge_service(tree(base), tree(override, "b.yml"), legacy));
}

YamlNode merged_tree(const std::string& base, const std::string& override) {
  return merge_service(tree(base), tree(override, "b.yml"), false);
}

TEST(MergeService, ScalarsAndCommandsReplace) {
  EXPECT_EQ(merged("{image: a, command: echo a, entrypoint: [sh, -c], user: x}",
                   "{image: b, command: [echo, b], entrypoint: bash}"),
            "{image: b, command: [echo, b], entrypoint: bash, user: x}");
}

TEST(MergeService, NewKeysGoAtTheEnd) {
  EXPECT_EQ(merged("{image: a}", "{hostname: h, image: b}"), "{image: b, hostname: h}");
}

TEST(MergeService, EnvironmentMergesByKeyAcrossForms) {
  // compose: A: '1', B: 3, C: 4
  EXPECT_EQ(flow_of(merged_tree("{environment: [A=1, B=2]}", "{environment: {B: 3, C: 4}}"),
                    "environment"),
            "{A: 1, B: 3, C: 4}");
  EXPECT_EQ(flow_of(merged_tree("{environment: {A: 1, B: 2}}", "{environment: [B=3, D]}"),
                    "environment"),
            "{A: 1, B: 3, D: ~}");
}

TEST(MergeService, EnvironmentListsStayLists) {
  EXPECT_EQ(flow_of(merged_tree("{environment: [A=1, B=2]}", "{environment: [B=3, C=4]}"),
                    "environment"),
            "[A=1, B=3, C=4]");
}

TEST(MergeService, ValueConvertedFromAListStaysAString) {
  YamlNode result = merged_tree("{environment: [PORT=80]}", "{environment: {X: 1}}");
  const YamlNode& port = result.find("environment")->value.entries[0].value;
  EXPECT_TRUE(port.quoted);  // "80" from "PORT=80" is text, as written
  EXPECT_EQ(port.file, "a.yml");
}

TEST(MergeService, LabelsSysctlsUlimitsMergeByKey) {
  EXPECT_EQ(merged("{labels: {x: '1'}, sysctls: [a=1], ulimits: {nofile: 1, nproc: 2}}",
                   "{labels: [y=2], sysctls: {a: 2}, ulimits: {nofile: {soft: 1, hard: 2}}}"),
            "{labels: {x: 1, y: 2}, sysctls: {a: 2}, ulimits: {nofile: {soft: 1, hard: 2}, "
            "nproc: 2}}");
}

TEST(MergeService, ExtraHostsMergeByHost) {
  EXPECT_EQ(flow_of(merged_tree("{extra_hosts: ['a:1.1.1.1', 'b:2.2.2.2']}",
                                "{extra_hosts: {b: 3.3.3.3}}"),
                    "extra_hosts"),
            "{a: 1.1.1.1, b: 3.3.3.3}");
}

TEST(MergeService, PortsMergeByBinding) {
  // compose 1.29.2 keeps "8080:80" and "8080:80/tcp" apart; they bind the same port.
  EXPECT_EQ(flow_of(merged_tree("{ports: ['8080:80', '9000:90']}",
                                "{ports: ['8080:80/tcp', '7000:70', {target: 90, published: "
                                "9000}]}"),
                    "ports"),
            "[8080:80/tcp, {target: 90, published: 9000}, 7000:70]");
}

TEST(MergeService, UniqueListsUnite) {
  EXPECT_EQ(merged("{expose: ['80'], cap_add: [NET_ADMIN], external_links: [x], profiles: [a]}",
                   "{expose: ['80', '81'], cap_add: [SYS_TIME], external_links: [x], "
                   "profiles: [b, a]}"),
            "{expose: [80, 81], cap_add: [NET_ADMIN, SYS_TIME], external_links: [x], "
            "profiles: [a, b]}");
}

TEST(MergeService, DnsListsConcatenateWithDuplicates) {
  // compose: dns: [1.1.1.1, 8.8.8.8, 1.1.1.1]
  EXPECT_EQ(merged("{dns: 1.1.1.1, tmpfs: /run}", "{dns: [8.8.8.8, 1.1.1.1], tmpfs: /tmp}"),
            "{dns: [1.1.1.1, 8.8.8.8, 1.1.1.1], tmpfs: [/run, /tmp]}");
}

TEST(MergeService, VolumesMergeByContainerPath) {
  // compose: /anon, ./b:/data, v1:/v, v2:/v2 (sorted by container path)
  EXPECT_EQ(flow_of(merged_tree("{volumes: ['./a:/data', /anon, 'v1:/v:ro']}",
                                "{volumes: ['./b:/data', 'v2:/v2']}"),
                    "volumes"),
            "[./b:/data, /anon, v1:/v:ro, v2:/v2]");
  EXPECT_EQ(flow_of(merged_tree("{volumes: [/data]}",
                                "{volumes: [{type: bind, source: ./x, target: /data}]}"),
                    "volumes"),
            "[/data, {type: bind, source: ./x, target: /data}]");
}

TEST(MergeService, LinksMergeByAlias) {
  // compose: db:database and db both stay (different aliases); db:x replaces x.
  EXPECT_EQ(flow_of(merged_tree("{links: [db, 'cache:x']}", "{links: ['db:database', x]}"),
                    "links"),
            "[db, x, db:database]");
}

TEST(MergeService, DependsOnMergesAcrossForms) {
  // compose: db: {condition: service_started}, db2: {condition: service_healthy}
  EXPECT_EQ(flow_of(merged_tree("{depends_on: [db]}",
                                "{depends_on: {db2: {condition: service_healthy}}}"),
                    "depends_on"),
            "{db: ~, db2: {condition: service_healthy}}");
  EXPECT_EQ(flow_of(merged_tree("{depends_on: [db, a]}", "{depends_on: [a, b]}"), "depends_on"),
            "[db, a, b]");
}

TEST(MergeService, HealthcheckMergesKeysButReplacesTest) {
  // compose: interval: 10s, test: [CMD, b]
  EXPECT_EQ(flow_of(merged_tree("{healthcheck: {test: [CMD, a, x], interval: 10s}}",
                                "{healthcheck: {test: [CMD, b]}}"),
                    "healthcheck"),
            "{test: [CMD, b], interval: 10s}");
  EXPECT_EQ(flow_of(merged_tree("{healthcheck: {test: [CMD, a], interval: 10s}}",
                                "{healthcheck: {disable: true}}"),
                    "healthcheck"),
            "{disable: true}");
}

TEST(MergeService, NetworksMergeAliases) {
  EXPECT_EQ(flow_of(merged_tree("{networks: {front: {aliases: [a], priority: 1}, back: }}",
                                "{networks: {front: {aliases: [b], priority: 2}}}"),
                    "networks"),
            "{front: {aliases: [a, b], priority: 2}, back: ~}");
  EXPECT_EQ(flow_of(merged_tree("{networks: [front]}", "{networks: {back: {aliases: [x]}}}"),
                    "networks"),
            "{front: ~, back: {aliases: [x]}}");
  EXPECT_EQ(flow_of(merged_tree("{networks: [front]}", "{networks: [back, front]}"), "networks"),
            "[front, back]");
}

TEST(MergeService, BuildMergesArgsAndReplacesContext) {
  EXPECT_EQ(flow_of(merged_tree("{build: ./a}", "{build: {dockerfile: D, args: [X=1]}}"),
                    "build"),
            "{context: ./a, dockerfile: D, args: [X=1]}");
  EXPECT_EQ(flow_of(merged_tree("{build: {context: a, args: {X: 1, Y: 2}}}",
                                "{build: {context: b, args: [Y=3]}}"),
                    "build"),
            "{context: b, args: {X: 1, Y: 3}}");
  EXPECT_EQ(flow_of(merged_tree("{build: a}", "{build: b}"), "build"), "b");
}

TEST(MergeService, LoggingOptionsMergeForTheSameDriver) {
  EXPECT_EQ(flow_of(merged_tree("{logging: {driver: json-file, options: {a: 1, b: 2}}}",
                                "{logging: {options: {b: 3}}}"),
                    "logging"),
            "{driver: json-file, options: {a: 1, b: 3}}");
  EXPECT_EQ(flow_of(merged_tree("{logging: {driver: json-file, options: {a: 1}}}",
                                "{logging: {driver: syslog}}"),
                    "logging"),
            "{driver: syslog}");
}

TEST(MergeService, DeployMergesDeeply) {
  EXPECT_EQ(flow_of(merged_tree("{deploy: {replicas: 1, resources: {limits: {cpus: '1', "
                                "memory: 1g}}}}",
                                "{deploy: {resources: {limits: {memory: 2g}}}}"),
                    "deploy"),
            "{replicas: 1, resources: {limits: {cpus: 1, memory: 2g}}}");
}

TEST(MergeService, EmptyValuesAddNothing) {
  EXPECT_EQ(merged("{environment: [A=1], ports: ['80:80']}", "environment:\nports:\n"),
            "{environment: [A=1], ports: [80:80]}");
  EXPECT_EQ(merged("{image: a}", "~"), "{image: a}");
  EXPECT_EQ(merged("~", "{image: b}"), "{image: b}");
}

TEST(MergeService, AWrongValueIsKeptForTheParserToReport) {
  YamlNode result = merged_tree("{environment: A=1}", "{environment: [B=2]}");
  EXPECT_EQ(flow_of(result, "environment"), "A=1");
  EXPECT_EQ(result.find("environment")->value.file, "a.yml");
  EXPECT_EQ(flow_of(merged_tree("{ports: ['80:80']}", "{ports: {a: b}}"), "ports"), "{a: b}");
}

TEST(MergeService, FigV1ImageAndBuildExcludeEachOther) {
  EXPECT_EQ(merged("{build: ., command: x}", "{image: nginx}", true),
            "{command: x, image: nginx}");
  EXPECT_EQ(merged("{image: nginx}", "{build: .}", true), "{build: .}");
  // The services format keeps both, as compose does for version 2 and 3.
  EXPECT_EQ(merged("{build: ., command: x}", "{image: nginx}"),
            "{build: ., command: x, image: nginx}");
}

TEST(MergeService, NodesKeepTheFileTheyCameFrom) {
  YamlNode result = merged_tree("{image: a, environment: [A=1]}", "{environment: [B=2]}");
  const YamlNode& environment = result.find("environment")->value;
  EXPECT_EQ(result.find("image")->value.file, "a.yml");
  EXPECT_EQ(environment.items[0].file, "a.yml");
  EXPECT_EQ(environment.items[1].file, "b.yml");
  EXPECT_EQ(environment.items[1].line, 1);
  EXPECT_EQ(environment.items[1].column, 16);
}

TEST(MergeFiles, ServicesMergeByNameAndNewOnesFollow) {
  YamlNode result = merge_files(tree("services:\n  web: {image: a}\n  db: {image: d}\n"),
                                tree("services:\n  cache: {image: c}\n  web: {image: b}\n"),
                                false);
  EXPECT_EQ(flow_of(result, "services"), "{web: {image: b}, db: {image: d}, cache: {image: c}}");
}

TEST(MergeFiles, TopLevelDeclarationsAreReplacedByName) {
  // compose: volumes: {v1: {}, v2: {}}: the override's empty v1 drops the driver.
  YamlNode result =
      merge_files(tree("version: '3.8'\nvolumes:\n  v1: {driver: local}\n  v0:\n"),
                  tree("version: '3.9'\nvolumes:\n  v1: {}\n  v2:\nnetworks: {n: }\n"), false);
  EXPECT_EQ(flow(result), "{version: 3.9, volumes: {v1: {}, v0: ~, v2: ~}, networks: {n: ~}}");
}

TEST(MergeFiles, FigV1FilesMergeTheirTopLevelServices) {
  YamlNode result =
      merge_files(tree("web: {build: ., ports: ['80']}\n"), tree("web: {image: x}\n"), true);
  EXPECT_EQ(flow(result), "{web: {ports: [80], image: x}}");
}

TEST(MergeFiles, IsServicesFormat) {
  EXPECT_TRUE(is_services_format(tree("services: {}\n")));
  EXPECT_TRUE(is_services_format(tree("version: '2'\n")));
  EXPECT_FALSE(is_services_format(tree("web: {image: a}\n")));
}

}  // namespace
}  // namespace berth::compose
