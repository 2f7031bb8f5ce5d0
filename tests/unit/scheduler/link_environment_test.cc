#include "scheduler/spec/link_environment.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>

namespace berth::scheduler {
namespace {

using Names = std::vector<std::string>;

Names sorted(Names names) {
  std::sort(names.begin(), names.end());
  return names;
}

TEST(LegacyLinkVariables, MatchWhatDockerd2010GaveForOneTcpPort) {
  LinkedContainer db{"proj-db-1", "172.20.0.2", {"5984/tcp"}, {"PATH=/bin", "DBVAR=hello"}};
  EXPECT_EQ(sorted(legacy_link_variables("proj-web-1", "db", db)),
            sorted({"DB_PORT=tcp://172.20.0.2:5984", "DB_PORT_5984_TCP=tcp://172.20.0.2:5984",
                    "DB_PORT_5984_TCP_ADDR=172.20.0.2", "DB_PORT_5984_TCP_PORT=5984",
                    "DB_PORT_5984_TCP_PROTO=tcp", "DB_NAME=/proj-web-1/db",
                    "DB_ENV_DBVAR=hello"}));
}

TEST(LegacyLinkVariables, DefaultPortIsTheLowestWithTcpFirst) {
  LinkedContainer db{"p-db-1", "10.0.0.9", {"9000/udp", "80/udp", "80/tcp"}, {}};
  auto env = legacy_link_variables("p-web-1", "db", db);
  EXPECT_EQ(env.front(), "DB_PORT=tcp://10.0.0.9:80");
}

TEST(LegacyLinkVariables, TwoConsecutivePortsMakeNoRange) {
  // dockerd 20.10 names a range only from three consecutive ports on.
  LinkedContainer db{"p-db-1", "10.0.0.9", {"7000/udp", "7001/udp"}, {}};
  auto env = legacy_link_variables("p-web-1", "db", db);
  for (const auto& entry : env) {
    EXPECT_EQ(entry.find("_START"), std::string::npos) << entry;
  }
}

TEST(LegacyLinkVariables, ThreeConsecutivePortsMakeARange) {
  LinkedContainer db{"p-db-1", "10.0.0.9", {"7002/tcp", "7000/tcp", "7001/tcp"}, {}};
  auto env = legacy_link_variables("p-web-1", "my-db", db);
  auto has = [&](const std::string& entry) {
    return std::find(env.begin(), env.end(), entry) != env.end();
  };
  EXPECT_TRUE(has("MY_DB_PORT_7000_TCP_START=tcp://10.0.0.9:7000"));
  EXPECT_TRUE(has("MY_DB_PORT_7000_TCP_PORT_START=7000"));
  EXPECT_TRUE(has("MY_DB_PORT_7000_TCP_END=tcp://10.0.0.9:7002"));
  EXPECT_TRUE(has("MY_DB_PORT_7000_TCP_PORT_END=7002"));
  EXPECT_TRUE(has("MY_DB_PORT_7001_TCP_ADDR=10.0.0.9"));
  EXPECT_TRUE(has("MY_DB_NAME=/p-web-1/my-db"));
}

TEST(LegacyLinkVariables, NoPortsStillGiveNameAndEnv) {
  LinkedContainer db{"p-db-1", "10.0.0.9", {}, {"HOME=/root", "A=b=c"}};
  EXPECT_EQ(legacy_link_variables("p-web-1", "db", db),
            (Names{"DB_NAME=/p-web-1/db", "DB_ENV_A=b=c"}));
}

TEST(FigLinkNames, AliasFullNameAndNameWithoutProject) {
  std::vector<LinkedContainer> containers = {{"proj-db-1", "10.0.0.2", {}, {}},
                                             {"proj-db-2", "10.0.0.3", {}, {}}};
  auto names = fig_link_names("proj", "database", containers);
  Names aliases;
  for (const auto& name : names) {
    aliases.push_back(name.alias);
  }
  EXPECT_EQ(aliases, (Names{"database", "proj-db-1", "db-1", "proj-db-2", "db-2"}));
  EXPECT_EQ(names[0].container->name, "proj-db-1");
  EXPECT_EQ(names[4].container->name, "proj-db-2");
}

TEST(FigLinkNames, ContainerNameWithoutProjectPrefixIsNotRepeated) {
  std::vector<LinkedContainer> containers = {{"mydb", "10.0.0.2", {}, {}}};
  auto names = fig_link_names("proj", "db", containers);
  ASSERT_EQ(names.size(), 2u);
  EXPECT_EQ(names[1].alias, "mydb");
}

TEST(MergeEnvironment, ReplacesInPlaceAndAppends) {
  Names base = {"PATH=/bin", "A=1"};
  merge_environment(base, {"A=2", "B=3"});
  EXPECT_EQ(base, (Names{"PATH=/bin", "A=2", "B=3"}));
}

// issue 19: merging was quadratic; `expose: ["1-65535"]` on a linked service
// never finished. The three names fig gives a link each bring 4 variables per
// port and 6 per range: over 780 000 entries merged in one pass.
TEST(MergeEnvironment, AllPortsOfALinkedServiceMergeInBoundedTime) {
  LinkedContainer db{"p-db-1", "10.0.0.9", {}, {"A=1"}};
  for (int port = 1; port <= 65535; ++port) {
    db.exposed_ports.push_back(std::to_string(port) + "/tcp");
  }
  const auto start = std::chrono::steady_clock::now();
  Names env = {"PATH=/bin"};
  const std::vector<LinkedContainer> containers = {db};
  for (const auto& name : fig_link_names("p", "db", containers)) {
    merge_environment(env, legacy_link_variables("p-web-1", name.alias, *name.container));
  }
  merge_environment(env, {"DB_PORT=mine", "OWN=1"});  // the service's own win, in place
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  // Linear: about a second, several in the sanitizer build on a busy
  // machine; quadratic (3 * 10^11 comparisons): hours.
#if defined(__SANITIZE_ADDRESS__)
  EXPECT_LT(seconds, 60.0);
#else
  EXPECT_LT(seconds, 10.0);
#endif
  // Per name: _PORT, 4 per port, one range of 6 (whose _ADDR and _PROTO are
  // also port 1's), _NAME, _ENV_A.
  const size_t per_name = 1 + 4 * 65535 + 6 - 2 + 1 + 1;
  ASSERT_EQ(env.size(), 1 + 3 * per_name + 1);
  EXPECT_EQ(env[0], "PATH=/bin");
  EXPECT_EQ(env[1], "DB_PORT=mine");
  EXPECT_EQ(env[2], "DB_PORT_1_TCP_START=tcp://10.0.0.9:1");
  EXPECT_EQ(env.back(), "OWN=1");
}

TEST(MergeEnvironment, AKeyTwiceInTheBaseTakesTheOverrideAtItsFirstPlace) {
  Names base = {"A=1", "B=2", "A=3"};
  merge_environment(base, {"A=4", "C=5", "C=6"});
  EXPECT_EQ(base, (Names{"A=4", "B=2", "A=3", "C=6"}));
}

}  // namespace
}  // namespace berth::scheduler
