#include "scheduler/container_listing.h"

#include <algorithm>
#include <tuple>

#include "scheduler/container_naming.h"
#include "scheduler/labels.h"

namespace berth::scheduler {

namespace {

std::string label(const engine::ContainerSummary& c, const char* key) {
  return labels::value_of(c.labels, key);
}

}  // namespace

std::string format_ports(std::vector<engine::PublishedPort> ports) {
  std::sort(ports.begin(), ports.end(), [](const auto& a, const auto& b) {
    return std::tie(a.private_port, a.type, a.ip) < std::tie(b.private_port, b.type, b.ip);
  });
  std::vector<std::string> parts;
  for (const auto& p : ports) {
    std::string text = std::to_string(p.private_port) + "/" + p.type;
    if (p.public_port != 0) {
      std::string ip = p.ip.find(':') != std::string::npos ? "[" + p.ip + "]" : p.ip;
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
    row.name = c.name;
    row.service = label(c, labels::k_service);
    row.number = parse_container_number(label(c, labels::k_container_number)).value_or(0);
    if (label(c, labels::k_oneoff) == "True") {
      row.number = 1 << 30;  // one-offs sort after the numbered containers
    }
    row.state = c.state;
    row.status = c.status;
    row.ports = format_ports(c.ports);
    rows.push_back(std::move(row));
  }
  std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
    return std::tie(a.service, a.number, a.name) < std::tie(b.service, b.number, b.name);
  });
  return rows;
}

}  // namespace berth::scheduler
