#pragma once
// Plan: what must happen on the engine to bring a project to its desired
// state, as a DAG of operations, each one engine call with a cause. reconcile()
// makes plans, the Executor carries them out; tests compare plans as text.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "compose/dependency_condition.h"
#include "engine/swarm_types.h"

namespace berth::scheduler {

enum class OperationKind {
  create_network,
  create_volume,
  create_container,  // new container for service:number (replacing one gets a temporary name)
  start_container,
  stop_container,
  kill_container,
  remove_container,
  rename_container,  // a replacement takes its predecessor's name
  pause_container,
  unpause_container,
  restart_container,  // supervision's heal: stop and start again, in one engine call
  remove_network,
  remove_volume,
  remove_image,  // down --rmi: an image of the project's services (name: its reference)
  await_container,  // wait until a dependency's container is healthy or has completed
  // x-berth-reload: a running dependent is told the containers now in rotation
  // of the services it links to (a file of link variables, then its command)
  reload_container,
  // down: remove the project's containers the observation did not see (a
  // create an interrupted berth had sent, finished by the engine later)
  remove_late_containers,
  // deploy: a swarm service of the stack (name: the swarm's, "proj_web")
  create_service,
  update_service,  // a rolling update to the new spec
  remove_service,  // --prune: a service the file no longer has
  await_service,   // wait until its tasks are running (or completed)
};

std::string to_string(OperationKind kind);

struct Operation {
  int id = 0;
  OperationKind kind = OperationKind::create_container;
  std::string service;       // empty for networks and volumes
  int number = 0;            // container number within the service; 0 for others
  std::string name;          // the container, network or volume name it acts on
  // The name shown to the user when it is not `name`: a replacement is
  // created under a temporary name and shown under the one it will take.
  std::string display_name;
  std::string network_id;    // remove_network: its ID, as two networks may share a name
  std::string container_id;  // an existing container's ID; empty when made by this plan
  // create_container, and the await of a start-first replacement: the ID of
  // the container it replaces
  std::string replaces;
  std::string signal;        // kill_container: the signal to send
  // reload_container: the linked containers this reload takes out of
  // rotation (by ID); they stay out for the rest of the plan's reloads,
  // unless a later reload names them `joining` (a restarted container).
  std::vector<std::string> leaving;
  std::vector<std::string> joining;
  bool remove_volumes = false;  // remove_container: also its anonymous volumes
  bool force = false;           // remove_container: also when it is running
  // Not shown as a step of its own: a replaced container's stop, removal and
  // rename show as its replacement's "Recreate"; down's stop of a stopped one.
  bool silent = false;
  bool hooks = true;  // start/stop: run the service's post_start/pre_stop hooks
  // stop/remove: one container at a time (down; see OperationRunner::in_turn).
  bool in_turn = false;
  // Runs even when an operation it waits on failed or was skipped: down
  // removes all it can, in order, whatever one container does.
  bool runs_after_failure = false;
  // Runs only when an operation it waits on failed or was skipped (the
  // removal of a start-first replacement that did not become healthy);
  // otherwise it is not needed, and counts as done for those waiting on it.
  bool only_after_failure = false;
  // Operations that must have finished first, whatever their outcome (the
  // next batch of a start-first rollout with failure_action: continue).
  std::vector<int> after_settled;
  // Begins this long after it may (update_config.delay between batches).
  int64_t delay_ns = 0;
  // await_container: service_healthy or service_completed_successfully;
  // await_service: service_started (every task running: swarm counts a task
  // with a health check as running only once healthy) or
  // service_completed_successfully (as many tasks complete).
  compose::DependencyCondition condition = compose::DependencyCondition::service_healthy;
  bool required = true;  // await_container: false turns a failure into a warning
  // await_container: once the condition is reached it must hold this long (a
  // start-first replacement without a health check: update_config.monitor).
  int64_t monitor_ns = 0;
  // Runs even after an interruption: it completes a unit whose first step (a
  // replaced container's stop) has run, so Ctrl+C never leaves it half-done.
  bool finish_when_interrupted = false;
  // create_network, remove_network: an overlay network of a swarm stack
  // (deploy, undeploy), handled by the verb's delegate, not as `up`'s are.
  bool overlay = false;
  // create_service, update_service: the spec as planned. A service with links
  // gets its link addresses again when it is carried out: a virtual IP exists
  // only once the linked service does.
  std::shared_ptr<const engine::ServiceSpec> service_spec;
  // update_service, remove_service, await_service: an existing service's ID
  // (empty when made by this plan) and, for an update, its Version.Index.
  std::string service_id;
  uint64_t service_version = 0;
  std::string cause;         // why: shown in plans and in verbose output
  std::vector<int> after;    // operations that must have succeeded first
};

class Plan {
 public:
  // Adds an operation, gives it the next id and returns that id.
  int add(Operation operation);

  const std::vector<Operation>& operations() const { return m_operations; }
  const Operation& operation(int id) const { return m_operations.at(id - 1); }
  bool empty() const { return m_operations.empty(); }

  // One line per operation, in id order:
  //   "[1 2] -> #3 service:web:1, CreateContainer, no existing container"
  // An id waited on whatever its outcome shows as "~4"; an operation that
  // runs only after a failure shows its ids as "!4".
  std::string to_string() const;

 private:
  std::vector<Operation> m_operations;
};

}  // namespace berth::scheduler
