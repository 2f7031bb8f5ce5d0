#include "scheduler/container_listing.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <tuple>

#include "scheduler/container_fields.h"

namespace berth::scheduler {

std::string format_ports(std::vector<engine::PublishedPort> ports, bool bracket_ipv6) {
  std::sort(ports.begin(), ports.end(), [](const auto& a, const auto& b) {
    return std::tie(a.private_port, a.type, a.ip) < std::tie(b.private_port, b.type, b.ip);
  });
  std::vector<std::string> parts;
  for (const auto& p : ports) {
    std::string text = std::to_string(p.private_port) + "/" + p.type;
    if (p.public_port != 0) {
      std::string ip = bracket_ipv6 && p.ip.find(':') != std::string::npos ? "[" + p.ip + "]" : p.ip;
      text = ip + ":" + std::to_string(p.public_port) + "->" + text;
    }
    if (std::find(parts.begin(), parts.end(), text) == parts.end()) {
      parts.push_back(text);
    }
  }
  std::string out;
  for (const auto& part : parts) {
    out += (out.empty() ? "" : ", ") + part;
  }
  return out;
}

std::vector<ContainerRow> container_rows(const ObservedState& observed) {
  std::vector<ContainerRow> rows;
  for (const auto& c : observed.containers) {
    ContainerRow row;
    row.id = c.id;
    row.name = c.name;
    row.service = c.service;
    row.number = c.number;
    row.one_off = c.one_off;
    if (row.one_off) {
      row.number = 1 << 30;  // one-offs sort after the numbered containers
    }
    row.state = c.state;
    row.status = c.status;
    row.ports = format_ports(c.ports);
    row.summary = c;
    rows.push_back(std::move(row));
  }
  std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
    return std::tie(a.service, a.number, a.name) < std::tie(b.service, b.number, b.name);
  });
  return rows;
}

namespace {

bool contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

}  // namespace

std::string published_address(const engine::ContainerDetails& container,
                              const std::string& private_port) {
  auto found = container.published_ports.find(private_port);
  if (found == container.published_ports.end() || found->second.empty()) {
    return "";
  }
  const auto& binding = found->second.front();
  return binding.host_ip + ":" + binding.host_port;
}

std::vector<ContainerRow> filter_rows(const std::vector<ContainerRow>& rows,
                                      const RowFilter& filter) {
  std::vector<ContainerRow> kept;
  for (const auto& row : rows) {
    if (row.one_off && !filter.all && row.state != "running") {
      continue;
    }
    if (!filter.services.empty() && !contains(filter.services, row.service)) {
      continue;
    }
    if (!filter.states.empty() && !contains(filter.states, row.state)) {
      continue;
    }
    kept.push_back(row);
  }
  return kept;
}

std::string container_rows_json(const std::vector<ContainerRow>& rows, const std::string& project,
                                bool no_trunc, std::int64_t now) {
  std::string out;
  for (const auto& row : rows) {
    out += container_fields(row, project, no_trunc, now).dump() + "\n";
  }
  return out;
}

}  // namespace berth::scheduler
