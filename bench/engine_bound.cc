// The engine's own bound for the bench: the same engine calls an orchestrator
// must make, issued directly and all in parallel, with no orchestration.
//   engine_bound up PROJECT N IMAGE   network + N creates and starts
//   engine_bound ps PROJECT           one list call by label
//   engine_bound down PROJECT         stop and remove every container, then the network
// Objects carry the compose project label, so berth and compose could manage them.

#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "engine/engine.h"

namespace {

using berth::engine::Engine;

const char* k_project_label = "com.docker.compose.project";

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
  std::fprintf(stderr, "usage: engine_bound up PROJECT N IMAGE | ps PROJECT | down PROJECT\n");
  return 2;
}
