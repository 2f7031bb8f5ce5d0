#pragma once
// Builds small compose::Project values by hand, so scheduler tests need
// neither a project file nor an engine.

#include <string>

#include "compose/model.h"

namespace berth::scheduler::testing {

inline compose::Service& add_service(compose::Project& project, const std::string& name) {
  compose::Service service;
  service.name = name;
  service.image = "berth-test/busybox:latest";
  service.pos = {"compose.yaml", static_cast<int>(project.services.size()) * 3 + 2, 3,
                 "services." + name};
  project.services.push_back(service);
  return project.services.back();
}

inline void add_link(compose::Project& project, const std::string& from, const std::string& to,
                     const std::string& alias = "") {
  for (auto& service : project.services) {
    if (service.name == from) {
      compose::Link link;
      link.service = to;
      link.alias = alias.empty() ? to : alias;
      link.pos = {"compose.yaml", 9, 9, "services." + from + ".links[0]"};
      service.links.push_back(link);
    }
  }
}

inline void add_depends_on(
    compose::Project& project, const std::string& from, const std::string& to,
    compose::DependencyCondition condition = compose::DependencyCondition::service_started,
    bool required = true) {
  for (auto& service : project.services) {
    if (service.name == from) {
      compose::Dependency dependency;
      dependency.service = to;
      dependency.condition = condition;
      dependency.required = required;
      dependency.pos = {"compose.yaml", 7, 9, "services." + from + ".depends_on[0]"};
      service.depends_on.push_back(dependency);
    }
  }
}

}  // namespace berth::scheduler::testing
