// GET /containers/{id}/stats and the archive's path stat, decoded from what
// dockerd 20.10 sends (cgroup v1 here; v2's names are read too).

#include <gtest/gtest.h>

#include "engine/base64.h"
#include "engine/cli_types.h"

namespace berth::engine {
namespace {

const char* k_body = R"({
  "read": "2026-12-04T02:34:29.022242839Z", "id": "9a7d2019d63b", "name": "/p-web-1",
  "pids_stats": {"current": 2},
  "blkio_stats": {"io_service_bytes_recursive": [
    {"major": 254, "minor": 0, "op": "Read", "value": 2011136},
    {"major": 254, "minor": 0, "op": "Write", "value": 7},
    {"major": 254, "minor": 0, "op": "Sync", "value": 2011136},
    {"major": 254, "minor": 0, "op": "Total", "value": 2011143},
    {"major": 8, "minor": 0, "op": "read", "value": 1}]},
  "cpu_stats": {"cpu_usage": {"total_usage": 110861644, "percpu_usage": [1, 2]},
                "system_cpu_usage": 126651490000000, "online_cpus": 2},
  "precpu_stats": {"cpu_usage": {"total_usage": 110028538},
                   "system_cpu_usage": 126649490000000},
  "memory_stats": {"usage": 3000000, "limit": 25275772928,
                   "stats": {"total_inactive_file": 800000, "cache": 900000}},
  "networks": {"eth0": {"rx_bytes": 932, "tx_bytes": 10}, "eth1": {"rx_bytes": 68, "tx_bytes": 0}}
})";

TEST(StatsJson, ReadsEveryFigureStatsShows) {
  auto stats = parse_container_stats(k_body);
  ASSERT_TRUE(stats) << stats.error().message;
  EXPECT_EQ(stats->id, "9a7d2019d63b");
  EXPECT_EQ(stats->name, "p-web-1");
  EXPECT_EQ(stats->cpu_total, 110861644u);
  EXPECT_EQ(stats->precpu_total, 110028538u);
  EXPECT_EQ(stats->system_cpu, 126651490000000u);
  EXPECT_EQ(stats->presystem_cpu, 126649490000000u);
  EXPECT_EQ(stats->online_cpus, 2u);
  EXPECT_EQ(stats->memory_usage, 3000000u);
  EXPECT_EQ(stats->memory_limit, 25275772928u);
  EXPECT_EQ(stats->memory_details.at("total_inactive_file"), 800000u);
  EXPECT_EQ(stats->network_received, 1000u);
  EXPECT_EQ(stats->network_sent, 10u);
  EXPECT_EQ(stats->block_read, 2011137u);  // Read and read; Sync and Total left out
  EXPECT_EQ(stats->block_written, 7u);
  EXPECT_EQ(stats->pids, 2u);
}

TEST(StatsJson, StoppedContainerReadsAsZeros) {
  auto stats = parse_container_stats(
      R"({"id": "abc", "name": "/p-db-1", "cpu_stats": {"cpu_usage": {"percpu_usage": null}},
          "memory_stats": {}, "networks": null, "blkio_stats": {}})");
  ASSERT_TRUE(stats) << stats.error().message;
  EXPECT_EQ(stats->online_cpus, 0u);
  EXPECT_EQ(stats->memory_usage, 0u);
  EXPECT_EQ(stats->pids, 0u);
}

TEST(StatsJson, OnlineCpusFallBackToThePerCpuList) {
  auto stats = parse_container_stats(
      R"({"cpu_stats": {"cpu_usage": {"percpu_usage": [1, 2, 3]}}})");
  ASSERT_TRUE(stats);
  EXPECT_EQ(stats->online_cpus, 3u);
}

TEST(StatsJson, NotJsonIsAnError) { EXPECT_FALSE(parse_container_stats("nope")); }

TEST(PathStat, ReadsTheEnginesHeader) {
  // dockerd's header for /etc/hostname, and a directory.
  auto file = parse_path_stat(
      "eyJuYW1lIjoiaG9zdG5hbWUiLCJzaXplIjoxMywibW9kZSI6NDIwLCJtdGltZSI6IjIwMjYtMTItMDRUMDI6MzM6"
      "MTUuOTg4Mzk1NTA3WiIsImxpbmtUYXJnZXQiOiIifQ==");
  ASSERT_TRUE(file) << file.error().message;
  EXPECT_EQ(file->name, "hostname");
  EXPECT_EQ(file->size, 13);
  EXPECT_FALSE(file->is_directory());
  EXPECT_FALSE(file->is_symlink());
  auto directory = parse_path_stat(
      base64_encode(R"({"name":"etc","size":4096,"mode":2147484141,"linkTarget":""})"));
  ASSERT_TRUE(directory);
  EXPECT_TRUE(directory->is_directory());
  auto link = parse_path_stat(
      base64_encode(R"({"name":"l","size":4,"mode":134218239,"linkTarget":"/etc/passwd"})"));
  ASSERT_TRUE(link);
  EXPECT_TRUE(link->is_symlink());
  EXPECT_EQ(link->link_target, "/etc/passwd");
  EXPECT_FALSE(parse_path_stat("%%%"));
}

}  // namespace
}  // namespace berth::engine
