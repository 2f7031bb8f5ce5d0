#include "scheduler/spec/link_environment.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <unordered_map>

#include "scheduler/container_naming.h"

namespace berth::scheduler {

namespace {

struct Port {
  int number = 0;
  std::string proto;
};

std::vector<Port> parse_ports(const std::vector<std::string>& exposed) {
  std::vector<Port> ports;
  for (const auto& text : exposed) {
    auto slash = text.find('/');
    Port port;
    try {
      port.number = std::stoi(text.substr(0, slash));
    } catch (const std::exception&) {
      continue;
    }
    port.proto = slash == std::string::npos ? "tcp" : text.substr(slash + 1);
    ports.push_back(port);
  }
  // Ascending by number; for the same number tcp first (the engine's order).
  std::stable_sort(ports.begin(), ports.end(), [](const Port& a, const Port& b) {
    if (a.number != b.number) {
      return a.number < b.number;
    }
    return a.proto == "tcp" && b.proto != "tcp";
  });
  return ports;
}

std::string upper(std::string text) {
  for (auto& c : text) {
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return text;
}

// The last index of the run of consecutive port numbers starting at `index`.
// Like dockerd 20.10 this compares numbers only, not protocols.
size_t run_end(const std::vector<Port>& ports, size_t index) {
  int value = ports[index].number;
  for (size_t i = index + 1; i < ports.size(); ++i) {
    if (ports[i].number > value + 1) {
      return i - 1;
    }
    ++value;
  }
  return ports.size() - 1;
}

void add_range_variables(std::vector<std::string>& env, const std::string& alias,
                         const std::string& ip, const std::vector<Port>& ports) {
  for (size_t i = 0; i < ports.size();) {
    size_t j = run_end(ports, i);
    if (j <= i + 1) {  // fewer than three ports: no range variables
      ++i;
      continue;
    }
    const Port& p = ports[i];
    const Port& q = ports[j];
    std::string prefix = alias + "_PORT_" + std::to_string(p.number) + "_";
    std::string start = prefix + upper(p.proto);
    std::string end = prefix + upper(q.proto);
    env.push_back(start + "_START=" + p.proto + "://" + ip + ":" + std::to_string(p.number));
    env.push_back(start + "_ADDR=" + ip);
    env.push_back(start + "_PROTO=" + p.proto);
    env.push_back(start + "_PORT_START=" + std::to_string(p.number));
    env.push_back(end + "_END=" + q.proto + "://" + ip + ":" + std::to_string(q.number));
    env.push_back(end + "_PORT_END=" + std::to_string(q.number));
    i = j + 1;
  }
}

std::string key_of(const std::string& entry) { return entry.substr(0, entry.find('=')); }

}  // namespace

std::vector<std::string> legacy_link_variables(const std::string& parent, const std::string& alias,
                                               const LinkedContainer& child) {
  std::string prefix = upper(alias);
  std::replace(prefix.begin(), prefix.end(), '-', '_');
  const auto ports = parse_ports(child.exposed_ports);
  const std::string& ip = child.ip;

  std::vector<std::string> env;
  if (!ports.empty()) {
    env.push_back(prefix + "_PORT=" + ports[0].proto + "://" + ip + ":" +
                  std::to_string(ports[0].number));
  }
  add_range_variables(env, prefix, ip, ports);
  for (const auto& p : ports) {
    std::string base = prefix + "_PORT_" + std::to_string(p.number) + "_" + upper(p.proto);
    env.push_back(base + "=" + p.proto + "://" + ip + ":" + std::to_string(p.number));
    env.push_back(base + "_ADDR=" + ip);
    env.push_back(base + "_PORT=" + std::to_string(p.number));
    env.push_back(base + "_PROTO=" + p.proto);
  }
  env.push_back(prefix + "_NAME=/" + parent + "/" + alias);
  for (const auto& entry : child.env) {
    auto equals = entry.find('=');
    if (equals == std::string::npos) {
      continue;
    }
    std::string name = entry.substr(0, equals);
    // The engine leaves these out: build-time noise, not the linked service's.
    if (name == "HOME" || name == "PATH") {
      continue;
    }
    env.push_back(prefix + "_ENV_" + entry);
  }
  return env;
}

std::vector<LinkName> fig_link_names(const std::string& project, const std::string& alias,
                                     const std::vector<LinkedContainer>& containers) {
  std::vector<LinkName> names;
  std::set<std::string> seen;
  auto add = [&](const std::string& name, const LinkedContainer* container) {
    if (seen.insert(name).second) {
      names.push_back({name, container});
    }
  };
  if (!containers.empty()) {
    add(alias, &containers.front());
  }
  for (const auto& container : containers) {
    add(container.name, &container);
    add(container_name_without_project(project, container.name), &container);
  }
  return names;
}

void merge_environment(std::vector<std::string>& base, const std::vector<std::string>& overrides) {
  // Each key's first place in `base`, so that a linked service exposing
  // 65535 ports (four variables each) merges in one pass, not in 10^11 steps.
  std::unordered_map<std::string, size_t> places;
  places.reserve(base.size() + overrides.size());
  for (size_t i = 0; i < base.size(); ++i) {
    places.emplace(key_of(base[i]), i);
  }
  for (const auto& entry : overrides) {
    auto [at, added] = places.emplace(key_of(entry), base.size());
    if (added) {
      base.push_back(entry);
    } else {
      base[at->second] = entry;
    }
  }
}

}  // namespace berth::scheduler
