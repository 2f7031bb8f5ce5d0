#include "scheduler/converge/network_duplicates.h"

#include <algorithm>
#include <map>

namespace berth::scheduler {

namespace {

std::map<std::string, int> count_by_name(const std::vector<engine::NetworkSummary>& networks) {
  std::map<std::string, int> count;
  for (const auto& network : networks) {
    ++count[network.name];
  }
  return count;
}

bool has_duplicates(const std::vector<engine::NetworkSummary>& networks) {
  for (const auto& [name, count] : count_by_name(networks)) {
    if (count > 1) {
      return true;
    }
  }
  return false;
}

// The network IDs the project's containers (running or not) are attached to.
std::set<std::string> attached_networks(engine::Engine& engine, const ObservedState& observed,
                                        Progress& progress, bool& complete) {
  std::set<std::string> attached;
  complete = true;
  for (const auto& container : observed.containers) {
    auto details = engine.inspect_container(container.id);
    if (!details) {
      if (details.error().code != engine::ErrorCode::not_found) {
        progress.warning("cannot tell which network container " + container.name +
                         " is on: " + details.error().message);
        complete = false;
      }
      continue;
    }
    for (const auto& [name, attachment] : details->networks) {
      attached.insert(attachment.network_id);
    }
  }
  return attached;
}

}  // namespace

std::vector<std::string> duplicate_networks_to_remove(
    const std::vector<engine::NetworkSummary>& networks, const std::set<std::string>& attached) {
  const auto count = count_by_name(networks);
  std::set<std::string> kept_names;  // names whose kept network is decided
  for (const auto& network : networks) {
    if (count.at(network.name) > 1 && attached.count(network.id)) {
      kept_names.insert(network.name);
    }
  }
  std::vector<std::string> removed;
  for (const auto& network : networks) {
    if (count.at(network.name) < 2 || attached.count(network.id)) {
      continue;
    }
    if (kept_names.insert(network.name).second) {
      continue;  // none attached: this first one is kept
    }
    removed.push_back(network.id);
  }
  return removed;
}

void remove_duplicate_networks(engine::Engine& engine, ObservedState& observed,
                               Progress& progress) {
  if (!has_duplicates(observed.networks)) {
    return;
  }
  bool complete = true;
  const auto attached = attached_networks(engine, observed, progress, complete);
  if (!complete) {
    return;  // not knowing which is in use, remove none
  }
  for (const std::string& id : duplicate_networks_to_remove(observed.networks, attached)) {
    auto network = std::find_if(observed.networks.begin(), observed.networks.end(),
                                [&id](const auto& n) { return n.id == id; });
    const std::string name = network->name;
    auto removed = engine.remove_network(id);
    if (!removed && removed.error().code != engine::ErrorCode::not_found) {
      progress.warning("network " + name + " exists twice; cannot remove the empty duplicate " +
                       id.substr(0, 12) + ": " + removed.error().message);
      continue;
    }
    progress.step("Network", name, "Removed duplicate " + id.substr(0, 12));
    observed.networks.erase(network);
  }
  for (const auto& [name, count] : count_by_name(observed.networks)) {
    if (count > 1) {
      progress.warning("network " + name + " exists " + std::to_string(count) +
                       " times, each with containers; `berth down` removes them all");
    }
  }
}

}  // namespace berth::scheduler
