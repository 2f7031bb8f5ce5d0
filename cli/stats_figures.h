#pragma once
// `berth stats`: the figures docker's CLI shows for a container's resource
// use, worked out from the engine's raw sample (engine/cli_types.h)
// the way `docker stats` works them out, and the table and JSON they are
// printed as. Pure functions, so they are tested without an engine.

#include <string>
#include <vector>

#include "engine/cli_types.h"

namespace berth::cli {

// (cpu delta / system delta) x online CPUs x 100; 0 when either delta is
// not positive (the first sample of a stream, a stopped container).
double cpu_percent(const engine::ContainerStats& stats);

// Usage without the page cache the kernel can drop, as docker subtracts it:
// cgroup v1's total_inactive_file, else v2's inactive_file, when below usage.
double memory_used(const engine::ContainerStats& stats);

// go-units' BytesSize ("2.098MiB", 1024-based, 4 significant digits) and
// HumanSizeWithPrecision(x, 3) ("2.01MB", 1000-based, 3 digits).
std::string binary_size(double bytes);
std::string decimal_size(double bytes);

// One line of the table: the fields of `docker stats --format json`.
struct StatsLine {
  std::string id;  // 12 hex unless --no-trunc
  std::string container;  // always 12 hex, as docker's "Container"
  std::string name;
  std::string cpu;         // "0.10%"
  std::string memory;      // "2.098MiB / 23.54GiB"
  std::string memory_percent;
  std::string network;     // "932B / 0B"
  std::string block;       // "2.01MB / 0B"
  std::string pids;
};

StatsLine stats_line(const engine::ContainerStats& stats, bool no_trunc);

// The project's line, which compose lacks (docker/compose#12321): name
// "TOTAL", every figure the sum of the containers' (memory without a limit:
// the containers' limits are usually the same host memory, not additive).
StatsLine total_line(const std::vector<engine::ContainerStats>& samples);

// docker's table: a header, then the lines, columns padded as its
// tabwriter pads them (at least 10 wide, 3 spaces apart).
std::string stats_table(const std::vector<StatsLine>& lines);

// One JSON object, keys as `docker compose stats --format json` has them.
std::string stats_json(const StatsLine& line);

}  // namespace berth::cli
