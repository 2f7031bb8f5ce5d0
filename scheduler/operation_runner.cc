#include "scheduler/operation_runner.h"

#include <chrono>
#include <future>

#include "scheduler/labels.h"
#include "scheduler/lifecycle_hooks.h"
#include "scheduler/network_plan.h"
#include "scheduler/network_removal.h"

namespace berth::scheduler {

namespace {

struct Verbs {
  const char* kind;
  const char* doing;
  const char* done;
};

Verbs kind_verbs(const Operation& op) {
  switch (op.kind) {
    case OperationKind::create_network: return {"Network", "Creating", "Created"};
    case OperationKind::create_volume: return {"Volume", "Creating", "Created"};
    case OperationKind::create_container:
      return op.replaces.empty() ? Verbs{"Container", "Creating", "Created"}
                                 : Verbs{"Container", "Recreate", "Recreated"};
    case OperationKind::start_container: return {"Container", "Starting", "Started"};
    case OperationKind::stop_container: return {"Container", "Stopping", "Stopped"};
    case OperationKind::kill_container: return {"Container", "Killing", "Killed"};
    case OperationKind::remove_container: return {"Container", "Removing", "Removed"};
    case OperationKind::rename_container: return {"Container", "Renaming", "Renamed"};
    case OperationKind::pause_container: return {"Container", "Pausing", "Paused"};
    case OperationKind::unpause_container: return {"Container", "Unpausing", "Unpaused"};
    case OperationKind::restart_container: return {"Container", "Restarting", "Restarted"};
    case OperationKind::remove_network: return {"Network", "Removing", "Removed"};
    case OperationKind::remove_volume: return {"Volume", "Removing", "Removed"};
    case OperationKind::remove_image: return {"Image", "Removing", "Removed"};
    case OperationKind::await_container:
      switch (op.condition) {
        case compose::DependencyCondition::service_healthy:
          return {"Container", "Waiting", "Healthy"};
        case compose::DependencyCondition::service_completed_successfully:
          return {"Container", "Waiting", "Exited"};
        case compose::DependencyCondition::service_started:  // running, healthy if checked
          return {"Container", "Waiting", "Ready"};
      }
      return {"Container", "Waiting", ""};
    case OperationKind::reload_container: return {"Container", "Reloading", "Reloaded"};
    case OperationKind::remove_late_containers: return {"Project", "", ""};
    case OperationKind::create_service: return {"Service", "Creating", "Created"};
    case OperationKind::update_service: return {"Service", "Updating", "Updated"};
    case OperationKind::remove_service: return {"Service", "Removing", "Removed"};
    case OperationKind::await_service:
      return op.condition == compose::DependencyCondition::service_completed_successfully
                 ? Verbs{"Service", "Waiting", "Completed"}
                 : Verbs{"Service", "Waiting", "Ready"};
  }
  return {"", "", ""};
}

Verbs verbs_for(const Operation& op) {
  Verbs verbs = kind_verbs(op);
  if (op.silent) {
    verbs.doing = "";
    verbs.done = "";
  }
  return verbs;
}

const std::string& shown_name(const Operation& op) {
  return op.display_name.empty() ? op.name : op.display_name;
}

// Stops and removals in turn, one container at a time: dockerd 20.10 loses
// count of a network's endpoints when many containers on it exit at once
// (moby/moby#43286), after which the network cannot be removed until dockerd
// restarts. compose v2, stopping all at once, hits it too (in its 5th
// `up`/`down` of 50 services on dockerd 20.10.24; berth stopping all at once
// in its 2nd; one at a time, DownStress.* runs 30 without it).
std::mutex g_one_at_a_time;

// A container slow to stop (one that ignores SIGTERM and waits out its
// timeout) gives up its turn after this long: the next stop begins, exits
// stay apart, and N such containers take N x 0.5 s plus one timeout rather
// than N timeouts in a row.
constexpr std::chrono::milliseconds k_turn{500};

engine::Status in_turn(const std::function<engine::Status()>& call) {
  std::unique_lock turn(g_one_at_a_time);
  auto done = std::async(std::launch::async, call);
  if (done.wait_for(k_turn) == std::future_status::timeout) {
    turn.unlock();
  }
  return done.get();
}

std::string slot(const Operation& op) { return op.service + ":" + std::to_string(op.number); }

bool is_swarm_service(OperationKind kind) {
  return kind == OperationKind::create_service || kind == OperationKind::update_service ||
         kind == OperationKind::remove_service || kind == OperationKind::await_service;
}

}  // namespace

OperationRunner::OperationRunner(engine::Engine& engine, const compose::Project& project,
                                 Progress& progress, int stop_timeout, Create create,
                                 Await await)
    : m_engine(engine), m_project(project), m_progress(progress), m_stop_timeout(stop_timeout),
      m_create(std::move(create)), m_await(std::move(await)) {}

int OperationRunner::stop_timeout_for(const std::string& service) const {
  if (m_stop_timeout >= 0) {
    return m_stop_timeout;
  }
  const auto* found = m_project.find_service(service);
  if (found && found->options.stop_grace_period) {
    return *found->options.stop_grace_period;
  }
  return 10;
}

// The container an operation acts on: an existing one, or the one this plan
// made for the same service and number.
std::string OperationRunner::container_of(const Operation& op) {
  if (!op.container_id.empty()) {
    return op.container_id;
  }
  std::lock_guard lock(m_mutex);
  return m_created[slot(op)];
}

engine::Status OperationRunner::create_network(const Operation& op) {
  for (const auto& network : m_project.networks) {
    if (network.name == op.name) {
      auto created = m_engine.create_network(network_create_for(m_project, network));
      return created ? engine::Status(engine::Done{}) : engine::Status(created.error());
    }
  }
  return engine::Error{engine::ErrorCode::not_found, 0, "network not declared in the project"};
}

engine::Status OperationRunner::swarm(const Operation& op) {
  if (!m_swarm) {
    return engine::Error{engine::ErrorCode::bad_request, 0, "cannot reach a swarm here"};
  }
  return m_swarm(op);
}

engine::Status OperationRunner::create_volume(const Operation& op) {
  for (const auto& decl : m_project.volumes) {
    if (decl.name == op.name) {
      engine::VolumeCreate spec;
      spec.name = decl.name;
      if (!decl.driver.empty()) {
        spec.driver = decl.driver;
      }
      spec.labels = decl.labels;
      spec.labels[labels::k_project] = m_project.name;
      spec.labels[labels::k_volume] = decl.key;
      spec.driver_opts = decl.driver_opts;
      return m_engine.create_volume(spec);
    }
  }
  return engine::Error{engine::ErrorCode::not_found, 0, "volume not declared in the project"};
}

engine::Status OperationRunner::run(const Operation& op, const std::string& id) {
  switch (op.kind) {
    case OperationKind::create_network: return op.overlay ? swarm(op) : create_network(op);
    case OperationKind::create_volume: return create_volume(op);
    case OperationKind::create_container: {
      auto created = m_create ? m_create(op)
                              : engine::Result<std::string>(engine::Error{
                                    engine::ErrorCode::bad_request, 0, "cannot create here"});
      if (!created) {
        return created.error();
      }
      std::lock_guard lock(m_mutex);
      m_created[slot(op)] = *created;
      return engine::Done{};
    }
    case OperationKind::start_container: return start(op, id);
    case OperationKind::stop_container:
      return op.in_turn ? in_turn([&] { return stop(op, id); }) : stop(op, id);
    case OperationKind::kill_container: return m_engine.kill_container(id, op.signal);
    case OperationKind::remove_container: {
      auto remove = [&]() -> engine::Status {
        if (id.empty()) {
          return engine::Done{};  // a replacement never created: nothing to remove
        }
        return engine::gone_is_done(m_engine.remove_container(id, op.force, op.remove_volumes));
      };
      return op.in_turn ? in_turn(remove) : remove();
    }
    case OperationKind::rename_container: return m_engine.rename_container(id, op.name);
    case OperationKind::pause_container: return m_engine.pause_container(id);
    case OperationKind::unpause_container: return m_engine.unpause_container(id);
    case OperationKind::restart_container:
      return m_engine.restart_container(id, stop_timeout_for(op.service));
    case OperationKind::remove_network:
      if (op.overlay) {
        return swarm(op);
      }
      return remove_project_network(m_engine, op.network_id.empty() ? op.name : op.network_id,
                                    op.name);
    case OperationKind::remove_volume: return engine::gone_is_done(m_engine.remove_volume(op.name));
    case OperationKind::remove_image: return remove_image(op);
    case OperationKind::await_container: return await(op, id);
    case OperationKind::reload_container:
      return m_reload ? m_reload(op, id)
                      : engine::Status(engine::Error{engine::ErrorCode::bad_request, 0,
                                                     "cannot reload here"});
    case OperationKind::remove_late_containers:
      return m_late ? m_late(op)
                    : engine::Status(engine::Error{engine::ErrorCode::bad_request, 0,
                                                   "cannot look for late containers here"});
    case OperationKind::create_service:
    case OperationKind::update_service:
    case OperationKind::remove_service:
    case OperationKind::await_service: return swarm(op);
  }
  return engine::Done{};
}

// down --rmi: an image another container still uses stays, with a warning,
// as compose v2 leaves it ("Resource is still in use"); one gone is done.
engine::Status OperationRunner::remove_image(const Operation& op) {
  auto removed = m_engine.remove_image(op.name, false);
  if (!removed && removed.error().code == engine::ErrorCode::conflict) {
    m_progress.warning("image " + op.name + " is kept: " + removed.error().message);
    return engine::Done{};
  }
  return engine::gone_is_done(std::move(removed));
}

// A failing post_start fails the start, as the container is not ready.
engine::Status OperationRunner::start(const Operation& op, const std::string& id) {
  auto started = m_engine.start_container(id);
  const compose::Service* service = m_project.find_service(op.service);
  if (!started || !op.hooks || service == nullptr || service->post_start.empty()) {
    return started;
  }
  return run_hooks(m_engine, id, op.name, service->post_start, HookKind::post_start, m_progress);
}

// A failing pre_stop does not keep the container running.
engine::Status OperationRunner::stop(const Operation& op, const std::string& id) {
  const compose::Service* service = m_project.find_service(op.service);
  if (op.hooks && service != nullptr && !service->pre_stop.empty()) {
    auto ran = run_hooks(m_engine, id, op.name, service->pre_stop, HookKind::pre_stop, m_progress);
    if (!ran) {
      m_progress.warning("container " + op.name + ": " + ran.error().message +
                         "; stopping it anyway");
    }
  }
  return engine::gone_is_done(m_engine.stop_container(id, stop_timeout_for(op.service)));
}

engine::Status OperationRunner::await(const Operation& op, const std::string& id) {
  if (!m_await) {
    return engine::Error{engine::ErrorCode::bad_request, 0, "cannot wait here"};
  }
  auto status = m_await(op, id);
  if (status) {
    return status;
  }
  std::string message = status.error().message + " (" + op.cause + ")";
  if (!op.required) {
    // required: false: the dependent starts anyway, and the user is told.
    m_progress.warning("service \"" + op.service + "\" (" + op.name + "): " + message);
    return engine::Done{};
  }
  return engine::Error{status.error().code, 0, message};
}

engine::Status OperationRunner::perform(const Operation& op) {
  const auto verbs = verbs_for(op);
  const std::string& shown = shown_name(op);
  if (*verbs.doing) {
    m_progress.step(verbs.kind, shown, verbs.doing);
  }
  auto status = run(op, container_of(op));
  if (!status) {
    // A swarm service's line names it already ("proj_web").
    const std::string prefix = op.service.empty() || is_swarm_service(op.kind)
                                   ? ""
                                   : "service \"" + op.service + "\": ";
    if (op.kind != OperationKind::create_network && op.kind != OperationKind::create_volume &&
        op.kind != OperationKind::remove_network && op.kind != OperationKind::remove_volume &&
        op.kind != OperationKind::remove_image) {
      // This line is the container's: its later steps, skipped, add none.
      std::lock_guard lock(m_mutex);
      m_skipped.insert(slot(op));
    }
    m_progress.error(verbs.kind, shown, prefix + status.error().message);
    return status;
  }
  if (*verbs.done) {
    m_progress.step(verbs.kind, shown, verbs.done);
  }
  return status;
}

void OperationRunner::skipped(const Operation& op, const std::string& reason) {
  // Once per container, not once per step it would have taken.
  std::lock_guard lock(m_mutex);
  if (is_swarm_service(op.kind)) {
    // Only what was to be deployed says so: a skipped wait or prune follows
    // a failure reported already.
    bool deploying =
        op.kind == OperationKind::create_service || op.kind == OperationKind::update_service;
    if (deploying && m_skipped.insert(slot(op)).second) {
      m_progress.error("Service", shown_name(op), "not deployed: " + reason);
    }
    return;
  }
  if (m_skipped.insert(op.kind == OperationKind::create_network ||
                               op.kind == OperationKind::create_volume
                           ? op.name
                           : slot(op))
          .second) {
    m_progress.error(verbs_for(op).kind, shown_name(op),
                     (op.service.empty() ? "" : "service \"" + op.service + "\" ") + reason);
  }
}

}  // namespace berth::scheduler
