#pragma once
// SwarmActions: what the swarm operations of a deploy or undeploy plan do on
// the engine (OperationRunner::on_swarm). It decides nothing: the plan says
// what, in which order; this says how a swarm is spoken to.

#include <chrono>
#include <map>
#include <mutex>
#include <string>

#include "compose/model.h"
#include "engine/engine.h"
#include "scheduler/plan.h"
#include "scheduler/progress.h"
#include "scheduler/swarm/deploy_plan.h"

namespace berth::scheduler {

// The stack's label filter: `com.docker.stack.namespace=<project>`.
engine::LabelFilter stack_filter(const compose::Project& project);

struct SwarmWaits {
  std::chrono::seconds timeout{300};            // each await_service
  std::chrono::milliseconds poll_interval{250};  // how often tasks are asked for
};

// Called from the Executor's threads at once.
class SwarmActions {
 public:
  SwarmActions(engine::Engine& engine, const compose::Project& project,
               const SwarmObservation& observed, SwarmWaits waits, Progress& progress)
      : m_engine(engine),
        m_project(project),
        m_observed(observed),
        m_waits(waits),
        m_progress(progress) {}

  // create_network and remove_network (overlay), create, update, remove and
  // await_service.
  engine::Status perform(const Operation& op);

 private:
  engine::Status create_network(const Operation& op);
  engine::Status remove_network(const Operation& op);
  engine::Status remove_service(const Operation& op);
  engine::Status apply(const Operation& op);
  engine::ServiceSpec spec_to_send(const Operation& op);
  engine::Status await(const Operation& op);
  void await_containers_gone();
  std::string id_of(const std::string& swarm_name);

  engine::Engine& m_engine;
  const compose::Project& m_project;
  const SwarmObservation& m_observed;
  SwarmWaits m_waits;
  Progress& m_progress;
  std::mutex m_mutex;
  std::map<std::string, std::string> m_created;  // swarm name -> ID made by this plan
  std::once_flag m_containers_gone;
};

}  // namespace berth::scheduler
