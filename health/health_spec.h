#pragma once
// What health/ needs to know of a project, in its own narrow terms: the
// checks of each service, who restarts after whom, and the labels that find
// the project's containers. health/ sits below the project file's model, so
// scheduler/health_specs.h translates a compose project into these.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace berth::health {

// A service's `healthcheck:`, which the engine runs. Unset: the engine's default.
struct HealthCheckSpec {
  // Empty: the image's test. Otherwise "NONE" alone (disabled), or "CMD" /
  // "CMD-SHELL" first.
  std::vector<std::string> test;
  std::optional<int64_t> interval_ns;
  std::optional<int64_t> timeout_ns;
  std::optional<int64_t> start_period_ns;
  std::optional<int> retries;
};

// berth's own probe (`x-berth-health`): an HTTP GET or a TCP connect from the
// host to the container's address, with docker's health rules.
struct HttpTcpProbeSpec {
  enum class Kind { http, tcp };
  Kind kind = Kind::http;
  int port = 0;            // the container's port, 1..65535
  std::string path = "/";  // http only; starts with '/'
  int status = 200;        // http only: the status that counts as healthy
  int64_t interval_ns = 5'000'000'000;
  int64_t timeout_ns = 2'000'000'000;
  int retries = 3;  // consecutive failures, after start_period, that make it unhealthy
  int64_t start_period_ns = 0;
};

// One service, as health sees it.
struct ServiceHealthSpec {
  std::string name;
  std::optional<HealthCheckSpec> healthcheck;  // nullopt: none written (the image's, if any)
  std::optional<HttpTcpProbeSpec> probe;       // nullopt: no berth-side probe
  // The dependencies it declared `restart: true` on, in the order written:
  // it restarts after any of them does.
  std::vector<std::string> restarts_after;
};

// The project whose containers health follows.
struct MonitoredProject {
  std::string name;
  std::vector<ServiceHealthSpec> services;
  // Label filters ("key=value") selecting the project's containers, one-offs
  // included (events), and its service containers only (supervision).
  std::vector<std::string> container_filter;
  std::vector<std::string> service_container_filter;
  std::string service_label;  // the label naming a container's service

  const ServiceHealthSpec* find_service(const std::string& service) const {
    for (const auto& candidate : services) {
      if (candidate.name == service) {
        return &candidate;
      }
    }
    return nullptr;
  }
};

}  // namespace berth::health
