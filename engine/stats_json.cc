// GET /containers/{id}/stats and the archive's path stat, decoded. Lenient as
// the other answer parsers: fields the engine leaves out (a stopped
// container's, cgroup v1 against v2) read as zero.

#include <cctype>

#include "engine/base64.h"
#include "engine/cli_types.h"
#include "engine/json_readers.h"

namespace berth::engine {

namespace {

using namespace json_readers;

std::uint64_t unsigned_at(const json& object, std::string_view key) {
  const json* value = field(object, key);
  if (value == nullptr || !value->is_number()) {
    return 0;
  }
  if (value->is_number_unsigned()) {
    return value->get<std::uint64_t>();
  }
  if (value->is_number_integer()) {
    const auto number = value->get<std::int64_t>();
    return number < 0 ? 0 : static_cast<std::uint64_t>(number);
  }
  const auto number = value->get<double>();
  return number < 0 ? 0 : static_cast<std::uint64_t>(number);
}

void read_cpu(const json& document, ContainerStats& stats) {
  const json& cpu = object_at(document, "cpu_stats");
  const json& precpu = object_at(document, "precpu_stats");
  stats.cpu_total = unsigned_at(object_at(cpu, "cpu_usage"), "total_usage");
  stats.precpu_total = unsigned_at(object_at(precpu, "cpu_usage"), "total_usage");
  stats.system_cpu = unsigned_at(cpu, "system_cpu_usage");
  stats.presystem_cpu = unsigned_at(precpu, "system_cpu_usage");
  stats.online_cpus = static_cast<std::uint32_t>(unsigned_at(cpu, "online_cpus"));
  if (stats.online_cpus == 0) {
    const json* per_cpu = field(object_at(cpu, "cpu_usage"), "percpu_usage");
    if (per_cpu != nullptr && per_cpu->is_array()) {
      stats.online_cpus = static_cast<std::uint32_t>(per_cpu->size());
    }
  }
}

void read_memory(const json& document, ContainerStats& stats) {
  const json& memory = object_at(document, "memory_stats");
  stats.memory_usage = unsigned_at(memory, "usage");
  stats.memory_limit = unsigned_at(memory, "limit");
  for (const auto& [name, value] : object_at(memory, "stats").items()) {
    if (value.is_number()) {
      stats.memory_details[name] = unsigned_at(object_at(memory, "stats"), name);
    }
  }
}

void read_io(const json& document, ContainerStats& stats) {
  for (const auto& [name, network] : object_at(document, "networks").items()) {
    stats.network_received += unsigned_at(network, "rx_bytes");
    stats.network_sent += unsigned_at(network, "tx_bytes");
  }
  const json* entries = field(object_at(document, "blkio_stats"), "io_service_bytes_recursive");
  if (entries != nullptr && entries->is_array()) {
    for (const auto& entry : *entries) {
      const std::string op = string_at(entry, "op");
      const char first = op.empty() ? '\0' : static_cast<char>(std::tolower(op.front()));
      if (first == 'r') {
        stats.block_read += unsigned_at(entry, "value");
      } else if (first == 'w') {
        stats.block_written += unsigned_at(entry, "value");
      }
    }
  }
  stats.pids = unsigned_at(object_at(document, "pids_stats"), "current");
}

}  // namespace

Result<ContainerStats> parse_container_stats(const std::string& body) {
  return parse_body(body, json::value_t::object, [](const json& document) {
    ContainerStats stats;
    stats.id = string_at(document, "id");
    stats.name = string_at(document, "name");
    if (!stats.name.empty() && stats.name.front() == '/') {
      stats.name.erase(0, 1);
    }
    read_cpu(document, stats);
    read_memory(document, stats);
    read_io(document, stats);
    return stats;
  });
}

Result<PathStat> parse_path_stat(const std::string& header_value) {
  const auto decoded = base64_decode(header_value);
  if (!decoded) {
    return unparsable("the path stat header is not base64");
  }
  return parse_body(*decoded, json::value_t::object, [](const json& document) {
    PathStat stat;
    stat.name = string_at(document, "name");
    stat.size = integer_at(document, "size");
    stat.mode = static_cast<std::uint32_t>(unsigned_at(document, "mode"));
    stat.link_target = string_at(document, "linkTarget");
    return stat;
  });
}

}  // namespace berth::engine
