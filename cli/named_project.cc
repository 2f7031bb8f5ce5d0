#include "cli/named_project.h"

#include "compose/project_without_file.h"
#include "scheduler/observed_state.h"
#include "scheduler/project/project_from_labels.h"

namespace berth::cli {

NamedProject load_named_project(const GlobalOptions& options) {
  const compose::LoadOptions load = load_options_of(options);
  const auto name = compose::project_name_without_file(load);
  if (!name) {
    return {load_checked_project(options), nullptr};
  }
  auto engine = connect_engine();
  compose::Project project = compose::project_without_file(*name, load);
  auto observed = scheduler::observe(*engine, project.name);
  if (!observed) {
    throw std::runtime_error(observed.error().message);
  }
  scheduler::describe_from_labels(project, *observed);
  auto graph = scheduler::DependencyGraph::build(project);
  return {LoadedProject{std::move(project), std::move(graph)}, std::move(engine)};
}

}  // namespace berth::cli
