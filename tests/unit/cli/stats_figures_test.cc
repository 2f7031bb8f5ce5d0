// The figures of `berth stats` come out as `docker compose stats` prints them
// (values from a real sample of dockerd 20.10 and v2 2.26.1's output).

#include "cli/stats_figures.h"

#include <gtest/gtest.h>

namespace berth::cli {
namespace {

engine::ContainerStats sample() {
  engine::ContainerStats stats;
  stats.id = "9a7d2019d63bf54e51cdba0e5b71d884539ed72dac0b3a9ac089407ad021fff9";
  stats.name = "cmdsv2-web-1";
  stats.cpu_total = 110861644;
  stats.precpu_total = 110028538;
  stats.system_cpu = 126651490000000;
  stats.presystem_cpu = 126649490000000;
  stats.online_cpus = 2;
  stats.memory_usage = 3000000;
  stats.memory_limit = 25275772928;  // 23.54GiB
  stats.memory_details = {{"total_inactive_file", 800000}, {"inactive_file", 100}};
  stats.network_received = 932;
  stats.block_read = 2011136;
  stats.pids = 2;
  return stats;
}

TEST(StatsFigures, CpuPercentIsTheShareOfTheHostTimesItsCpus) {
  // 833106 ns of the container over 2 s of the host's 2 CPUs: 0.0833 %.
  EXPECT_NEAR(cpu_percent(sample()), 833106.0 / 2e9 * 2 * 100, 1e-9);
}

TEST(StatsFigures, CpuPercentIsZeroWithoutAnEarlierReading) {
  auto stats = sample();
  stats.precpu_total = 0;
  stats.presystem_cpu = 0;
  stats.system_cpu = 0;
  EXPECT_EQ(cpu_percent(stats), 0.0);
  stats = sample();
  stats.precpu_total = stats.cpu_total;  // idle
  EXPECT_EQ(cpu_percent(stats), 0.0);
}

TEST(StatsFigures, MemoryLeavesOutTheInactivePageCacheAsDockerDoes) {
  auto stats = sample();
  EXPECT_EQ(memory_used(stats), 3000000.0 - 800000.0);  // cgroup v1 first
  stats.memory_details.erase("total_inactive_file");
  EXPECT_EQ(memory_used(stats), 3000000.0 - 100.0);  // cgroup v2
  stats.memory_details["inactive_file"] = 5000000;   // not below usage: usage as it is
  EXPECT_EQ(memory_used(stats), 3000000.0);
}

TEST(StatsFigures, SizesAreWrittenAsGoUnitsWritesThem) {
  EXPECT_EQ(binary_size(2.098 * 1024 * 1024), "2.098MiB");
  EXPECT_EQ(binary_size(748 * 1024), "748KiB");
  EXPECT_EQ(binary_size(25275772928.0), "23.54GiB");
  EXPECT_EQ(binary_size(0), "0B");
  EXPECT_EQ(binary_size(1023), "1023B");
  EXPECT_EQ(decimal_size(932), "932B");
  EXPECT_EQ(decimal_size(2011136), "2.01MB");
  EXPECT_EQ(decimal_size(1040), "1.04kB");
  EXPECT_EQ(decimal_size(0), "0B");
}

TEST(StatsFigures, LineHasDockersFields) {
  const auto line = stats_line(sample(), false);
  EXPECT_EQ(line.id, "9a7d2019d63b");
  EXPECT_EQ(line.container, "9a7d2019d63b");
  EXPECT_EQ(line.cpu, "0.08%");
  EXPECT_EQ(line.memory, "2.098MiB / 23.54GiB");
  EXPECT_EQ(line.memory_percent, "0.01%");
  EXPECT_EQ(line.network, "932B / 0B");
  EXPECT_EQ(line.block, "2.01MB / 0B");
  EXPECT_EQ(line.pids, "2");
  EXPECT_EQ(stats_line(sample(), true).id, sample().id);
}

TEST(StatsFigures, TotalSumsEveryColumn) {
  auto other = sample();
  other.memory_usage = 1000000;
  other.memory_details.clear();
  other.pids = 3;
  other.network_sent = 2000;
  const auto total = total_line({sample(), other});
  EXPECT_EQ(total.name, "TOTAL");
  EXPECT_EQ(total.id, "");
  EXPECT_EQ(total.memory, binary_size(2200000.0 + 1000000.0));  // no limit: limits do not add up
  EXPECT_EQ(total.pids, "5");
  EXPECT_EQ(total.network, "1.86kB / 2kB");
  EXPECT_EQ(total.cpu, "0.17%");
}

TEST(StatsFigures, TableIsPaddedAsDockersTabwriter) {
  auto line = stats_line(sample(), false);
  // v2 2.26.1's own output for this container, byte for byte.
  const std::string expected =
      "CONTAINER ID   NAME           CPU %     MEM USAGE / LIMIT     MEM %     NET I/O     "
      "BLOCK I/O     PIDS\n"
      "9a7d2019d63b   cmdsv2-web-1   0.08%     2.098MiB / 23.54GiB   0.01%     932B / 0B   "
      "2.01MB / 0B   2\n";
  EXPECT_EQ(stats_table({line}), expected);
}

TEST(StatsFigures, JsonHasV2sKeys) {
  EXPECT_EQ(stats_json(stats_line(sample(), false)),
            R"({"BlockIO":"2.01MB / 0B","CPUPerc":"0.08%","Container":"9a7d2019d63b",)"
            R"("ID":"9a7d2019d63b","MemPerc":"0.01%","MemUsage":"2.098MiB / 23.54GiB",)"
            R"("Name":"cmdsv2-web-1","NetIO":"932B / 0B","PIDs":"2"})");
}

}  // namespace
}  // namespace berth::cli
