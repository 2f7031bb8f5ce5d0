#pragma once
// Plan: what must happen on the engine to bring a project to its desired
// state, as a DAG of operations, each one engine call with a cause. reconcile()
// makes plans, the Executor carries them out; tests compare plans as text.

#include <string>
#include <vector>

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
  remove_network,
  remove_volume,
  await_container,  // wait until a dependency's container is healthy or has completed
};

// What an await_container operation waits for.
enum class AwaitCondition { healthy, completed_successfully };

std::string to_string(OperationKind kind);

struct Operation {
  int id = 0;
  OperationKind kind = OperationKind::create_container;
  std::string service;       // empty for networks and volumes
  int number = 0;            // container number within the service; 0 for others
  std::string name;          // the container, network or volume name it acts on
  std::string container_id;  // an existing container's ID; empty when made by this plan
  std::string replaces;      // create_container: the ID of the container it replaces
  std::string signal;        // kill_container: the signal to send
  bool remove_volumes = false;  // remove_container: also its anonymous volumes
  AwaitCondition condition = AwaitCondition::healthy;  // await_container only
  bool required = true;  // await_container: false turns a failure into a warning
  // Runs even after an interruption: it completes a unit whose first step (a
  // replaced container's stop) has run, so Ctrl+C never leaves it half-done.
  bool finish_when_interrupted = false;
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
  std::string to_string() const;

 private:
  std::vector<Operation> m_operations;
};

}  // namespace berth::scheduler
