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

std::optional<std::set<std::string>> networks_in_use_if_duplicated(engine::Engine& engine,
                                                                   const ObservedState& observed,
                                                                   Progress& progress) {
  if (!has_duplicates(observed.networks)) {
    return std::nullopt;
  }
  std::set<std::string> attached;
  for (const auto& container : observed.containers) {
    auto details = engine.inspect_container(container.id);
    if (!details) {
      if (details.error().code != engine::ErrorCode::not_found) {
        progress.warning("cannot tell which network container " + container.name +
                         " is on: " + details.error().message);
        return std::nullopt;
      }
      continue;
    }
    for (const auto& [name, attachment] : details->networks) {
      attached.insert(attachment.network_id);
    }
  }
  return attached;
}

Plan plan_duplicate_network_removal(const ObservedState& observed,
                                    const std::set<std::string>& attached) {
  Plan plan;
  for (const std::string& id : duplicate_networks_to_remove(observed.networks, attached)) {
    auto network = std::find_if(observed.networks.begin(), observed.networks.end(),
                                [&id](const auto& n) { return n.id == id; });
    Operation remove;
    remove.kind = OperationKind::remove_network;
    remove.name = network->name;
    remove.network_id = id;
    remove.display_name = network->name + " (duplicate " + id.substr(0, 12) + ")";
    remove.cause = "an empty duplicate (" + id.substr(0, 12) + ") of a network of this name";
    plan.add(std::move(remove));
  }
  return plan;
}

void forget_removed_networks(const Plan& removal, const ExecutionReport& report,
                             ObservedState& observed, Progress& progress) {
  for (const auto& op : removal.operations()) {
    if (report.outcomes.empty() ||
        report.outcomes.at(op.id - 1).state != OperationOutcome::State::done) {
      continue;  // a dry run, or it stays: the step's line said why
    }
    auto& networks = observed.networks;
    networks.erase(std::remove_if(networks.begin(), networks.end(),
                                  [&op](const auto& n) { return n.id == op.network_id; }),
                   networks.end());
  }
  for (const auto& [name, count] : count_by_name(observed.networks)) {
    if (count > 1) {
      progress.warning("network " + name + " exists " + std::to_string(count) +
                       " times, each with containers; `berth down` removes them all");
    }
  }
}

}  // namespace berth::scheduler
