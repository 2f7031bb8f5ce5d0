#pragma once
// The rows `ps` shows: the project's containers, read by label only.

#include <string>
#include <vector>

#include "engine/types.h"
#include "scheduler/observed_state.h"

namespace berth::scheduler {

struct ContainerRow {
  std::string id;
  std::string name;
  std::string service;
  int number = 0;
  std::string state;     // "running", "exited", ...
  std::string status;    // the engine's text, e.g. "Up 3 seconds"
  std::string ports;     // e.g. "0.0.0.0:8080->80/tcp, 5984/tcp"
  bool one_off = false;  // made by `run`
  // The engine's summary, for compose v2's fields (container_fields.h).
  engine::ContainerSummary summary{};
};

// Which rows `ps` shows.
struct RowFilter {
  // As docker-compose 1.29.2: every service container, one-offs only while
  // running; `all` adds the stopped one-offs.
  bool all = false;
  std::vector<std::string> services;  // empty: every service
  std::vector<std::string> states;    // --status, any of them; empty: any state
};

std::vector<ContainerRow> filter_rows(const std::vector<ContainerRow>& rows,
                                      const RowFilter& filter);

// One JSON object per line, with the fields of `docker compose ps --format
// json` (2.26.1; see container_fields.h); IDs of 12 digits unless `no_trunc`.
std::string container_rows_json(const std::vector<ContainerRow>& rows, const std::string& project,
                                bool no_trunc, std::int64_t now);

// By service, then container number; one-offs after the service's others.
std::vector<ContainerRow> container_rows(const ObservedState& observed);

// The host address "ip:port" a container's `private_port` ("80/tcp") is
// published on (the first binding, as docker-compose 1.29.2's `port`), or ""
// when it is not published.
std::string published_address(const engine::ContainerDetails& container,
                              const std::string& private_port);

// Published ports as docker shows them, sorted by container port; an IPv6
// address in brackets ("[::]:8080->80/tcp") unless `bracket_ipv6` is false
// (the docker CLI's and compose v2's ":::8080->80/tcp").
std::string format_ports(std::vector<engine::PublishedPort> ports, bool bracket_ipv6 = true);

}  // namespace berth::scheduler
