#pragma once
// OperationRunner: performs one plan operation on the engine and reports it
// through Progress. What each kind means lives here once, for `up` and for
// the lifecycle commands alike; creating a container is delegated, since only
// `up` knows how a service becomes a container.

#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <string>

#include "compose/model.h"
#include "engine/engine.h"
#include "scheduler/plan.h"
#include "scheduler/progress.h"

namespace berth::scheduler {

class OperationRunner {
 public:
  using Create = std::function<engine::Result<std::string>(const Operation&)>;
  // Waits as an await_container operation says, for the container `id`.
  using Await = std::function<engine::Status(const Operation&, const std::string& id)>;

  // `stop_timeout`: seconds given on the command line, or -1 for each
  // service's stop_grace_period (default 10).
  OperationRunner(engine::Engine& engine, const compose::Project& project, Progress& progress,
                  int stop_timeout, Create create = {}, Await await = {});

  // What a remove_late_containers operation does (only `down` plans one).
  using Late = std::function<engine::Status(const Operation&)>;
  void on_late_containers(Late late) { m_late = std::move(late); }

  // What a reload_container operation does (x-berth-reload), for the
  // dependent's container `id`: only `up`, `scale` and `restart` plan one.
  using Reload = std::function<engine::Status(const Operation&, const std::string& id)>;
  void on_reload(Reload reload) { m_reload = std::move(reload); }

  // What the swarm operations do (only deploy and undeploy plan them):
  // create_network and remove_network with `overlay`, and create, update,
  // remove and await_service. The runner
  // reports them; the delegate decides how a swarm is spoken to.
  using Swarm = std::function<engine::Status(const Operation&)>;
  void on_swarm(Swarm swarm) { m_swarm = std::move(swarm); }

  engine::Status perform(const Operation& op);

  // For Executor::run's `skipped`: reports the operation as not done.
  void skipped(const Operation& op, const std::string& reason);

 private:
  engine::Status run(const Operation& op, const std::string& id);
  std::string container_of(const Operation& op);
  int stop_timeout_for(const std::string& service) const;
  engine::Status create_network(const Operation& op);
  engine::Status swarm(const Operation& op);
  engine::Status create_volume(const Operation& op);
  engine::Status await(const Operation& op, const std::string& id);
  engine::Status start(const Operation& op, const std::string& id);  // then post_start hooks
  engine::Status stop(const Operation& op, const std::string& id);   // pre_stop hooks first
  engine::Status remove_image(const Operation& op);

  engine::Engine& m_engine;
  const compose::Project& m_project;
  Progress& m_progress;
  int m_stop_timeout;
  Create m_create;
  Await m_await;
  Late m_late;
  Reload m_reload;
  Swarm m_swarm;
  std::mutex m_mutex;
  std::map<std::string, std::string> m_created;  // "service:number" -> ID made by this plan
  std::set<std::string> m_skipped;               // what was reported skipped already
};

}  // namespace berth::scheduler
