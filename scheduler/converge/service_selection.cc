#include "scheduler/converge/service_selection.h"

#include "compose/profiles.h"
#include "scheduler/converge/api_requirements.h"
#include "scheduler/converge/container_name_check.h"

namespace berth::scheduler {

namespace {

void check_startable(const compose::Project& project, const std::vector<std::string>& starting) {
  check_api_requirements(project, starting);
  check_container_names(project, starting);
}

}  // namespace

ServiceSelection select_for_up(const compose::Project& project, const DependencyGraph& graph,
                               const std::vector<std::string>& named, bool no_deps) {
  ServiceSelection out;
  if (named.empty()) {
    // A dependency the profiles leave out is a ConfigError here.
    out.services = compose::active_services(project, project.enabled_profiles, {});
    out.no_deps = false;
  } else {
    compose::active_services(project, project.enabled_profiles, named);  // checks the names
    out.services = named;
    out.no_deps = no_deps;
  }
  out.starting = out.no_deps ? out.services : graph.with_dependencies(out.services);
  check_startable(project, out.starting);
  return out;
}

std::vector<std::string> select_for_run(const compose::Project& project,
                                        const DependencyGraph& graph, const std::string& service,
                                        bool no_deps) {
  auto starting = no_deps ? std::vector<std::string>{service} : graph.with_dependencies({service});
  check_startable(project, starting);
  return starting;
}

std::vector<std::string> select_named_or_active(const compose::Project& project,
                                                const std::vector<std::string>& named) {
  if (named.empty()) {
    return compose::active_services(project, project.enabled_profiles, {});
  }
  compose::active_services(project, project.enabled_profiles, named);  // checks the names
  return named;
}

}  // namespace berth::scheduler
