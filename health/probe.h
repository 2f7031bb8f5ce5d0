#pragma once
// One run of a service's `x-berth-health` probe (HttpTcpProbeSpec)
// against its container's address: an HTTP GET or a TCP connect, bounded by
// the probe's timeout. Blocks the calling thread for at most about that long.

#include <string>

#include "health/health_spec.h"

namespace berth::health {

struct ProbeResult {
  bool ok = false;
  // One line for the user: "HTTP 503 from http://172.18.0.2:8080/health",
  // "tcp 172.18.0.2:5984: connection refused", ...
  std::string output;
};

// `address` is the container's IPv4 address on a network berth can reach.
// Never throws: every failure is a result that is not ok.
ProbeResult run_probe(const HttpTcpProbeSpec& spec, const std::string& address);

}  // namespace berth::health
