#include "scheduler/lifecycle/down.h"

#include <algorithm>
#include <chrono>
#include <future>
#include <mutex>
#include <set>

#include "health/container_state.h"
#include "scheduler/labels.h"
#include "scheduler/lifecycle/level_runner.h"
#include "scheduler/lifecycle_hooks.h"
#include "scheduler/converge/network_setup.h"
#include "scheduler/observed_state.h"
#include "scheduler/converge/reconcile.h"

namespace berth::scheduler {

namespace {

std::string label(const std::map<std::string, std::string>& all, const char* key) {
  return labels::value_of(all, key);
}

// The service's pre_stop hooks; a failing one does not keep the container running.
void run_pre_stop(engine::Engine& engine, const compose::Project& project,
                  const engine::ContainerSummary& container, Progress& progress) {
  const auto* service = project.find_service(label(container.labels, labels::k_service));
  if (service == nullptr || service->pre_stop.empty() ||
      label(container.labels, labels::k_oneoff) == "True") {
    return;
  }
  auto ran = run_hooks(engine, container.id, container.name, service->pre_stop,
                       HookKind::pre_stop, progress);
  if (!ran) {
    progress.warning("container " + container.name + ": " + ran.error().message +
                     "; stopping it anyway");
  }
}

// Stops and removals one container at a time: dockerd 20.10 loses count of
// a network's endpoints when many containers on it exit at once
// (moby/moby#43286), after which the network cannot be removed until dockerd
// restarts. compose v2, stopping all at once, hits it too (in its 5th
// `up`/`down` of 50 services on dockerd 20.10.24; berth stopping all at once
// in its 2nd; one at a time, DownStress.* runs 30 without it).
std::mutex g_one_at_a_time;

// A container slow to stop (one that ignores SIGTERM and waits out its
// timeout) gives up its turn after this long: the next stop begins, exits
// stay apart, and N such containers take N x 0.5 s plus one timeout rather
// than N timeouts in a row.
constexpr std::chrono::milliseconds k_turn{500};

engine::Status stop_in_turn(engine::Engine& engine, const std::string& id, int timeout_seconds,
                            std::unique_lock<std::mutex>& turn) {
  auto stop = std::async(std::launch::async, [&engine, &id, timeout_seconds] {
    return engine.stop_container(id, timeout_seconds);
  });
  if (stop.wait_for(k_turn) == std::future_status::timeout) {
    turn.unlock();
  }
  return stop.get();
}

// As compose v2: every container is stopped before its removal (one seen
// stopped may have been restarted by its policy since), and removed with
// force, so a container that started meanwhile cannot fail `down`. Its
// network endpoints are released by the stop, before the removal returns.
bool remove_container(engine::Engine& engine, const compose::Project& project,
                      const engine::ContainerSummary& container, const DownOptions& options,
                      Progress& progress) {
  const bool running = health::is_up(health::parse_container_state(container.state));
  if (running) {
    progress.step("Container", container.name, "Stopping");
    run_pre_stop(engine, project, container, progress);
  }
  std::unique_lock turn(g_one_at_a_time);
  auto stopped = stop_in_turn(engine, container.id, options.timeout_seconds, turn);
  if (!turn.owns_lock()) {
    turn.lock();  // removals one at a time too
  }
  if (running) {
    if (!stopped && stopped.error().code != engine::ErrorCode::not_found) {
      progress.error("Container", container.name, stopped.error().message);
      return false;
    }
    progress.step("Container", container.name, "Stopped");
  }
  progress.step("Container", container.name, "Removing");
  auto removed = engine.remove_container(container.id, true, options.remove_volumes);
  if (!removed && removed.error().code != engine::ErrorCode::not_found) {
    progress.error("Container", container.name, removed.error().message);
    return false;
  }
  progress.step("Container", container.name, "Removed");
  return true;
}

bool removed_by_down(const compose::Project& project, const engine::ContainerSummary& container,
                     const DownOptions& options) {
  return options.remove_orphans || label(container.labels, labels::k_oneoff) == "True" ||
         project.find_service(label(container.labels, labels::k_service));
}

// Containers the first listing did not see (a create an interrupted berth
// had sent, finished by the engine after it): left attached, they would keep
// the network busy. A few passes, then the network removal says what is left.
bool remove_late_containers(engine::Engine& engine, const compose::Project& project,
                            const ObservedState& observed, const DownOptions& options,
                            Progress& progress) {
  std::set<std::string> seen;
  for (const auto& container : observed.containers) {
    seen.insert(container.id);
  }
  bool ok = true;
  for (int pass = 0; pass < 3; ++pass) {
    auto again = observe(engine, project.name);
    if (!again) {
      return ok;
    }
    bool found = false;
    for (const auto& container : again->containers) {
      if (seen.insert(container.id).second && removed_by_down(project, container, options)) {
        found = true;
        ok = remove_container(engine, project, container, options, progress) && ok;
      }
    }
    if (!found) {
      break;
    }
  }
  return ok;
}

bool remove_containers(engine::Engine& engine, const compose::Project& project,
                       const DependencyGraph& graph, const ObservedState& observed,
                       const DownOptions& options, Progress& progress) {
  auto levels = graph.start_levels();
  std::reverse(levels.begin(), levels.end());
  bool ok = run_by_levels(levels, [&](const std::string& service) {
    bool all = true;
    for (const auto& container : observed.containers_of(service)) {
      all = remove_container(engine, project, container, options, progress) && all;
    }
    return all;
  });
  std::vector<std::string> orphans;
  for (const auto& container : observed.containers) {
    const auto service = label(container.labels, labels::k_service);
    if (project.find_service(service) && label(container.labels, labels::k_oneoff) != "True") {
      continue;
    }
    if (options.remove_orphans || label(container.labels, labels::k_oneoff) == "True") {
      ok = remove_container(engine, project, container, options, progress) && ok;
    } else {
      orphans.push_back(container.name);
    }
  }
  if (!orphans.empty()) {
    progress.warning(orphans_warning(orphans));
  }
  return ok;
}

bool remove_volumes(engine::Engine& engine, const compose::Project& project,
                    const ObservedState& observed, Progress& progress) {
  bool ok = true;
  for (const auto& volume : observed.volumes) {
    const auto* decl = project.find_volume(label(volume.labels, labels::k_volume));
    // Only volumes this project declares and owns; never external ones.
    if (!decl || decl->external || decl->name != volume.name) {
      continue;
    }
    progress.step("Volume", volume.name, "Removing");
    auto removed = engine.remove_volume(volume.name);
    if (!removed && removed.error().code != engine::ErrorCode::not_found) {
      progress.error("Volume", volume.name, removed.error().message);
      ok = false;
      continue;
    }
    progress.step("Volume", volume.name, "Removed");
  }
  return ok;
}

}  // namespace

bool down(engine::Engine& engine, const compose::Project& project, const DependencyGraph& graph,
          const DownOptions& options, Progress& progress) {
  auto observed = observe(engine, project.name);
  if (!observed) {
    progress.error("Project", project.name, observed.error().message);
    return false;
  }
  // Networks go strictly after every container removal has returned.
  bool ok = remove_containers(engine, project, graph, *observed, options, progress);
  ok = remove_late_containers(engine, project, *observed, options, progress) && ok;
  ok = remove_networks(engine, project, *observed, progress) && ok;
  if (options.remove_volumes) {
    ok = remove_volumes(engine, project, *observed, progress) && ok;
  }
  return ok;
}

}  // namespace berth::scheduler
