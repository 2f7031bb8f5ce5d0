#pragma once
// What the command line's own commands exchange with the engine: one sample
// of a container's resource use for `stats` (GET /containers/{id}/stats),
// what is at a path in a container's filesystem for `cp` (HEAD
// /containers/{id}/archive), what `commit` asks for (POST /commit). Raw
// figures only: the percentages are worked out by the command line, as
// docker's CLI does, so that the engine module stays a translation of the API.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "engine/result.h"

namespace berth::engine {

struct ContainerStats {
  std::string id;
  std::string name;  // without the engine's leading '/'
  // CPU time in nanoseconds: the container's and the host's, now and at the
  // engine's previous reading (precpu_stats, filled with stream=false).
  std::uint64_t cpu_total = 0;
  std::uint64_t precpu_total = 0;
  std::uint64_t system_cpu = 0;
  std::uint64_t presystem_cpu = 0;
  std::uint32_t online_cpus = 0;  // online_cpus, else the length of percpu_usage
  std::uint64_t memory_usage = 0;
  std::uint64_t memory_limit = 0;
  // memory_stats.stats: cgroup v1 has total_inactive_file, v2 inactive_file.
  std::map<std::string, std::uint64_t> memory_details;
  std::uint64_t network_received = 0;  // summed over the container's networks
  std::uint64_t network_sent = 0;
  std::uint64_t block_read = 0;  // io_service_bytes_recursive, "read"/"Read" entries
  std::uint64_t block_written = 0;
  std::uint64_t pids = 0;
};

// GET /containers/{id}/stats?stream=false's body (also one line of the stream).
Result<ContainerStats> parse_container_stats(const std::string& body);

// The engine's X-Docker-Container-Path-Stat: what is at a path in a container.
struct PathStat {
  std::string name;
  std::int64_t size = 0;
  std::uint32_t mode = 0;  // Go's os.FileMode bits: 1<<31 directory, 1<<27 symlink
  std::string link_target;  // the resolved absolute path when a symlink
  bool is_directory() const { return (mode & (1u << 31)) != 0; }
  bool is_symlink() const { return (mode & (1u << 27)) != 0; }
};

// The header's value: base64 of a JSON object {name, size, mode, mtime, linkTarget}.
Result<PathStat> parse_path_stat(const std::string& header_value);

// POST /commit?container=...: a new image from a container's filesystem.
struct ContainerCommit {
  std::string repository;  // "" for an untagged image
  std::string tag;
  std::string comment;
  std::string author;
  bool pause = true;                 // paused while committed
  std::vector<std::string> changes;  // Dockerfile instructions, e.g. "ENV A=1"
};

}  // namespace berth::engine
