// The engine's own bound for the bench: the same engine calls an orchestrator
// must make, issued directly and all in parallel, with no orchestration.
//   engine_bound up PROJECT N IMAGE   network + N creates and starts
//   engine_bound ps PROJECT           one list call by label
//   engine_bound down PROJECT         stop and remove every container, then the network
//   engine_bound start-latency PROJECT RUNS IMAGE
//                                     RUNS times, one after another: create a container
//                                     (not started), then time start_container up to
//                                     its State.StartedAt and up to the call's return;
//                                     prints both medians in ms, then removes it all
// Objects carry the compose project label, so berth and compose could manage them.

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <thread>
#include <vector>

#include "engine/engine.h"
#include "scheduler/labels.h"

namespace {

using berth::engine::Engine;

// berth's project label, so cleanup finds what the bench made as berth would.
const char* const k_project_label = berth::scheduler::labels::k_project;

int fail(const std::string& what, const berth::engine::Error& error) {
  std::fprintf(stderr, "engine_bound: %s: %s\n", what.c_str(), error.message.c_str());
  return 1;
}

int up(Engine& engine, const std::string& project, int count, const std::string& image) {
  berth::engine::NetworkCreate network;
  network.name = project + "_default";
  network.labels = {{k_project_label, project}};
  if (auto made = engine.create_network(network); !made) {
    return fail("network", made.error());
  }
  std::vector<std::thread> threads;
  std::vector<int> failed(count, 0);
  for (int i = 0; i < count; ++i) {
    threads.emplace_back([&, i] {
      berth::engine::ContainerCreate spec;
      spec.name = project + "-svc" + std::to_string(i + 1) + "-1";
      spec.image = image;
      spec.cmd = std::vector<std::string>{"sh", "-c", "trap 'exit 0' TERM; sleep 2147483647 & wait"};
      spec.labels = {{k_project_label, project}};
      spec.network = berth::engine::EndpointConfig{network.name, {"svc" + std::to_string(i + 1)}, {}};
      auto created = engine.create_container(spec);
      failed[i] = !created || !engine.start_container(*created);
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  for (int f : failed) {
    if (f) {
      std::fprintf(stderr, "engine_bound: a create or start failed\n");
      return 1;
    }
  }
  return 0;
}

int ps(Engine& engine, const std::string& project) {
  auto listed = engine.list_containers({std::string(k_project_label) + "=" + project}, true);
  return listed ? 0 : fail("list", listed.error());
}

int down(Engine& engine, const std::string& project) {
  auto listed = engine.list_containers({std::string(k_project_label) + "=" + project}, true);
  if (!listed) {
    return fail("list", listed.error());
  }
  std::vector<std::thread> threads;
  for (const auto& container : *listed) {
    threads.emplace_back([&engine, id = container.id] {
      engine.stop_container(id, 10);
      engine.remove_container(id, false, false);
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  engine.remove_network(project + "_default");
  return 0;
}

// Nanoseconds since the epoch of an RFC 3339 time as the engine writes it,
// "2024-05-01T12:34:56.123456789Z" (the fraction may be shorter or absent);
// -1 when it does not parse.
int64_t rfc3339_ns(const std::string& text) {
  std::tm tm{};
  int consumed = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                  &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &consumed) != 6) {
    return -1;
  }
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  size_t at = consumed;
  int64_t fraction = 0;
  int digits = 0;
  if (at < text.size() && text[at] == '.') {
    for (++at; at < text.size() && text[at] >= '0' && text[at] <= '9'; ++at) {
      if (digits < 9) {
        fraction = fraction * 10 + (text[at] - '0');
        ++digits;
      }
    }
  }
  for (; digits < 9; ++digits) {
    fraction *= 10;
  }
  int64_t offset_seconds = 0;
  if (at < text.size() && (text[at] == '+' || text[at] == '-')) {
    int hours = 0;
    int minutes = 0;
    if (std::sscanf(text.c_str() + at + 1, "%2d:%2d", &hours, &minutes) != 2) {
      return -1;
    }
    offset_seconds = (text[at] == '+' ? 1 : -1) * (hours * 3600 + minutes * 60);
  } else if (at >= text.size() || text[at] != 'Z') {
    return -1;
  }
  return (static_cast<int64_t>(timegm(&tm)) - offset_seconds) * 1000000000 + fraction;
}

int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

double median_ms(std::vector<int64_t> ns) {
  std::sort(ns.begin(), ns.end());
  size_t n = ns.size();
  double median = (n % 2) ? ns[n / 2] : (ns[n / 2 - 1] + ns[n / 2]) / 2.0;
  return median / 1e6;
}

// The bare start of an already-created container, as the health chain's
// dependents get it: the same command, health check, label and network.
int start_latency(Engine& engine, const std::string& project, int runs,
                  const std::string& image) {
  berth::engine::NetworkCreate network;
  network.name = project + "_default";
  network.labels = {{k_project_label, project}};
  if (auto made = engine.create_network(network); !made) {
    return fail("network", made.error());
  }
  std::vector<int64_t> to_started_at;
  std::vector<int64_t> to_return;
  int status = 0;
  for (int i = 0; i < runs && status == 0; ++i) {
    berth::engine::ContainerCreate spec;
    spec.name = project + "-start" + std::to_string(i + 1) + "-1";
    spec.image = image;
    spec.cmd = std::vector<std::string>{"sh", "-c",
                                        "touch /tmp/ready; trap 'exit 0' TERM; sleep 2147483647 & wait"};
    spec.labels = {{k_project_label, project}};
    spec.network = berth::engine::EndpointConfig{network.name, {"start" + std::to_string(i + 1)}, {}};
    berth::engine::HealthConfig health;
    health.test = {"CMD-SHELL", "test -f /tmp/ready"};
    health.interval = 1000000000;
    spec.healthcheck = health;
    auto created = engine.create_container(spec);
    if (!created) {
      status = fail("create", created.error());
      break;
    }
    int64_t before = now_ns();
    auto started = engine.start_container(*created);
    int64_t returned = now_ns();
    if (!started) {
      status = fail("start", started.error());
    } else if (auto details = engine.inspect_container(*created); !details) {
      status = fail("inspect", details.error());
    } else if (int64_t started_at = rfc3339_ns(details->started_at); started_at < 0) {
      std::fprintf(stderr, "engine_bound: bad StartedAt: %s\n", details->started_at.c_str());
      status = 1;
    } else {
      to_started_at.push_back(started_at - before);
      to_return.push_back(returned - before);
    }
    engine.remove_container(*created, true, false);
  }
  engine.remove_network(network.name);
  if (status == 0) {
    std::printf("%.1f %.1f\n", median_ms(to_started_at), median_ms(to_return));
  }
  return status;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  auto connected = berth::engine::connect_docker(berth::engine::default_engine_host());
  if (!connected) {
    return fail("connect", connected.error());
  }
  auto& engine = *connected.value();
  if (args.size() == 4 && args[0] == "up") {
    return up(engine, args[1], std::atoi(args[2].c_str()), args[3]);
  }
  if (args.size() == 2 && args[0] == "ps") {
    return ps(engine, args[1]);
  }
  if (args.size() == 2 && args[0] == "down") {
    return down(engine, args[1]);
  }
  if (args.size() == 4 && args[0] == "start-latency" && std::atoi(args[2].c_str()) > 0) {
    return start_latency(engine, args[1], std::atoi(args[2].c_str()), args[3]);
  }
  std::fprintf(stderr,
               "usage: engine_bound up PROJECT N IMAGE | ps PROJECT | down PROJECT\n"
               "       | start-latency PROJECT RUNS IMAGE\n");
  return 2;
}
