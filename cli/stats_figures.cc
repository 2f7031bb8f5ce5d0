#include "cli/stats_figures.h"

#include "cli/docker_table.h"

#include <cstdio>
#include <nlohmann/json.hpp>

namespace berth::cli {

namespace {

std::string custom_size(double size, double base, const char* const* units, int precision) {
  int unit = 0;
  while (size >= base && unit < 8) {
    size /= base;
    ++unit;
  }
  char text[64];
  std::snprintf(text, sizeof text, "%.*g%s", precision, size, units[unit]);
  return text;
}

std::string percent(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f%%", value);
  return text;
}

double memory_percent(const engine::ContainerStats& stats) {
  return stats.memory_limit == 0
             ? 0.0
             : memory_used(stats) / static_cast<double>(stats.memory_limit) * 100.0;
}

std::string pair(const std::string& a, const std::string& b) { return a + " / " + b; }

}  // namespace

double cpu_percent(const engine::ContainerStats& stats) {
  // Unsigned counters: a delta is only taken when it is positive.
  if (stats.cpu_total <= stats.precpu_total || stats.system_cpu <= stats.presystem_cpu) {
    return 0.0;
  }
  const double cpu_delta = static_cast<double>(stats.cpu_total - stats.precpu_total);
  const double system_delta = static_cast<double>(stats.system_cpu - stats.presystem_cpu);
  return cpu_delta / system_delta * static_cast<double>(stats.online_cpus) * 100.0;
}

double memory_used(const engine::ContainerStats& stats) {
  const auto usage = stats.memory_usage;
  const auto v1 = stats.memory_details.find("total_inactive_file");
  if (v1 != stats.memory_details.end()) {
    if (v1->second < usage) {
      return static_cast<double>(usage - v1->second);
    }
  }
  const auto v2 = stats.memory_details.find("inactive_file");
  const auto inactive = v2 == stats.memory_details.end() ? 0 : v2->second;
  return static_cast<double>(inactive < usage ? usage - inactive : usage);
}

std::string binary_size(double bytes) {
  static const char* const k_units[] = {"B",   "KiB", "MiB", "GiB", "TiB",
                                        "PiB", "EiB", "ZiB", "YiB"};
  return custom_size(bytes, 1024.0, k_units, 4);
}

std::string decimal_size(double bytes) {
  static const char* const k_units[] = {"B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"};
  return custom_size(bytes, 1000.0, k_units, 3);
}

StatsLine stats_line(const engine::ContainerStats& stats, bool no_trunc) {
  StatsLine line;
  line.container = stats.id.substr(0, 12);
  line.id = no_trunc ? stats.id : line.container;
  line.name = stats.name;
  line.cpu = percent(cpu_percent(stats));
  line.memory = pair(binary_size(memory_used(stats)),
                     binary_size(static_cast<double>(stats.memory_limit)));
  line.memory_percent = percent(memory_percent(stats));
  line.network = pair(decimal_size(static_cast<double>(stats.network_received)),
                      decimal_size(static_cast<double>(stats.network_sent)));
  line.block = pair(decimal_size(static_cast<double>(stats.block_read)),
                    decimal_size(static_cast<double>(stats.block_written)));
  line.pids = std::to_string(stats.pids);
  return line;
}

StatsLine total_line(const std::vector<engine::ContainerStats>& samples) {
  double cpu = 0;
  double memory = 0;
  double memory_share = 0;
  double received = 0;
  double sent = 0;
  double read = 0;
  double written = 0;
  std::uint64_t pids = 0;
  for (const auto& stats : samples) {
    cpu += cpu_percent(stats);
    memory += memory_used(stats);
    memory_share += memory_percent(stats);
    received += static_cast<double>(stats.network_received);
    sent += static_cast<double>(stats.network_sent);
    read += static_cast<double>(stats.block_read);
    written += static_cast<double>(stats.block_written);
    pids += stats.pids;
  }
  StatsLine line;
  line.name = "TOTAL";
  line.cpu = percent(cpu);
  line.memory = binary_size(memory);
  line.memory_percent = percent(memory_share);
  line.network = pair(decimal_size(received), decimal_size(sent));
  line.block = pair(decimal_size(read), decimal_size(written));
  line.pids = std::to_string(pids);
  return line;
}

std::string stats_table(const std::vector<StatsLine>& lines) {
  std::vector<std::vector<std::string>> cells = {{"CONTAINER ID", "NAME", "CPU %",
                                                  "MEM USAGE / LIMIT", "MEM %", "NET I/O",
                                                  "BLOCK I/O", "PIDS"}};
  for (const auto& line : lines) {
    cells.push_back({line.id, line.name, line.cpu, line.memory, line.memory_percent, line.network,
                     line.block, line.pids});
  }
  return docker_table(cells);
}

std::string stats_json(const StatsLine& line) {
  const nlohmann::json object = {
      {"BlockIO", line.block}, {"CPUPerc", line.cpu},         {"Container", line.container},
      {"ID", line.id},         {"MemPerc", line.memory_percent}, {"MemUsage", line.memory},
      {"Name", line.name},     {"NetIO", line.network},       {"PIDs", line.pids}};
  return object.dump();
}

}  // namespace berth::cli
