#include "compose/profiles.h"

#include <algorithm>
#include <set>

#include "compose/config_error.h"

namespace berth::compose {
namespace {

bool contains(const std::vector<std::string>& values, const std::string& value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

bool enabled_for(const Service& service, const std::vector<std::string>& profiles) {
  // "*" enables every profile, as compose v2's `--profile "*"` does.
  if (service.profiles.empty() || contains(profiles, "*")) {
    return true;
  }
  return std::any_of(service.profiles.begin(), service.profiles.end(),
                     [&](const std::string& profile) { return contains(profiles, profile); });
}

struct Needed {
  std::string service;
  SourcePos pos;  // where the dependency is written
};

// Every service `service` needs directly, as the dependency graph counts them.
std::vector<Needed> dependencies_of(const Service& service) {
  std::vector<Needed> needed;
  for (const Link& link : service.links) {
    needed.push_back(Needed{link.service, link.pos});
  }
  for (const Dependency& dependency : service.depends_on) {
    needed.push_back(Needed{dependency.service, dependency.pos});
  }
  for (const VolumesFrom& source : service.volumes_from) {
    if (!source.is_container) {
      needed.push_back(Needed{source.source, source.pos});
    }
  }
  if (service.network_mode.kind == NetworkMode::Kind::service) {
    needed.push_back(Needed{service.network_mode.target, service.network_mode.pos});
  }
  return needed;
}

// Adds `roots` and, depth first, what they need to `active`.
void activate(const Project& project, const std::vector<const Service*>& roots,
              const std::vector<std::string>& profiles, std::set<std::string>& active) {
  std::vector<const Service*> pending(roots.rbegin(), roots.rend());
  for (const Service* root : roots) {
    active.insert(root->name);
  }
  while (!pending.empty()) {
    const Service* service = pending.back();
    pending.pop_back();
    for (const Needed& needed : dependencies_of(*service)) {
      const Service* dependency = project.find_service(needed.service);
      if (dependency == nullptr || active.count(dependency->name) != 0) {
        continue;  // an undefined service is the loader's error, not ours
      }
      if (!enabled_for(*dependency, profiles)) {
        throw ConfigError(needed.pos,
                          "service " + in_quotes(dependency->name) +
                              " was pulled in as a dependency of service " +
                              in_quotes(service->name) +
                              " but is not enabled by the active profiles; you may fix this by "
                              "adding a common profile to " +
                              in_quotes(dependency->name) + " and " + in_quotes(service->name));
      }
      active.insert(dependency->name);
      pending.push_back(dependency);
    }
  }
}

}  // namespace

std::vector<std::string> active_services(const Project& project,
                                         const std::vector<std::string>& enabled_profiles,
                                         const std::vector<std::string>& named_services) {
  std::vector<std::string> profiles = enabled_profiles;
  std::vector<const Service*> roots;
  for (const std::string& name : named_services) {
    const Service* service = project.find_service(name);
    if (service == nullptr) {
      throw ConfigError(SourcePos{}, "no such service: " + in_quotes(name));
    }
    roots.push_back(service);
    // Naming a service asks for it, so its profiles count as enabled for what it needs.
    profiles.insert(profiles.end(), service->profiles.begin(), service->profiles.end());
  }
  if (named_services.empty()) {
    for (const Service& service : project.services) {
      if (enabled_for(service, profiles)) {
        roots.push_back(&service);
      }
    }
  }
  std::set<std::string> active;
  activate(project, roots, profiles, active);
  std::vector<std::string> result;
  for (const Service& service : project.services) {
    if (active.count(service.name) != 0) {
      result.push_back(service.name);
    }
  }
  return result;
}

std::vector<std::string> enabled_profiles_from(
    const std::vector<std::string>& option_profiles,
    const std::map<std::string, std::string>& environment) {
  if (!option_profiles.empty()) {
    return option_profiles;
  }
  std::vector<std::string> profiles;
  auto variable = environment.find("COMPOSE_PROFILES");
  if (variable == environment.end()) {
    return profiles;
  }
  const std::string& list = variable->second;
  for (size_t begin = 0; begin <= list.size();) {
    size_t end = std::min(list.find(',', begin), list.size());
    if (end > begin) {
      profiles.push_back(list.substr(begin, end - begin));
    }
    begin = end + 1;
  }
  return profiles;
}

std::vector<std::string> parse_profiles(FieldReader& reader, const YamlNode& node,
                                        const std::string& path) {
  std::vector<std::string> profiles;
  if (!reader.expect(node, path, YamlNode::Kind::sequence)) {
    return profiles;
  }
  for (size_t i = 0; i < node.items.size(); ++i) {
    std::optional<std::string> name = reader.string(node.items[i], item_path(path, i));
    if (!name) {
      continue;
    }
    if (!is_valid_service_name(*name)) {
      reader.error(node.items[i], item_path(path, i),
                   "invalid profile name " + in_quotes(*name) +
                       " (use letters, digits, \"_\", \".\" and \"-\", starting with a letter or "
                       "digit)");
    } else if (!contains(profiles, *name)) {
      profiles.push_back(*name);
    }
  }
  return profiles;
}

}  // namespace berth::compose
