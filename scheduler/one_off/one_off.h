#pragma once
// run: a one-off container of a service, with the service's configuration,
// networks, links and link variables, after its dependencies are up.
// Starting and finishing are two calls because the command line pumps the
// container's standard streams in between.

#include <memory>
#include <string>

#include "compose/model.h"
#include "engine/engine.h"
#include "scheduler/dependency_graph.h"
#include "scheduler/one_off/one_off_spec.h"
#include "scheduler/progress.h"

namespace berth::scheduler {

struct OneOff {
  std::string id;
  std::string name;
  // Attached before the start, so no output is lost; null when detached.
  std::unique_ptr<engine::StdioStream> stdio;
};

// Brings up the service's dependencies (unless no_deps; as `up` of them
// would), makes sure its networks exist, creates the one-off container,
// attaches to it unless detached, and starts it. Errors: the service is
// unknown (not_found), the dependencies failed, or an engine call failed; a
// container already created is removed again when `remove` is set.
engine::Result<OneOff> start_one_off(engine::Engine& engine, const compose::Project& project,
                                     const DependencyGraph& graph, const RunOptions& options,
                                     Progress& progress);

// Waits until the container stops and gives its exit code; with `remove`
// the container (and its anonymous volumes) is removed then.
engine::Result<int> finish_one_off(engine::Engine& engine, const OneOff& one_off, bool remove);

}  // namespace berth::scheduler
